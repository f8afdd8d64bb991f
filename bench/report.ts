/**
 * Writes BENCHMARKS.md from one run's figures: every sentence is either computed from them or part of the
 * dated notes people wrote (bench/NOTES.md), copied verbatim at the end. Run directly
 * (`tsx bench/report.ts <figures.json> [out]`) it renders again the figures a run saved in the temp dir.
 */
import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchOptions } from "./lib/args";
import type { Machine } from "./lib/machine";
import { fmt, mark, percent, range } from "./lib/format";
import { readNotes } from "./lib/notes";
import {
  evaluateTargets,
  importFigures,
  IMPORT_RSS_LIMIT_MB,
  meets,
  relativeSpread,
  spread,
  targetText,
} from "./lib/stats";
import { admissionsSection } from "./report-admissions";
import type { AdmissionsResult } from "./scenarios/admissions";
import type { Round, Row } from "./scenarios/context";
import type { ImportResult } from "./scenarios/import";
import type { VerifyResult } from "./scenarios/verify";

export interface Report {
  options: BenchOptions;
  machine: Machine;
  database: string;
  seed: { rows: number; seconds: number; method: string; applications?: { seconds: number; method: string } };
  /** Process ids: the bench's main process (both servers) and the load generator's. */
  processes: { servers: number; load: number | undefined };
  http: Row[];
  importResult?: ImportResult;
  /** Absent in reports of runs before the audit chain existed. */
  verifyResult?: VerifyResult;
  /** Absent when the admissions scenario did not run (or before it existed). */
  admissionsResult?: AdmissionsResult;
  startedAt: Date;
  seconds: number;
  loadAverageAtEnd: string;
}

function command(o: BenchOptions) {
  const flags = [
    `--rows ${o.rows}`,
    `--import-rows ${o.importRows}`,
    `--rounds ${o.rounds}`,
    `--duration ${o.duration}`,
    `--warmup ${o.warmup}`,
    `--slices ${o.slices}`,
    `--connections ${o.connections}`,
    `--pool ${o.pool}`,
    // Figures saved before the audit chain have no such option.
    ...(o.auditEvents === undefined ? [] : [`--audit-events ${o.auditEvents}`]),
    ...(o.admissionsRows !== undefined && o.only?.includes("admissions")
      ? [`--admissions-rows ${o.admissionsRows}`]
      : []),
    ...(o.skipImport ? ["--skip-import"] : []),
  ];
  return `npm run bench -- ${flags.join(" ")}`;
}

function httpSection(r: Report): string[] {
  const { options: o } = r;
  const lines = [
    "## HTTP",
    "",
    `Medians over the ${o.rounds} rounds; the ratio columns give the median and, in brackets, the lowest and highest round.`,
    "",
    "| scenario | Shortlist req/s | p50 / p99 ms | CPU ms/req | baseline req/s | p50 / p99 ms | CPU ms/req | throughput ratio | CPU ratio | target | |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
  ];
  for (const row of r.http) {
    const ratio = spread(row.rounds.map((x) => x.ratio));
    const cpu = spread(row.rounds.map((x) => x.cpuRatio));
    const med = (pick: (x: Round) => number, digits: number) => fmt(spread(row.rounds.map(pick)).median, digits);
    const side = (which: "shortlist" | "baseline") => [
      med((x) => x[which].requestsPerSec, 0),
      `${med((x) => x[which].p50, -1)} / ${med((x) => x[which].p99, -1)}`,
      med((x) => x[which].cpuMsPerRequest, 2),
    ];
    const met = row.target ? meets(row.target, ratio.median) : undefined;
    lines.push(
      `| ${[row.scenario, ...side("shortlist"), ...side("baseline"), range(ratio, 2, "×"), range(cpu, 2, "×"), row.target ? targetText(row.target) : "—", mark(met)].join(" | ")} |`,
    );
  }
  lines.push(
    "",
    "- req/s: 2xx responses per measured second. p50 / p99: from the latency histograms of a round's slices, merged.",
    "- CPU ms/req: user + system CPU time of the servers' process (`process.cpuUsage()` of the bench's main process,",
    `  pid ${r.processes.servers}, around each slice) over the 2xx responses of the slice's side; the load generator is`,
    `  another process${r.processes.load ? ` (pid ${r.processes.load})` : ""} and is not counted.`,
    "- throughput ratio: Shortlist's req/s over the baseline's; CPU ratio: Shortlist's CPU ms/req over the baseline's;",
    "  each computed per round. A target is met when the median round meets it.",
  );
  if (r.http.length) {
    const moved = (pick: (x: Round) => number) => {
      const s = spread(r.http.map((row) => relativeSpread(spread(row.rounds.map(pick)))));
      return `${percent(s.median)} (${percent(s.min)}–${percent(s.max)})`;
    };
    lines.push(
      `- How far each ratio moved between rounds ((max − min) / median), the median over the ${r.http.length} rows:`,
      `  throughput ratio ${moved((x) => x.ratio)}, CPU ratio ${moved((x) => x.cpuRatio)}.`,
    );
  }
  for (const row of r.http) {
    const parts = [row.ratioOf ? `the throughput ratio column is ${row.ratioOf}` : "", row.note ?? ""].filter(Boolean);
    if (parts.length) lines.push(`- ${row.scenario}: ${parts.join("; ").replace(/\.?$/, ".")}`);
  }
  lines.push(
    "",
    "### Ratios per round",
    "",
    "| scenario | throughput ratio per round | CPU ratio per round |",
    "|---|---|---|",
  );
  for (const row of r.http) {
    const each = (pick: (x: Round) => number) => row.rounds.map((x) => fmt(pick(x), 2)).join(", ");
    lines.push(`| ${row.scenario} | ${each((x) => x.ratio)} | ${each((x) => x.cpuRatio)} |`);
  }
  return lines;
}

