/**
 * Admissions at scale (issue #12): one cycle of `--admissions-rows` applications (100,000 by default) taken through
 * its phases by the procedures, over HTTP, measuring on the way, each against a baseline in the same run:
 * 1. scrub throughput: `admissions.preprocess` to the runner's end against the bare scrubber (admissions-scrub.ts);
 * 2. export: the batch file's download against COPY TO STDOUT of its rows, and the server's RSS during it
 *    (admissions-export.ts);
 * 3. results import: `admissions.importResults` in chunks against COPY FROM STDIN of the same rows
 *    (admissions-results.ts);
 * 4. the scores table's first page against the same statement through raw pg, under load (admissions-scores.ts).
 * The applications themselves are written by a bench-only seeder (admissions-seed.ts), not through the public form.
 */
import type pg from "pg";
import type { Keyring, MikroORM } from "@shortlist/db";
import { SCRUBBER_VERSION } from "../../packages/api/src/admissions/scrubbing/index";
import type { Row, ScenarioContext } from "./context";
import { measureExport, type ExportResult } from "./admissions-export";
import { measureResultsImport, type ResultsImportResult } from "./admissions-results";
import { scoresPageScenario } from "./admissions-scores";
import { measureScrub, type ScrubResult } from "./admissions-scrub";
import { createOpenCycle, seedApplications, trpc } from "./admissions-seed";
import { wordStats } from "./admissions-texts";

export interface AdmissionsResult {
  applications: number;
  seed: { seconds: number; words: { min: number; max: number; mean: number } };
  scrub: ScrubResult;
  export: ExportResult;
  results: ResultsImportResult;
  /** Seconds `admissions.score` took to aggregate every final score. */
  scoreSeconds: number;
}

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await work();
  return [value, (performance.now() - started) / 1000];
};

export async function admissionsScenario(
  ctx: ScenarioContext,
  server: { orm: MikroORM; keyring: Keyring },
  pgConfig: pg.PoolConfig,
  applications: number,
  rounds: number,
): Promise<{ result: AdmissionsResult; http: Row[] }> {
  const call = <T>(path: string, input: unknown) => trpc<T>(ctx.shortlist.url, ctx.token, path, input);
  const cycle = await createOpenCycle(ctx.shortlist.url, ctx.token, Math.min(100, applications));
  ctx.log(`  seeding ${applications.toLocaleString("en")} applications (bench-only writer, sealed as submit seals)`);
  const seedSeconds = await seedApplications(server.orm, server.keyring, ctx.client, cycle, applications, ctx.log);
  const words = wordStats();
  ctx.log(
    `  seeded in ${seedSeconds.toFixed(1)} s; ${words.min}–${words.max} words per application (mean ${words.mean.toFixed(0)})`,
  );
  await call("admissions.freeze", { cycleId: cycle.id });

  ctx.log("  scrubbing: admissions.preprocess against the bare scrubber");
  const scrub = await measureScrub(ctx, cycle, applications, rounds, SCRUBBER_VERSION);

  await call("admissions.startBatchPrep", { cycleId: cycle.id });
  const [batch, exportBatchSeconds] = await timed(() =>
    call<{ id: string; rowCount: number; fileHash: string }>("admissions.exportBatch", { cycleId: cycle.id }),
  );
  if (batch.rowCount !== applications)
    throw new Error(`the batch holds ${batch.rowCount} of ${applications} applications`);
  ctx.log(`  exportBatch recorded ${batch.rowCount.toLocaleString("en")} lines in ${exportBatchSeconds.toFixed(1)} s`);
  const exported = await measureExport(ctx, batch, exportBatchSeconds, rounds);

  await call("admissions.startProcessing", { cycleId: cycle.id });
  const results = await measureResultsImport(ctx, cycle.id, batch.id, rounds);

  const [scoredCycle, scoreSeconds] = await timed(() =>
    call<{ counts: Record<string, number> }>("admissions.score", { cycleId: cycle.id }),
  );
  const scored = scoredCycle.counts.SCORED ?? 0;
  if (scored !== applications) throw new Error(`admissions.score scored ${scored} of ${applications} applications`);
  ctx.log(`  admissions.score: ${scored.toLocaleString("en")} final scores in ${scoreSeconds.toFixed(1)} s`);
  await ctx.client.query("vacuum analyze admission_final_scores");

  const page = await scoresPageScenario(ctx, pgConfig, cycle.id, scored);
  return {
    result: {
      applications,
      seed: { seconds: seedSeconds, words },
      scrub,
      export: exported,
      results,
      scoreSeconds,
    },
    http: [page],
  };
}
