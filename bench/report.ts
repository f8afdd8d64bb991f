/** Writes BENCHMARKS.md from one run's figures. */
import { writeFile } from "node:fs/promises";
import type { BenchOptions } from "./lib/args";
import type { Machine } from "./lib/machine";
import type { Row } from "./scenarios/context";
import type { ImportResult } from "./scenarios/import";

export interface Report {
  options: BenchOptions;
  machine: Machine;
  database: string;
  seed: { rows: number; seconds: number; method: string };
  http: Row[];
  importResult?: ImportResult;
  startedAt: Date;
  seconds: number;
  notes: string[];
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mark = (met?: boolean) => (met === undefined ? "—" : met ? "met" : "**MISSED**");

export function renderReport(r: Report): string {
  const lines: string[] = [];
  const { options: o, machine: m } = r;
  lines.push(
    "# Benchmarks",
    "",
    `Written by \`npm run bench -- --rows ${o.rows} --duration ${o.duration}\` on ${r.startedAt.toISOString()} (${fmt(r.seconds)} s in all).`,
    "Every figure comes from that one run, on one database, with Shortlist and the baseline measured",
    "back to back; the ratios are what the targets hold, since absolute figures move with the machine.",
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
    `| load average at start (1 / 5 / 15 min) | ${m.loadAverage} |`,
    "",
    "## Setup",
    "",
    `- ${fmt(r.seed.rows)} candidates seeded in ${fmt(r.seed.seconds, 1)} s: ${r.seed.method}.`,
    `- HTTP: autocannon in a worker thread, ${o.connections} concurrent connections, ${o.duration} s measured per scenario and side after ${o.warmup} s of warm-up,`,
    `  in ${o.slices} alternating slices (Shortlist, baseline, baseline, Shortlist, …) so that load from elsewhere on the machine falls on both alike;`,
    "  throughput is 2xx responses per measured second, p50 / p99 come from the merged latency histograms.",
    `- Shortlist: the real app (\`createApp\` from @shortlist/server: helmet, pino-http, tRPC with superjson, a MikroORM fork per call,`,
    `  a transaction per mutation, zod input) with a pool of ${o.pool} connections, log level \`warn\`, authenticated with an API token (Bearer).`,
    `- Baseline: bare Express + a raw \`pg\` Pool of ${o.pool} connections on the same URLs, the same token lookup, the same SQL`,
    "  and the same DTO fields as plain JSON (see bench/baseline-server.ts).",
    "- Both servers run on the main thread of the bench's one Node process, the load generator on a worker thread of it;",
    "  PostgreSQL runs beside it on the same machine.",
    "",
    "## HTTP",
    "",
    "| scenario | Shortlist req/s | p50 / p99 ms | CPU ms/req | baseline req/s | p50 / p99 ms | CPU ms/req | ratio | target | |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
  );
  for (const row of r.http) {
    lines.push(
      `| ${row.scenario} | ${fmt(row.shortlist.requestsPerSec)} | ${row.shortlist.p50} / ${row.shortlist.p99} | ${fmt(row.shortlist.cpuMsPerRequest, 2)} | ${fmt(row.baseline.requestsPerSec)} | ${row.baseline.p50} / ${row.baseline.p99} | ${fmt(row.baseline.cpuMsPerRequest, 2)} | ${fmt(row.ratio, 2)}× | ${row.target?.text ?? "—"} | ${mark(row.target?.met)} |`,
    );
  }
  const notes = r.http.filter((row) => row.note).map((row) => `- ${row.scenario}: ${row.note}`);
  if (notes.length) lines.push("", ...notes);

  if (r.importResult) {
    const i = r.importResult;
    lines.push(
      "",
      "## Import",
      "",
      `${fmt(i.rows)} rows, the same rows on both sides, each into the emptied candidates table (all indexes in place).`,
      "",
      "| path | seconds | rows/s | peak RSS | |",
      "|---|---:|---:|---:|---|",
      `| \`shortlist candidates import\` (JSONL, ${fmt(i.fileMiB, 1)} MiB) | ${fmt(i.cli.seconds, 1)} | ${fmt(i.cli.rowsPerSec)} | ${fmt(i.cli.peakRssMiB, 1)} MiB | ${i.cli.rssDetail} |`,
      `| \`COPY … FROM STDIN\` via pg-copy-streams | ${fmt(i.copy.seconds, 1)} | ${fmt(i.copy.rowsPerSec)} | — | |`,
      "",
      "| target | figure | |",
      "|---|---:|---|",
      `| import ≥ 0.3× COPY rows/s | ${fmt(i.ratio, 2)}× | ${mark(i.ratio >= 0.3)} |`,
      `| importer peak RSS < 300 MB | ${fmt(i.cli.peakRssMiB * 1.048576, 0)} MB | ${mark(i.cli.peakRssMiB * 1.048576 < 300)} |`,
      "",
      `Rows present after the import: ${fmt(i.cli.rowsAfter)} (expected ${fmt(i.rows)}).`,
    );
  } else {
    lines.push("", "## Import", "", "Not run (--skip-import).");
  }
  if (r.notes.length) lines.push("", "## Notes", "", ...r.notes.map((n) => `- ${n}`));
  return `${lines.join("\n")}\n`;
}

export async function writeReport(path: string, report: Report) {
  await writeFile(path, renderReport(report));
}