function importSection(r: Report): string[] {
  const i = r.importResult;
  if (!i) return ["## Import", "", "Not run (--skip-import)."];
  const f = importFigures(i);
  const seconds = (pick: (x: ImportResult["rounds"][number]) => number) => spread(i.rounds.map(pick)).median;
  const rss = spread(i.rounds.map((x) => x.cli.peakRssMiB));
  const rowsAfter = i.rounds.map((x) => x.cli.rowsAfter);
  return [
    "## Import",
    "",
    `${fmt(i.rows)} rows, the same rows on both sides, each into the emptied candidates table (all indexes in place),`,
    `in ${i.rounds.length} rounds (COPY first in odd rounds, the CLI first in even ones); medians, with min–max in brackets.`,
    "",
    "| path | seconds | rows/s | peak RSS |",
    "|---|---:|---:|---:|",
    `| \`shortlist candidates import\` (JSONL, ${fmt(i.fileMiB, 1)} MiB) | ${fmt(
      seconds((x) => x.cli.seconds),
      1,
    )} | ${range(f.cliRowsPerSec, 0)} | ${range(rss, 1, " MiB")} |`,
    `| \`COPY … FROM STDIN\` via pg-copy-streams | ${fmt(
      seconds((x) => x.copy.seconds),
      1,
    )} | ${range(f.copyRowsPerSec, 0)} | — |`,
    "",
    `- Rows present after each CLI import: ${rowsAfter.map((n) => fmt(n)).join(", ")} (expected ${fmt(i.rows)}).`,
    `- Peak RSS per round, by process: ${i.rounds.map((x) => x.cli.rssDetail || "—").join("; ")}.`,
    "- The CLI runs as a child process (`node packages/client/bin/shortlist.js candidates import <file>`, its default",
    "  batch size, against this run's Shortlist server); its peak RSS is the sum of the kernel's high-water marks",
    "  (VmHWM in /proc/<pid>/status) of it and any process it starts, polled every 50 ms.",
    "- COPY streams the same rows, pre-written in COPY text format, over one connection.",
  ];
}

function verifySection(r: Report): string[] {
  const v = r.verifyResult;
  if (!v) return [];
  const med = (pick: (x: VerifyResult["rounds"][number]) => number) => spread(v.rounds.map(pick));
  return [
    "## Audit verification",
    "",
    `The audit chain holding ${fmt(v.events)} events: those the run's writes recorded (creates, imported rows), topped up through`,
    `\`appendEvents\` to at least ${fmt(r.options.auditEvents)} (${fmt(v.seedSeconds, 1)} s). Read whole ${v.rounds.length} times by each side, taking turns;`,
    "medians, with min–max in brackets.",
    "",
    "| path | seconds | events/s | CPU ms per 1,000 events |",
    "|---|---:|---:|---:|",
    `| \`verifyChain\` (what \`audit.verify\` and \`shortlist audit verify\` run) | ${range(
      med((x) => x.verify.seconds),
      2,
    )} | ${fmt(med((x) => x.verify.perSec).median)} | ${fmt(med((x) => x.verify.cpuMsPerThousand).median, 1)} |`,
    `| raw \`pg\` read + SHA-256 of each row | ${range(
      med((x) => x.raw.seconds),
      2,
    )} | ${fmt(med((x) => x.raw.perSec).median)} | ${fmt(med((x) => x.raw.cpuMsPerThousand).median, 1)} |`,
    "",
    `- Ratio (verify's seconds over the raw read's), per round: ${v.rounds.map((x) => `${fmt(x.ratio, 2)}×`).join(", ")}.`,
    "- Verify recomputes each event's hash from its fields' RFC 8785 canonical JSON and the previous hash, and compares.",
    "- The raw side reads the same rows with one `pg` client in keyset pages of 2,000, as verify reads them (`select * … where seq > $1 order by",
    "  seq limit 2000`) and hashes each row's `JSON.stringify` with SHA-256, chained: the least work any reader of the rows must do.",
    "- Seeded events have the shapes the app writes (candidate edits with sealed personal fields, status moves).",
  ];
}

