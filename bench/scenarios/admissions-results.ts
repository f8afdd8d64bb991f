/**
 * Results import: one worker result per application of the batch, sent through `admissions.importResults` over
 * HTTP in consecutive chunks of CHUNK rows as the CLI sends them (each row validated, its batch membership and
 * content hash checked, inserted `on conflict do nothing`, one audit event per chunk), against `COPY … FROM STDIN`
 * of the same rows into the same table (admission_worker_results), in rounds (each side first in every other round),
 * the table emptied before each side.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { trpc } from "./admissions-http";
import { BENCH_CRITERIA } from "./admissions-texts";
import type { ScenarioContext } from "./context";

export const RESULTS_CHUNK = 1_000;
export const BENCH_EVALUATOR = "bench-worker-1";

export interface ResultsSide {
  seconds: number;
  rowsPerSec: number;
}

export interface ResultsRound {
  procedure: ResultsSide;
  copy: ResultsSide;
  /** The procedure's rows/s over COPY's. */
  ratio: number;
}

export interface ResultsImportResult {
  rows: number;
  chunk: number;
  rounds: ResultsRound[];
}

interface WorkerRow {
  line: number;
  kind: "worker";
  batchId: string;
  applicationId: string;
  evaluatorId: string;
  contentHash: string;
  scores: Record<string, number>;
  rationale: string;
}

const RATIONALES = [
  "Clear account of a concrete problem and what was changed; the numbers given are plausible and checked.",
  "Strong motivation, but the project description is thin on what the applicant did personally.",
  "Well written and specific about the people affected; the plan for the year is still vague.",
  "Shows persistence over several years and a habit of measuring results; fits the programme well.",
];

/** The batch's worker rows: scores spread over 0–10 so that ranks differ, a short rationale. */
async function workerRows(ctx: ScenarioContext, batchId: string): Promise<WorkerRow[]> {
  const { rows } = await ctx.client.query<{ application_id: string; content_hash: string; position: number }>(
    "select application_id, content_hash, position from admission_batch_items where batch_id = $1 order by position",
    [batchId],
  );
  return rows.map((r, k) => ({
    line: k + 1,
    kind: "worker",
    batchId,
    applicationId: r.application_id,
    evaluatorId: BENCH_EVALUATOR,
    contentHash: r.content_hash,
    scores: Object.fromEntries(BENCH_CRITERIA.map((c, j) => [c.key, ((r.position * (7 + 4 * j) + j * 3) % 101) / 10])),
    rationale: RATIONALES[r.position % RATIONALES.length]!,
  }));
}

/** COPY text format: backslash, tab, newline and carriage return escaped. */
const copyText = (v: string) =>
  v.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!);

function copyChunks(rows: WorkerRow[]): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < rows.length; at += RESULTS_CHUNK) {
    chunks.push(
      rows
        .slice(at, at + RESULTS_CHUNK)
        .map((r) =>
          [r.batchId, r.applicationId, r.evaluatorId, copyText(JSON.stringify(r.scores)), copyText(r.rationale)].join(
            "\t",
          ),
        )
        .join("\n") + "\n",
    );
  }
  return chunks;
}

async function emptyResults(ctx: ScenarioContext) {
  await ctx.client.query("truncate admission_worker_results cascade");
  await ctx.client.query("vacuum analyze admission_worker_results");
}

async function countResults(ctx: ScenarioContext, batchId: string) {
  const { rows } = await ctx.client.query<{ n: string }>(
    "select count(*) as n from admission_worker_results where batch_id = $1",
    [batchId],
  );
  return Number(rows[0]!.n);
}

async function runCopy(ctx: ScenarioContext, batchId: string, chunks: string[], rows: number): Promise<ResultsSide> {
  await emptyResults(ctx);
  const started = performance.now();
  await pipeline(
    Readable.from(chunks),
    ctx.client.query(
      copyFrom("copy admission_worker_results (batch_id, application_id, evaluator_id, scores, rationale) from stdin"),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const n = await countResults(ctx, batchId);
  if (n !== rows) throw new Error(`COPY left ${n} worker results, expected ${rows}`);
  return { seconds, rowsPerSec: rows / seconds };
}

type Answer = { created: number; skipped: number; rejected: number; results: { line: number; problems?: unknown }[] };

async function runProcedure(
  ctx: ScenarioContext,
  cycleId: string,
  batchId: string,
  rows: WorkerRow[],
): Promise<ResultsSide> {
  await emptyResults(ctx);
  const started = performance.now();
  for (let at = 0; at < rows.length; at += RESULTS_CHUNK) {
    const chunk = rows.slice(at, at + RESULTS_CHUNK);
    const answer = await trpc<Answer>(ctx.shortlist.url, ctx.token, "admissions.importResults", {
      cycleId,
      rows: chunk,
    });
    if (answer.created !== chunk.length) {
      const problem = answer.results.find((r) => r.problems);
      throw new Error(
        `importResults created ${answer.created} of ${chunk.length} (skipped ${answer.skipped}, rejected ${answer.rejected}): ${JSON.stringify(problem)}`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const n = await countResults(ctx, batchId);
  if (n !== rows.length) throw new Error(`importResults left ${n} worker results, expected ${rows.length}`);
  return { seconds, rowsPerSec: rows.length / seconds };
}

/** Rounds of both sides; the table holds the last side's rows at the end (the same rows either way). */
export async function measureResultsImport(
  ctx: ScenarioContext,
  cycleId: string,
  batchId: string,
  rounds: number,
): Promise<ResultsImportResult> {
  const rows = await workerRows(ctx, batchId);
  const chunks = copyChunks(rows);
  const out: ResultsRound[] = [];
  for (let r = 0; r < rounds; r++) {
    let procedure: ResultsSide;
    let copy: ResultsSide;
    if (r % 2 === 0) {
      copy = await runCopy(ctx, batchId, chunks, rows.length);
      procedure = await runProcedure(ctx, cycleId, batchId, rows);
    } else {
      procedure = await runProcedure(ctx, cycleId, batchId, rows);
      copy = await runCopy(ctx, batchId, chunks, rows.length);
    }
    const round = { procedure, copy, ratio: procedure.rowsPerSec / copy.rowsPerSec };
    ctx.log(
      `  results import r${r + 1}: importResults ${procedure.rowsPerSec.toFixed(0)} rows/s (${procedure.seconds.toFixed(1)} s), COPY ${copy.rowsPerSec.toFixed(0)} rows/s (${copy.seconds.toFixed(1)} s): ${round.ratio.toFixed(2)}×`,
    );
    out.push(round);
  }
  return { rows: rows.length, chunk: RESULTS_CHUNK, rounds: out };
}
