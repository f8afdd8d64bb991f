/**
 * `npm run bench [-- --rows N --rounds N --duration S …]` (or BENCH_ROWS=… BENCH_ROUNDS=…; `--quick` for a
 * small run): seeds candidates, measures each Shortlist path against a raw-pg baseline on the same database,
 * both served from this process, in rounds, and writes BENCHMARKS.md. Not part of `npm test`.
 */
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { hashPassword, stopPreprocessing } from "@shortlist/api";
import { startBaselineServer } from "./baseline-server";
import { parseBenchArgs, type Scenario } from "./lib/args";
import { openBenchDatabase, pgClientConfig, type BenchDatabase } from "./lib/database";
import { LoadGenerator } from "./lib/load";
import { describeMachine } from "./lib/machine";
import { benchKeyring, startShortlistServer } from "./lib/shortlist";
import { evaluateTargets } from "./lib/stats";
import { writeReport, type Report } from "./report";
import type { Row, ScenarioContext } from "./scenarios/context";
import { admissionsScenario, type AdmissionsResult } from "./scenarios/admissions";
import { auditedCreateScenario } from "./scenarios/audit";
import { conversationsScenario } from "./scenarios/conversations";
import { countsScenario } from "./scenarios/counts";
import { createScenario } from "./scenarios/create";
import { importScenario, type ImportResult } from "./scenarios/import";
import { listScenario } from "./scenarios/list";
import { matchingScenario } from "./scenarios/matching";
import { memoryScenario } from "./scenarios/memory";
import { questionsScenario } from "./scenarios/questions";
import { statsScenario } from "./scenarios/stats";
import { verifyScenario, type VerifyResult } from "./scenarios/verify";
import { seedAdminToken, seedApplications, seedCandidates, SEED_JOBS } from "./seed";

const options = parseBenchArgs();
const log = (line: string) => console.log(line);
const startedAt = new Date();
const cleanups: Array<() => Promise<unknown>> = [];
let exitCode = 0;

