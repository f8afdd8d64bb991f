/**
 * `shortlist candidates import` of a JSONL file against `COPY` of the same rows,
 * each into the emptied candidates table with all its indexes in place.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { repoRoot } from "@shortlist/config";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { searchKeyOf } from "@shortlist/db";
import { watchRss } from "../lib/rss";
import { COMPANY_COUNT, companyName, DOMAINS, FIRST_NAMES, LAST_NAMES, ROLES } from "../seed";
import type { ScenarioContext } from "./context";

export interface ImportRound {
  cli: { seconds: number; rowsPerSec: number; peakRssMiB: number; rssDetail: string; rowsAfter: number };
  copy: { seconds: number; rowsPerSec: number };
  /** The CLI's rows/s over COPY's. */
  ratio: number;
}

export interface ImportResult {
  rows: number;
  fileMiB: number;
  rounds: ImportRound[];
}

/** The CLI's entry (what node_modules/.bin/shortlist links to), run by this same Node: one process to measure. */
export const CLI = join(repoRoot, "packages/client/bin/shortlist.js");

interface ImportRow {
  name: string;
  email: string;
  role: string;
  company: string;
  assessmentDomains: string[];
  recruiterNotes?: string;
  consentGiven: boolean;
}

export function importRow(i: number): ImportRow {
  const row: ImportRow = {
    name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]}`,
    email: `import${i}@example.org`,
    role: ROLES[(i * 3) % ROLES.length]!,
    company: companyName(1 + ((i * 11) % COMPANY_COUNT)),
    assessmentDomains: [DOMAINS[i % DOMAINS.length]!, DOMAINS[(i + 4) % DOMAINS.length]!],
    consentGiven: i % 2 === 0,
  };
  if (i % 3 === 0) row.recruiterNotes = `Imported from the careers site, batch ${Math.floor(i / 1000)}.`;
  return row;
}

/** COPY text format: backslash, tab, newline and carriage return escaped; \N is NULL. */
const copyText = (v: string) =>
  v.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!);
const copyArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;

/**
 * Writes the same rows as JSONL (for the CLI) and as COPY text (for the baseline). Since the jobs model COPY loads the
 * people only (search key computed here, for free): the CLI's import also files each person under the row's job
 * (found or created), with an application, its history row and the counters, so the ratio is a lower bound.
 */
export async function writeImportFiles(dir: string, rows: number): Promise<{ jsonl: string; copy: string }> {
  const jsonl = join(dir, "candidates.jsonl");
  const copy = join(dir, "candidates.copy");
  const a = createWriteStream(jsonl);
  const b = createWriteStream(copy);
  const now = new Date().toISOString();
  let bufA = "";
  let bufB = "";
  const flush = async () => {
    const okA = a.write(bufA);
    const okB = b.write(bufB);
    bufA = bufB = "";
    // Listen on both before waiting on either: one may drain while the other is awaited.
    await Promise.all([okA || once(a, "drain"), okB || once(b, "drain")]);
  };
  for (let i = 1; i <= rows; i++) {
    const r = importRow(i);
    bufA += `${JSON.stringify(r)}\n`;
    bufB +=
      [
        copyText(r.name),
        copyText(r.email),
        copyText(searchKeyOf(r.name, r.email)),
        copyText(copyArray(r.assessmentDomains)),
        r.recruiterNotes === undefined ? "\\N" : copyText(r.recruiterNotes),
        "\\N",
        r.consentGiven ? "t" : "f",
        r.consentGiven ? now : "\\N",
      ].join("\t") + "\n";
    if (i % 5000 === 0) await flush();
  }
  await flush();
  a.end();
  b.end();
  await Promise.all([once(a, "close"), once(b, "close")]);
  return { jsonl, copy };
}

async function emptyTable(client: pg.Client) {
  await client.query("truncate candidates cascade");
}

async function count(client: pg.Client) {
  const { rows } = await client.query<{ n: string }>("select count(*) as n from candidates");
  return Number(rows[0]!.n);
}

async function runCopy(ctx: ScenarioContext, file: string, rows: number): Promise<ImportRound["copy"]> {
  await emptyTable(ctx.client);
  await ctx.client.query("vacuum analyze candidates");
  const started = performance.now();
  await pipeline(
    createReadStream(file),
    ctx.client.query(
      copyFrom(
        "copy candidates (name, email, search_key, assessment_domains, recruiter_notes, resume_url, consent_given, consent_timestamp) from stdin",
      ),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const copied = await count(ctx.client);
  if (copied !== rows) throw new Error(`COPY left ${copied} rows, expected ${rows}`);
  ctx.log(`  COPY: ${seconds.toFixed(1)} s, ${(rows / seconds).toFixed(0)} rows/s`);
  return { seconds, rowsPerSec: rows / seconds };
}

async function runCli(ctx: ScenarioContext, file: string, rows: number): Promise<ImportRound["cli"]> {
  await emptyTable(ctx.client);
  await ctx.client.query("vacuum analyze candidates");
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, "candidates", "import", file], {
    env: { ...process.env, SHORTLIST_URL: ctx.shortlist.url, SHORTLIST_TOKEN: ctx.token, NO_COLOR: "1", CI: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const rss = watchRss(child.pid!);
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const [code] = (await once(child, "exit")) as [number | null];
  rss.stop();
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`shortlist candidates import exited with ${code}:\n${output}`);
  const rowsAfter = await count(ctx.client);
  if (rowsAfter !== rows) throw new Error(`the import left ${rowsAfter} rows, expected ${rows}:\n${output}`);
  const cli = { seconds, rowsPerSec: rows / seconds, peakRssMiB: rss.peakMiB(), rssDetail: rss.detail(), rowsAfter };
  ctx.log(
    `  CLI: ${seconds.toFixed(1)} s, ${cli.rowsPerSec.toFixed(0)} rows/s, peak RSS ${cli.peakRssMiB.toFixed(0)} MiB (${cli.rssDetail})`,
  );
  return cli;
}

/** Writes the import files once, then runs COPY and the CLI once per round (alternating which goes first). */
export async function importScenario(
  ctx: ScenarioContext,
  dir: string,
  rows: number,
  rounds: number,
): Promise<ImportResult> {
  if (!existsSync(CLI)) throw new Error(`The shortlist CLI is not installed at ${CLI}`);
  ctx.log(`  writing ${rows.toLocaleString("en")} rows as JSONL and as COPY text`);
  const files = await writeImportFiles(dir, rows);
  const fileMiB = (await stat(files.jsonl)).size / 1024 ** 2;
  const results: ImportRound[] = [];
  for (let i = 0; i < rounds; i++) {
    ctx.log(`  round ${i + 1} of ${rounds}`);
    let copy: ImportRound["copy"];
    let cli: ImportRound["cli"];
    if (i % 2 === 0) {
      copy = await runCopy(ctx, files.copy, rows);
      cli = await runCli(ctx, files.jsonl, rows);
    } else {
      cli = await runCli(ctx, files.jsonl, rows);
      copy = await runCopy(ctx, files.copy, rows);
    }
    results.push({ cli, copy, ratio: cli.rowsPerSec / copy.rowsPerSec });
  }
  return { rows, fileMiB, rounds: results };
}
