/**
 * Worker and judge results, line by line: each row imported, skipped (already there) or rejected with its reason.
 * Rows are checked in memory, their batches, membership and content hashes with one query each per chunk, and each
 * kind inserted with one INSERT…SELECT per chunk, `on conflict do nothing`: a re-run (after a crash, or the same
 * chunk sent twice at once) adds nothing and reports the rows as skipped.
 */
import type { ScoringCriterion } from "@shortlist/db";
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { batchResult, type BatchResult, type RowResult } from "../shared/batch";
import type { Problem } from "../shared/errors";
import { lockCycle, requirePhase } from "./cycle-lock";
import { checkRows, judgeKey, workerKey, type JudgeRow, type WorkerRow } from "./results-rows";
import type { importResultsInput } from "./schemas";

type Ctx = Pick<ProcedureContext, "em" | "audit">;

const json = (value: unknown) => JSON.stringify(value);
const pairKey = (r: { batchId: string; applicationId: string }) => `${r.batchId}|${r.applicationId}`;

/** Which of these batches belong to the cycle. */
async function batchesOfCycle(ctx: Ctx, cycleId: string, batchIds: string[]): Promise<Set<string>> {
  const rows = await ctx.em.execute<{ id: string }[]>(
    `select b.id from admission_batches b join jsonb_array_elements_text(?::jsonb) as k(id) on b.id = k.id::uuid
      where b.cycle_id = ?`,
    [json(batchIds), cycleId],
  );
  return new Set(rows.map((r) => r.id));
}

/** The content hash each (batch, application) pair was exported with; pairs not in their batch are absent. */
async function exportedHashes(ctx: Ctx, pairs: { batch_id: string; application_id: string }[]) {
  const rows = await ctx.em.execute<{ batch_id: string; application_id: string; content_hash: string }[]>(
    `select i.batch_id, i.application_id, i.content_hash
       from (select distinct batch_id, application_id
               from jsonb_to_recordset(?::jsonb) as k(batch_id uuid, application_id uuid)) k
       join admission_batch_items i on i.batch_id = k.batch_id and i.application_id = k.application_id`,
    [json(pairs)],
  );
  return new Map(rows.map((r) => [`${r.batch_id}|${r.application_id}`, r.content_hash]));
}

type WorkerKeyRow = { batch_id: string; application_id: string; evaluator_id: string };