try {
  const machineAtStart = describeMachine("");
  log(
    `bench: ${options.rows.toLocaleString("en")} rows, ${options.rounds} rounds of ${options.duration} s per scenario and side, ${options.connections} connections${options.quick ? " (quick)" : ""}`,
  );
  const db: BenchDatabase = await openBenchDatabase(options.pool, log);
  cleanups.push(() => db.close());
  log(`database: ${db.where}, ${db.serverVersion}`);

  const client = new pg.Client(pgClientConfig(db.config));
  await client.connect();
  cleanups.push(() => client.end());

  log(`seeding ${options.rows.toLocaleString("en")} candidates`);
  const seedSeconds = await seedCandidates(client, options.rows, log);
  const { token } = await seedAdminToken(client, await hashPassword("bench-password-not-used"));
  log(`  seeded in ${seedSeconds.toFixed(1)} s`);
  // The list filters on applications, stats sums their jobs' counters, counts reads them: seeded once for all three.
  let applicationSeconds: number | undefined;
  if (options.only.some((s) => s === "list" || s === "stats" || s === "counts")) {
    log(`seeding one application per candidate over ${SEED_JOBS.length} jobs`);
    applicationSeconds = await seedApplications(client, log);
  }

  const shortlist = await startShortlistServer(db.config);
  cleanups.push(() => shortlist.close());
  // Admissions' preprocessing runs in the background of this process: stopped before its server closes.
  cleanups.push(() => stopPreprocessing());
  // The same build with auditing switched off: what the audited create is held against.
  const unaudited = await startShortlistServer(db.config, { auditOff: true });
  cleanups.push(() => unaudited.close());
  const baseline = await startBaselineServer({ ...pgClientConfig(db.config), max: options.pool });
  cleanups.push(() => baseline.close());
  log(`Shortlist on ${shortlist.url}, baseline on ${baseline.url}`);

  const load = new LoadGenerator();
  cleanups.push(() => load.close());
  const ctx: ScenarioContext = {
    shortlist,
    baseline,
    token,
    settings: {
      duration: options.duration,
      warmup: options.warmup,
      connections: options.connections,
      slices: options.slices,
      rounds: options.rounds,
    },
    load,
    client,
    log,
  };
  const http: Row[] = [];
  const runs = (scenario: Scenario) => options.only.includes(scenario);
  if (runs("list")) {
    log("candidates.list");
    http.push(...(await listScenario(ctx)));
  }
  if (runs("stats")) {
    log("candidates.stats");
    http.push(...(await statsScenario(ctx)));
  }
  if (runs("create")) {
    log("candidates.create");
    http.push(...(await createScenario(ctx)));
  }
  if (runs("audit")) {
    log("candidates.create, audited vs not");
    http.push(...(await auditedCreateScenario(ctx, unaudited)));
  }

  if (runs("counts")) {
    log("jobs.get counts vs applications.get");
    http.push(...(await countsScenario(ctx)));
  }

  if (runs("memory")) {
    log("conversations.memories at 100,000 memories");
    http.push(...(await memoryScenario(ctx, { ...pgClientConfig(db.config), max: options.pool })));
  }

  if (runs("conversations")) {
    log("conversations: 100 concurrent conversations × 10 messages, send → reply");
    http.push(...(await conversationsScenario(ctx)));
  }

  let importResult: ImportResult | undefined;
  if (!options.skipImport && runs("import")) {
    log(`import of ${options.importRows.toLocaleString("en")} rows`);
    const dir = await mkdtemp(join(tmpdir(), "shortlist-bench-import-"));
    await chmod(dir, 0o755);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    importResult = await importScenario(ctx, dir, options.importRows, options.rounds);
  }

  let verifyResult: VerifyResult | undefined;
  if (runs("verify")) {
    log(`audit verification of ${options.auditEvents.toLocaleString("en")} events`);
    verifyResult = await verifyScenario(ctx, shortlist.orm, options.auditEvents, options.rounds);
  }

  // Last: matching adds people to reach 100,000 candidates when the run seeded fewer.
  if (runs("questions")) {
    log("questions.list at 100,000 questions");
    http.push(...(await questionsScenario(ctx, { ...pgClientConfig(db.config), max: options.pool })));
  }
  if (runs("matching")) {
    log("matching.rank: everyone for one job, 100,000 candidates with CV skills");
    http.push(...(await matchingScenario(ctx, { ...pgClientConfig(db.config), max: options.pool })));
  }

  let admissionsResult: AdmissionsResult | undefined;
  if (runs("admissions")) {
    log(`admissions: a cycle of ${options.admissionsRows.toLocaleString("en")} applications`);
    const { result, http: rows } = await admissionsScenario(
      ctx,
      { orm: shortlist.orm, keyring: benchKeyring() },
      { ...pgClientConfig(db.config), max: options.pool },
      { applications: options.admissionsRows, scrubbed: options.admissionsScrubRows },
      options.rounds,
    );
    admissionsResult = result;
    http.push(...rows);
  }

  const report: Report = {
    options,
    machine: { ...machineAtStart, postgres: db.serverVersion },
    database: db.where,
    processes: { servers: process.pid, load: load.pid },
    seed: {
      rows: options.rows,
      seconds: seedSeconds,
      method:
        "one `INSERT … SELECT … FROM generate_series` inside PostgreSQL, with the secondary indexes dropped first and rebuilt from their `pg_indexes` definitions afterwards, then `VACUUM ANALYZE`",
      applications:
        applicationSeconds === undefined
          ? undefined
          : {
              seconds: applicationSeconds,
              method: `one per candidate over ${SEED_JOBS.length} jobs with the default stages (${SEED_JOBS.map((j) => `${j.title} at ${j.company}`).join(", ")}), spread over the stages, 20% rejected and 5% withdrawn, the counters set from a full count; one \`INSERT … SELECT\` over the candidates, with the table's indexes and constraints (its keys and other tables' foreign keys to it) dropped first and built again from their catalogue definitions afterwards`,
            },
    },
    http,
    importResult,
    verifyResult,
    admissionsResult,
    startedAt,
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    loadAverageAtEnd: loadavg()
      .map((l) => l.toFixed(2))
      .join(" / "),
  };
  await writeReport(options.out, report);
  const figures = join(tmpdir(), "shortlist-bench-figures.json");
  await writeFile(figures, JSON.stringify(report, null, 2));
  log(`wrote ${options.out} (figures in ${figures}; \`tsx bench/report.ts ${figures}\` renders them again)`);
  const missed = evaluateTargets(http, importResult, verifyResult, admissionsResult)
    .filter((t) => !t.met)
    .map((t) => t.name);
  log(missed.length ? `targets missed: ${missed.join(", ")}` : "all targets met");
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(error));
}
process.exit(exitCode);
