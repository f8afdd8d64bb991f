/**
 * Admissions at scale (issue #12): one cycle of `--admissions-rows` applications (100,000 by default) taken through
 * its phases by the procedures, over HTTP, measuring on the way, each against a baseline in the same run:
 * 1. scrub throughput: `admissions.preprocess` to the runner's end against the bare scrubber (admissions-scrub.ts),
 *    on `--admissions-scrub-rows` applications: the large cycle itself when it is no larger, otherwise a cycle of
 *    their own, the large cycle's anonymized rows then written by the bench-only writer;
 * 2. export: the batch file's download against COPY TO STDOUT of its rows, and the server's RSS during it
 *    (admissions-export.ts);
 * 3. results import: `admissions.importResults` in chunks against COPY FROM STDIN of the same rows
 *    (admissions-results.ts);
 * 4. the scores table's first page against the same statement through raw pg, under load (admissions-scores.ts).
 * The applications themselves are written by a bench-only seeder (admissions-seed.ts), not through the public form.
 */
import type pg from "pg";
import { settlePreprocessing } from "@shortlist/api";
import type { Keyring, MikroORM } from "@shortlist/db";
import { SCRUBBER_VERSION } from "../../packages/api/src/admissions/scrubbing/index";
import type { Row, ScenarioContext } from "./context";
import { measureExport, type ExportResult } from "./admissions-export";
import { measureResultsImport, type ResultsImportResult } from "./admissions-results";
import { scoresPageScenario } from "./admissions-scores";
import { measureScrub, type ScrubResult } from "./admissions-scrub";
import { trpc } from "./admissions-http";
import { createOpenCycle, seedApplications, type BenchCycle } from "./admissions-seed";
import { wordStats } from "./admissions-texts";

export interface AdmissionsResult {
  applications: number;
  seed: { seconds: number; words: { min: number; max: number; mean: number } };
  /**
   * How the large cycle's anonymized rows came to be: by the preprocessing measured (`path`), or, when fewer
   * applications were scrubbed than the cycle holds, written by the bench-only writer (`bench`).
   */
  anonymizedBy?: "path" | "bench";
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
  sizes: { applications: number; scrubbed: number },
  rounds: number,
): Promise<{ result: AdmissionsResult; http: Row[] }> {
  const { applications } = sizes;
  const scrubbed = Math.min(sizes.scrubbed, applications);
  const call = <T>(path: string, input: unknown) => trpc<T>(ctx.shortlist.url, ctx.token, path, input);
  const seed = (cycle: BenchCycle, count: number, anonymized: boolean) =>
    seedApplications(server.orm, server.keyring, ctx.client, cycle, count, ctx.log, { anonymized });

  // Scrubbing: through the real path, on the large cycle itself or, when fewer are scrubbed, on a cycle of its own.
  const scrubCycle = await createOpenCycle(ctx.shortlist.url, ctx.token, Math.min(100, scrubbed));
  ctx.log(
    `  seeding ${scrubbed.toLocaleString("en")} applications to scrub (bench-only writer, sealed as submit seals)`,
  );
  let seedSeconds = await seed(scrubCycle, scrubbed, false);
  await call("admissions.freeze", { cycleId: scrubCycle.id });
  ctx.log("  scrubbing: admissions.preprocess against the bare scrubber");
  const scrub = await measureScrub(ctx, scrubCycle, scrubbed, rounds, SCRUBBER_VERSION);

  let cycle = scrubCycle;
  if (scrubbed < applications) {
    cycle = await createOpenCycle(ctx.shortlist.url, ctx.token, 100);
    ctx.log(
      `  seeding ${applications.toLocaleString("en")} applications with their anonymized rows (bench-only writer: ` +
        `scrubbing them all would take ${(applications / scrub.path.perSec / 60).toFixed(0)} min at the path's rate)`,
    );
    seedSeconds = await seed(cycle, applications, true);
    await call("admissions.freeze", { cycleId: cycle.id });
    // FROZEN → PREPROCESSING through the procedure; its runner finds nothing left to scrub.
    await call("admissions.preprocess", { cycleId: cycle.id });
    await settlePreprocessing();
  }
  const words = wordStats();
  ctx.log(`  ${words.min}–${words.max} words per application (mean ${words.mean.toFixed(0)})`);

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
      anonymizedBy: scrubbed < applications ? "bench" : "path",
      scrub,
      export: exported,
      results,
      scoreSeconds,
    },
    http: [page],
  };
}