function targetsSection(r: Report): string[] {
  const outcomes = evaluateTargets(r.http, r.importResult, r.verifyResult, r.admissionsResult);
  const lines = [
    "## Targets",
    "",
    `Each decided by the median of the ${r.options.rounds} rounds.`,
    "",
    "| target | held to | median | min–max | |",
    "|---|---|---:|---:|---|",
    ...outcomes.map(
      (t) =>
        `| ${t.name} | ${t.text} | ${fmt(t.figure.median, t.digits)}${t.unit} | ${fmt(t.figure.min, t.digits)}–${fmt(t.figure.max, t.digits)}${t.unit} | ${mark(t.met)} |`,
    ),
  ];
  const missed = outcomes.filter((t) => !t.met);
  lines.push(
    "",
    missed.length
      ? `Missed in this run: ${missed.map((t) => `${t.name} (${fmt(t.figure.median, t.digits)}${t.unit} against ${t.text})`).join("; ")}.`
      : `All ${outcomes.length} targets met in this run.`,
  );
  const rss = outcomes.find((t) => t.name === "importer peak RSS");
  if (rss?.met && rss.figure.median >= 0.9 * IMPORT_RSS_LIMIT_MB) {
    lines.push(`The importer's median peak RSS is within 10% of the ${IMPORT_RSS_LIMIT_MB} MB limit.`);
  }
  return lines;
}

export function renderReport(r: Report, notes: string): string {
  const { options: o, machine: m } = r;
  const lines: string[] = [
    "# Benchmarks",
    "",
    `Written by \`${command(o)}\`${o.quick ? " (quick mode)" : ""}`,
    `on ${r.startedAt.toISOString()} (${fmt(r.seconds)} s in all): ${fmt(o.rows)} rows seeded, every ratio measured in ${o.rounds} rounds.`,
    "Every figure and sentence before the notes at the end is computed from that one run.",
    "",
    "## Machine",
    "",
    "| | |",
    "|---|---|",
    `| CPU | ${m.cpu}, ${m.cores} cores |`,
    `| memory | ${m.memory} |`,
    `| OS | ${m.os} |`,
    `| Node | ${m.node} |`,
    `| PostgreSQL | ${m.postgres.split(" on ")[0]} — ${r.database} |`,
    `| load average (1 / 5 / 15 min) at start; at the end | ${m.loadAverage}; ${r.loadAverageAtEnd} |`,
    "",
    "## Setup",
    "",
    `- ${fmt(r.seed.rows)} candidates seeded in ${fmt(r.seed.seconds, 1)} s: ${r.seed.method}.`,
    ...(r.seed.applications
      ? [`- Applications seeded in ${fmt(r.seed.applications.seconds, 1)} s: ${r.seed.applications.method}.`]
      : []),
    `- Load: autocannon in a child process, ${o.connections} concurrent connections. Per scenario: ${o.warmup} s of unrecorded warm-up per side,`,
    `  then ${o.rounds} rounds; in each round every side is measured for ${o.duration} s in ${o.slices} slices, the sides taking turns slice by slice.`,
    `- Shortlist: \`createApp\` from @shortlist/server with a pool of ${o.pool} connections, log level \`warn\`, called with an API token (Bearer).`,
    `- Baseline: bench/baseline-server.ts (bare Express over a raw \`pg\` Pool of ${o.pool} connections) on the same URLs with the same token.`,
    `- Both servers run in the bench's main process (pid ${r.processes.servers}); PostgreSQL: ${r.database}.`,
    "",
    ...httpSection(r),
    "",
    ...importSection(r),
    "",
    ...(r.verifyResult ? [...verifySection(r), ""] : []),
    ...(r.admissionsResult ? [...admissionsSection(r.admissionsResult), ""] : []),
    ...targetsSection(r),
  ];
  if (notes) {
    lines.push(
      "",
      "---",
      "",
      "Everything below is copied verbatim from bench/NOTES.md: notes written by people on the date in each heading, not measured by this run.",
      "",
      notes,
    );
  }
  return `${lines.join("\n")}\n`;
}

export async function writeReport(path: string, report: Report) {
  await writeFile(path, renderReport(report, await readNotes()));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [figures, out = "BENCHMARKS.md"] = process.argv.slice(2);
  if (!figures) throw new Error("usage: tsx bench/report.ts <figures.json> [out]");
  const report = JSON.parse(await readFile(figures, "utf8")) as Report;
  await writeReport(resolve(out), { ...report, startedAt: new Date(report.startedAt) });
  console.log(`wrote ${out}`);
}
