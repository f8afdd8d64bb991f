import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { repoRoot } from "@shortlist/config";

export interface BenchOptions {
  /** Rows seeded into candidates before the HTTP scenarios. */
  rows: number;
  /** Rows in the import file (JSONL for the CLI, COPY text for the baseline). */
  importRows: number;
  /** Seconds autocannon runs each measured scenario. */
  duration: number;
  /** Seconds of unrecorded warm-up before each measured run. */
  warmup: number;
  /** Turns each side's measured time is split into, alternating with the other side. */
  slices: number;
  /** Concurrent HTTP clients. */
  connections: number;
  /** Database pool size of both servers. */
  pool: number;
  out: string;
  skipImport: boolean;
}

const HELP = `npm run bench -- [options]

  --rows N          rows seeded into candidates (default 1000000)
  --import-rows N   rows in the import file (default: --rows)
  --duration S      seconds per measured scenario (default 10)
  --warmup S        seconds of warm-up before each one (default 2)
  --slices N        turns each side's measured time is split into, alternating
                    Shortlist and the baseline (default 5)
  --connections N   concurrent clients (default 10)
  --pool N          database pool size of both servers (default 10)
  --out FILE        report file (default BENCHMARKS.md at the repository root)
  --skip-import     leave out the import scenario
  --help

Uses DATABASE_URL when it is set (in a fresh database created beside the one it
names, dropped afterwards); otherwise boots an embedded PostgreSQL in a temp dir.`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not ${value}`);
  return n;
}

export function parseBenchArgs(argv = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: "string" },
      "import-rows": { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      slices: { type: "string" },
      connections: { type: "string" },
      pool: { type: "string" },
      out: { type: "string" },
      "skip-import": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const rows = Math.round(positive("rows", values.rows, 1_000_000));
  return {
    rows,
    importRows: Math.round(positive("import-rows", values["import-rows"], rows)),
    duration: positive("duration", values.duration, 10),
    warmup: values.warmup === "0" ? 0 : positive("warmup", values.warmup, 2),
    slices: Math.round(positive("slices", values.slices, 5)),
    connections: Math.round(positive("connections", values.connections, 10)),
    pool: Math.round(positive("pool", values.pool, 10)),
    out: resolve(repoRoot, values.out ?? "BENCHMARKS.md"),
    skipImport: values["skip-import"] ?? false,
  };
}
