/**
 * Worker and judge results, line by line: each row imported, skipped (already there) or rejected with its reason.
 * Rows are checked in memory; what the database knows of them (their batch's cycle, the content hash each
 * application was exported with, the results already there) is read with one query per chunk; each kind is then
 * inserted with one INSERT…SELECT per chunk. The cycle's row is locked for the chunk, so imports into one cycle take
 * turns and what the lookup found still holds at the insert; `on conflict do nothing` stays as a backstop. A re-run
 * (after a crash, or the same chunk sent twice at once) adds nothing and reports the rows as skipped.
 */
import { randomUUID } from "node:crypto";
import type { ScoringCriterion } from "@shortlist/db";
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { batchResult, type BatchResult, type RowResult } from "../shared/batch";
import type { Problem } from "../shared/errors";
import { lockCycle, requirePhase } from "./cycle-lock";
import { checkRows, judgeKey, workerKey, type JudgeRow, type WorkerRow } from "./results-rows";
import type { importResultsInput } from "./schemas";

type Ctx = Pick<ProcedureContext, "em" | "audit">;
type Row = WorkerRow | JudgeRow;

/** What the database holds about one row (by its index among the valid rows). */
interface Known {
  batchOfCycle: boolean;
  /** The content hash the application was exported with in that batch; null when it is not in the batch. */
  exportedHash: string | null;
  /** The worker result the row names (a worker row's own key; a judge row's worker). */
  workerId: string | null;
  judgeExists: boolean;
}

async function lookUp(ctx: Ctx, cycleId: string, rows: Row[]): Promise<Known[]> {
  if (!rows.length) return [];
  const judging = rows.some((r) => r.kind === "judge");
  const found = await ctx.em.execute<
    { ord: number; in_cycle: boolean | null; content_hash: string | null; worker_id: string | null; judged: boolean }[]
  >(
    `select k.ord, b.cycle_id = ? as in_cycle, i.content_hash, w.id as worker_id,
            ${judging ? "j.id is not null" : "false"} as judged
       from json_to_recordset(?::json) as k(ord int, batch_id uuid, application_id uuid, evaluator_id text, judge_id text)
       left join admission_batches b on b.id = k.batch_id
       left join admission_batch_items i on i.batch_id = k.batch_id and i.application_id = k.application_id
       left join admission_worker_results w
         on w.batch_id = k.batch_id and w.application_id = k.application_id and w.evaluator_id = k.evaluator_id
       ${judging ? "left join admission_judge_results j on j.worker_result_id = w.id and j.judge_id = k.judge_id" : ""}`,
    [
      cycleId,
      JSON.stringify(
        rows.map((r, ord) => ({
          ord,
          batch_id: r.batchId,
          application_id: r.applicationId,
          evaluator_id: r.evaluatorId,
          judge_id: r.kind === "judge" ? r.judgeId : null,
        })),
      ),
    ],
  );
  const known: Known[] = rows.map(() => ({
    batchOfCycle: false,
    exportedHash: null,
    workerId: null,
    judgeExists: false,
  }));
  for (const f of found)
    known[f.ord] = {
      batchOfCycle: f.in_cycle === true,
      exportedHash: f.content_hash,
      workerId: f.worker_id,
      judgeExists: f.judged,
    };
  return known;
}

async function insertWorkers(ctx: Ctx, rows: { id: string; row: WorkerRow }[]): Promise<void> {
  if (!rows.length) return;
  await ctx.em.execute(
    `insert into admission_worker_results (id, batch_id, application_id, evaluator_id, scores, rationale)
     select r.id, r.batch_id, r.application_id, r.evaluator_id, r.scores, r.rationale
       from json_to_recordset(?::json)
         as r(id uuid, batch_id uuid, application_id uuid, evaluator_id text, scores jsonb, rationale text)
     on conflict do nothing`,
    [
      JSON.stringify(
        rows.map(({ id, row }) => ({
          id,
          batch_id: row.batchId,
          application_id: row.applicationId,
          evaluator_id: row.evaluatorId,
          scores: row.scores,
          rationale: row.rationale,
        })),
      ),
    ],
  );
}