async function existingWorkers(ctx: Ctx, keys: WorkerKeyRow[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await ctx.em.execute<WorkerKeyRow[]>(
    `select w.batch_id, w.application_id, w.evaluator_id
       from jsonb_to_recordset(?::jsonb) as k(batch_id uuid, application_id uuid, evaluator_id text)
       join admission_worker_results w
         on w.batch_id = k.batch_id and w.application_id = k.application_id and w.evaluator_id = k.evaluator_id`,
    [json(keys)],
  );
  return new Set(rows.map((r) => `${r.batch_id}|${r.application_id}|${r.evaluator_id}`));
}

async function insertWorkers(ctx: Ctx, rows: WorkerRow[]): Promise<Map<string, string>> {
  if (!rows.length) return new Map();
  const inserted = await ctx.em.execute<(WorkerKeyRow & { id: string })[]>(
    `insert into admission_worker_results (batch_id, application_id, evaluator_id, scores, rationale)
     select r.batch_id, r.application_id, r.evaluator_id, r.scores, r.rationale
       from jsonb_to_recordset(?::jsonb)
         as r(batch_id uuid, application_id uuid, evaluator_id text, scores jsonb, rationale text)
     on conflict do nothing
     returning id, batch_id, application_id, evaluator_id`,
    [
      json(
        rows.map((r) => ({
          batch_id: r.batchId,
          application_id: r.applicationId,
          evaluator_id: r.evaluatorId,
          scores: r.scores,
          rationale: r.rationale,
        })),
      ),
    ],
  );
  return new Map(inserted.map((r) => [`${r.batch_id}|${r.application_id}|${r.evaluator_id}`, r.id]));
}

/** Judges of worker results that exist now (the caller checked that they do); by the row's index in `rows`. */
async function insertJudges(ctx: Ctx, rows: JudgeRow[]): Promise<Map<number, string>> {
  if (!rows.length) return new Map();
  const inserted = await ctx.em.execute<{ id: string; ord: number }[]>(
    `with src as (
       select r.ord, w.id as worker_result_id, r.judge_id, r.verdict, r.adjusted_scores, r.reason
         from jsonb_to_recordset(?::jsonb) as r(ord int, batch_id uuid, application_id uuid, evaluator_id text,
                                               judge_id text, verdict text, adjusted_scores jsonb, reason text)
         join admission_worker_results w
           on w.batch_id = r.batch_id and w.application_id = r.application_id and w.evaluator_id = r.evaluator_id),
     ins as (
       insert into admission_judge_results (worker_result_id, judge_id, verdict, adjusted_scores, reason)
       select worker_result_id, judge_id, verdict::admission_judge_verdict, adjusted_scores, reason from src
       on conflict do nothing
       returning id, worker_result_id, judge_id)
     select ins.id, src.ord from ins join src using (worker_result_id, judge_id)`,
    [
      json(
        rows.map((r, ord) => ({
          ord,
          batch_id: r.batchId,
          application_id: r.applicationId,
          evaluator_id: r.evaluatorId,
          judge_id: r.judgeId,
          verdict: r.verdict,
          ...(r.adjustedScores ? { adjusted_scores: r.adjustedScores } : {}),
          reason: r.reason,
        })),
      ),
    ],
  );
  return new Map(inserted.map((r) => [Number(r.ord), r.id]));
}

export async function importResults(ctx: Ctx, input: z.output<typeof importResultsInput>): Promise<BatchResult> {
  const cycle = await lockCycle(ctx, input.cycleId);
  requirePhase(cycle, ["PROCESSING"], "import results");
  const [settings] = await ctx.em.execute<{ criteria: ScoringCriterion[] }[]>(
    "select criteria from admission_cycles where id = ?",
    [cycle.id],
  );
  const checked = checkRows(input.rows, settings!.criteria);
  const valid = checked.flatMap((c) => (c.row ? [c.row] : []));
  const batches = await batchesOfCycle(ctx, cycle.id, [...new Set(valid.map((r) => r.batchId))]);
  const hashes = await exportedHashes(
    ctx,
    valid.filter((r) => batches.has(r.batchId)).map((r) => ({ batch_id: r.batchId, application_id: r.applicationId })),
  );
  const judgesOf = valid.filter((r): r is JudgeRow => r.kind === "judge");
  const known = await existingWorkers(
    ctx,
    judgesOf.map((r) => ({ batch_id: r.batchId, application_id: r.applicationId, evaluator_id: r.evaluatorId })),
  );

  const results: RowResult[] = [];
  const reject = (line: number, problems: Problem[]) => results.push({ line, outcome: "rejected", problems });
  const workers: { line: number; row: WorkerRow }[] = [];
  const judges: { line: number; row: JudgeRow }[] = [];
  const seen = new Set<string>();
  for (const { line, row, problems } of checked) {
    if (!row) {
      reject(line, problems);
      continue;
    }
    if (!batches.has(row.batchId)) {
      reject(line, [{ path: "batchId", message: `Batch ${row.batchId} is not a batch of this cycle` }]);
      continue;
    }
    const exported = hashes.get(pairKey(row));
    if (exported === undefined) {
      reject(line, [
        { path: "applicationId", message: `Application ${row.applicationId} is not in batch ${row.batchId}` },
      ]);
      continue;
    }
    if (row.kind === "worker" && row.contentHash !== exported) {
      reject(line, [
        { path: "contentHash", message: "The content changed since export: this is not the batch line's contentHash" },
      ]);
      continue;
    }
    if (row.kind === "judge" && !known.has(workerKey(row)) && !seen.has(workerKey(row))) {
      reject(line, [
        {
          path: "evaluatorId",
          message: `No result of worker ${row.evaluatorId} for this application in this batch (its row must come first)`,
        },
      ]);
      continue;
    }
    const key = row.kind === "worker" ? workerKey(row) : judgeKey(row);
    if (seen.has(key)) {
      results.push({ line, outcome: "skipped" });
      continue;
    }
    seen.add(key);
    if (row.kind === "worker") workers.push({ line, row });
    else judges.push({ line, row });
  }

  const workerIds = await insertWorkers(
    ctx,
    workers.map((w) => w.row),
  );
  for (const { line, row } of workers) {
    const id = workerIds.get(workerKey(row));
    results.push(id ? { line, outcome: "created", id } : { line, outcome: "skipped" });
  }
  const judgeIds = await insertJudges(
    ctx,
    judges.map((j) => j.row),
  );
  judges.forEach(({ line }, ord) => {
    const id = judgeIds.get(ord);
    results.push(id ? { line, outcome: "created", id } : { line, outcome: "skipped" });
  });

  results.sort((a, b) => a.line - b.line);
  const result = batchResult(results);
  ctx.audit.record({
    entity: { kind: "admission_cycle", id: cycle.id },
    after: {
      resultsImported: {
        workers: workerIds.size,
        judges: judgeIds.size,
        skipped: result.skipped,
        rejected: result.rejected,
      },
    },
  });
  return result;
}
