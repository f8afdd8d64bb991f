import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { repoRoot } from "@shortlist/config";

export const SCENARIOS = [
  "list",
  "stats",
  "create",
  "audit",
  "counts",
  "import",
  "verify",
  "conversations",
  "memory",
  "questions",
  "matching",
  "admissions",
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchOptions {
  /** Rows seeded into candidates before the HTTP scenarios. */
  rows: number;
  /** Rows in the import file (JSONL for the CLI, COPY text for the baseline). */
  importRows: number;
  /** Events in the audit chain that verification is measured on. */
  auditEvents: number;
  /** Applications in the admissions scenario's cycle (100,000 in quick runs too: the size). */
  admissionsRows: number;
  /**
   * Applications scrubbed through the real preprocessing path; when fewer than admissionsRows, in a cycle of their
   * own, and the large cycle's anonymized rows are written by the bench (the scrubber is too slow for 100,000 here).
   */
  admissionsScrubRows: number;
  /** Times every ratio is measured in this one run; the report gives their median and spread. */
  rounds: number;
  /** Seconds autocannon runs each measured scenario, per side and round. */
  duration: number;
  /** Seconds of unrecorded warm-up before each scenario's first round. */
  warmup: number;
  /** Turns each side's measured time is split into, alternating with the other side. */
  slices: number;
  /** Concurrent HTTP clients. */
  connections: number;
  /** Database pool size of both servers. */
  pool: number;
  out: string;
  skipImport: boolean;
  /** Scenarios to run (--only); all of them when not given. */
  only: readonly Scenario[];
  /** Set by --quick / BENCH_QUICK=1: small defaults for checking the bench itself. */
  quick: boolean;
}

const HELP = `npm run bench -- [options]

  --rows N          rows seeded into candidates (default 1000000; quick: 20000)
  --import-rows N   rows in the import file (default: --rows)
  --audit-events N  events in the audit chain verified (default 1000000; quick: 20000)
  --admissions-rows N
                    applications in the admissions cycle (default 100000, quick too)
  --admissions-scrub-rows N
                    applications scrubbed through admissions.preprocess (default
                    2000); fewer than --admissions-rows: in a cycle of their own,
                    the large cycle's anonymized rows written by the bench
  --rounds N        times each ratio is measured; the report gives the median
                    and min–max of them (default 3, at least 3)
  --duration S      measured seconds per scenario, side and round (default 10; quick: 2)
  --warmup S        seconds of warm-up before each scenario (default 2; quick: 1)
  --slices N        turns each side's measured time is split into per round,
                    alternating Shortlist and the baseline (default 5; quick: 2)
  --connections N   concurrent clients (default 10)
  --pool N          database pool size of both servers (default 10)
  --out FILE        report file (default BENCHMARKS.md at the repository root)
  --skip-import     leave out the import scenario
  --only A,B        run just these scenarios, of ${SCENARIOS.join(", ")}
                    (e.g. --only audit; default: all; use with --out)
  --quick           the quick defaults above, for checking the bench itself
  --help

Each option can also be given as an environment variable, BENCH_ and its name
in capitals with _ for - (e.g. BENCH_ROWS=20000 BENCH_ROUNDS=3 npm run bench,
BENCH_QUICK=1); a flag wins over the variable.

Uses DATABASE_URL when it is set (in a fresh database created beside the one it
names, dropped afterwards); otherwise boots an embedded PostgreSQL in a temp dir.`;

const QUICK = { rows: 20_000, duration: 2, warmup: 1, slices: 2 };

function number(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ""));
  if (value.trim() === "" || !Number.isFinite(n) || n < min) {
    throw new Error(`--${name} (or BENCH_${envName(name)}) must be a number of at least ${min}, not "${value}"`);
  }
  return n;
}

function scenarios(value: string | undefined): readonly Scenario[] {
  if (value === undefined) return SCENARIOS;
  const names = value.split(",").map((n) => n.trim());
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (unknown.length || names.length === 0)
    throw new Error(
      `--only (or BENCH_ONLY): unknown scenario "${unknown.join(", ")}"; choose from ${SCENARIOS.join(", ")}`,
    );
  return SCENARIOS.filter((n) => names.includes(n));
}

const envName = (name: string) => name.toUpperCase().replace(/-/g, "_");

function flag(name: string, value: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  if (value) return true;
  const raw = env[`BENCH_${envName(name)}`];
  if (raw === undefined || raw === "" || raw === "0" || raw === "false") return false;
  if (raw === "1" || raw === "true") return true;
  throw new Error(`BENCH_${envName(name)} must be 1, true, 0 or false, not "${raw}"`);
}

export function parseBenchArgs(argv = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: "string" },
      "import-rows": { type: "string" },
      "audit-events": { type: "string" },
      "admissions-rows": { type: "string" },
      "admissions-scrub-rows": { type: "string" },
      rounds: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      slices: { type: "string" },
      connections: { type: "string" },
      pool: { type: "string" },
      out: { type: "string" },
      "skip-import": { type: "boolean" },
      only: { type: "string" },
      quick: { type: "boolean" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const quick = flag("quick", values.quick, env);
  const get = (name: keyof typeof values & string) =>
    (values[name] as string | undefined) ?? env[`BENCH_${envName(name)}`];
  const whole = (name: keyof typeof values & string, fallback: number, min = 1) =>
    Math.round(number(name, get(name), fallback, min));
  const rows = whole("rows", quick ? QUICK.rows : 1_000_000, 51);
  return {
    rows,
    importRows: whole("import-rows", rows),
    auditEvents: whole("audit-events", quick ? QUICK.rows : 1_000_000),
    admissionsRows: whole("admissions-rows", 100_000, 10),
    admissionsScrubRows: whole("admissions-scrub-rows", 2_000, 10),
    rounds: whole("rounds", 3, 3),
    duration: number("duration", get("duration"), quick ? QUICK.duration : 10, 0.1),
    warmup: number("warmup", get("warmup"), quick ? QUICK.warmup : 2, 0),
    slices: whole("slices", quick ? QUICK.slices : 5),
    connections: whole("connections", 10),
    pool: whole("pool", 10),
    out: resolve(repoRoot, get("out") ?? "BENCHMARKS.md"),
    skipImport: flag("skip-import", values["skip-import"], env),
    only: scenarios(get("only")),
    quick,
  };
}