async function insertJudges(ctx: Ctx, rows: { id: string; workerId: string; row: JudgeRow }[]): Promise<void> {
  if (!rows.length) return;
  await ctx.em.execute(
    `insert into admission_judge_results (id, worker_result_id, judge_id, verdict, adjusted_scores, reason)
     select r.id, r.worker_result_id, r.judge_id, r.verdict::admission_judge_verdict, r.adjusted_scores, r.reason
       from json_to_recordset(?::json)
         as r(id uuid, worker_result_id uuid, judge_id text, verdict text, adjusted_scores jsonb, reason text)
     on conflict do nothing`,
    [
      JSON.stringify(
        rows.map(({ id, workerId, row }) => ({
          id,
          worker_result_id: workerId,
          judge_id: row.judgeId,
          verdict: row.verdict,
          adjusted_scores: row.adjustedScores ?? null,
          reason: row.reason,
        })),
      ),
    ],
  );
}

const refusal = (path: string, message: string): Problem[] => [{ path, message }];

/** Why the database refuses a row, or null when it may go in. `chunkWorkers`: worker keys accepted earlier in the chunk. */
function refusalOf(row: Row, known: Known, chunkWorkers: ReadonlyMap<string, string>): Problem[] | null {
  if (!known.batchOfCycle) return refusal("batchId", `Batch ${row.batchId} is not a batch of this cycle`);
  if (known.exportedHash === null)
    return refusal("applicationId", `Application ${row.applicationId} is not in batch ${row.batchId}`);
  if (row.kind === "worker" && row.contentHash !== known.exportedHash)
    return refusal("contentHash", "The content changed since export: this is not the batch line's contentHash");
  if (row.kind === "judge" && !known.workerId && !chunkWorkers.has(workerKey(row)))
    return refusal(
      "evaluatorId",
      `No result of worker ${row.evaluatorId} for this application in this batch (its row must come first)`,
    );
  return null;
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
  const known = await lookUp(ctx, cycle.id, valid);

  const results: RowResult[] = [];
  const workers: { id: string; row: WorkerRow }[] = [];
  const judges: { id: string; workerId: string; row: JudgeRow }[] = [];
  /** Worker key → id of the worker rows going in with this chunk. */
  const chunkWorkers = new Map<string, string>();
  const seen = new Set<string>();
  let at = 0;
  for (const { line, row, problems } of checked) {
    if (!row) {
      results.push({ line, outcome: "rejected", problems });
      continue;
    }
    const facts = known[at++]!;
    const refused = refusalOf(row, facts, chunkWorkers);
    if (refused) {
      results.push({ line, outcome: "rejected", problems: refused });
      continue;
    }
    const key = row.kind === "worker" ? workerKey(row) : judgeKey(row);
    const present = row.kind === "worker" ? facts.workerId !== null : facts.judgeExists;
    if (present || seen.has(key)) {
      results.push({ line, outcome: "skipped" });
      continue;
    }
    seen.add(key);
    const id = randomUUID();
    if (row.kind === "worker") {
      workers.push({ id, row });
      chunkWorkers.set(key, id);
    } else {
      judges.push({ id, workerId: facts.workerId ?? chunkWorkers.get(workerKey(row))!, row });
    }
    results.push({ line, outcome: "created", id });
  }
  await insertWorkers(ctx, workers);
  await insertJudges(ctx, judges);

  results.sort((a, b) => a.line - b.line);
  const result = batchResult(results);
  ctx.audit.record({
    entity: { kind: "admission_cycle", id: cycle.id },
    after: {
      resultsImported: {
        workers: workers.length,
        judges: judges.length,
        skipped: result.skipped,
        rejected: result.rejected,
      },
    },
  });
  return result;
}
