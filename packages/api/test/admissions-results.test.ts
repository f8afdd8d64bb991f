/**
 * admissions.importResults (PROCESSING, admins): worker results and judges' validations of them, line by line:
 * each row created, skipped (already there) or rejected with its line and reason; a re-run or the same chunk sent
 * twice at once adds nothing.
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { BatchDto, BatchLineDto } from "@shortlist/api";
import { rowReason } from "@shortlist/api/schemas";
import { errorShape, rejection, rowCounts, useTestApi, type Caller } from "./helpers";
import { manyApplicants } from "./admissions-support";
import { preparedCycle, processingCycle, sqlOf } from "./admissions-pipeline-support";

const api = useTestApi();
const sql = sqlOf(api);
let admin: Caller;
let reviewer: Caller;

beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
  reviewer = (await api.signedIn("reviewer")).caller;
});

const refusal = async (call: Promise<unknown>) => errorShape(await rejection(call)).data;
const RESULT_TABLES = ["admission_worker_results", "admission_judge_results"] as const;

async function linesOf(batch: BatchDto): Promise<BatchLineDto[]> {
  return (await admin.admissions.batchRows({ batchId: batch.id, limit: 100 })).lines;
}

const worker = (line: BatchLineDto, evaluatorId: string, scores = { clarity: 7, impact: 8, fit: 6 }) => ({
  kind: "worker",
  batchId: line.batchId,
  applicationId: line.applicationId,
  evaluatorId,
  contentHash: line.contentHash,
  scores,
  rationale: `Scored #${line.number}`,
});

const judge = (line: BatchLineDto, evaluatorId: string, verdict: string, extra: Record<string, unknown> = {}) => ({
  kind: "judge",
  batchId: line.batchId,
  applicationId: line.applicationId,
  evaluatorId,
  judgeId: "judge-1",
  verdict,
  reason: `Checked #${line.number}`,
  ...extra,
});

/** Rows with their 1-based line numbers, as the CLI sends them. */
const numbered = (rows: Record<string, unknown>[], first = 1) => rows.map((row, i) => ({ line: first + i, ...row }));

describe("importing results", () => {
  let cycleId: string;
  let batch: BatchDto;
  let lines: BatchLineDto[];

  beforeAll(async () => {
    const processing = await processingCycle(api, admin, manyApplicants(4));
    cycleId = processing.cycle.id;
    batch = processing.batch;
    lines = await linesOf(batch);
  });

  test("worker rows and judges of them are created, each answered by its line", async () => {
    const rows = numbered([
      ...lines.map((l) => worker(l, "model-a")),
      judge(lines[0]!, "model-a", "accept"),
      judge(lines[1]!, "model-a", "adjust", { adjustedScores: { impact: 9.5 } }),
      judge(lines[2]!, "model-a", "reject", { reason: "Scores do not follow the rationale" }),
    ]);
    const result = await admin.admissions.importResults({ cycleId, rows });
    expect(result).toMatchObject({ created: 7, skipped: 0, rejected: 0 });
    expect(result.results.map((r) => [r.line, r.outcome])).toEqual(rows.map((r) => [r.line, "created"]));
    expect(result.results.every((r) => typeof r.id === "string")).toBe(true);

    const workers = await sql<{ application_id: string; scores: Record<string, number>; batch_id: string }>(
      "select application_id, scores, batch_id from admission_worker_results where evaluator_id = 'model-a'",
    );
    expect(workers).toHaveLength(4);
    expect(workers.every((w) => w.batch_id === batch.id)).toBe(true);
    expect(workers[0]!.scores).toEqual({ clarity: 7, impact: 8, fit: 6 });
    const judges = await sql<{ verdict: string; adjusted_scores: unknown; reason: string }>(
      "select verdict, adjusted_scores, reason from admission_judge_results order by verdict",
    );
    expect(judges).toEqual([
      { verdict: "accept", adjusted_scores: null, reason: `Checked #${lines[0]!.number}` },
      { verdict: "adjust", adjusted_scores: { impact: 9.5 }, reason: `Checked #${lines[1]!.number}` },
      { verdict: "reject", adjusted_scores: null, reason: "Scores do not follow the rationale" },
    ]);
    const [event] = await sql<{ change: { after: unknown } }>(
      "select change from audit_events where action = 'admissions.importResults' and entity_id = ? order by seq",
      [cycleId],
    );
    expect(event!.change.after).toEqual({ resultsImported: { workers: 4, judges: 3, skipped: 0, rejected: 0 } });

    // The same rows again: nothing new, every line skipped.
    const before = await rowCounts(api.db.orm, RESULT_TABLES);
    const again = await admin.admissions.importResults({ cycleId, rows });
    expect(again).toMatchObject({ created: 0, skipped: 7, rejected: 0 });
    expect(await rowCounts(api.db.orm, RESULT_TABLES)).toEqual(before);
  });

  test("every refused row names its line and why; the others in the chunk are imported", async () => {
    const other = await processingCycle(api, admin, manyApplicants(1));
    const [otherLine] = await linesOf(other.batch);
    const [a, b, c] = lines as [BatchLineDto, BatchLineDto, BatchLineDto];
    const rows = numbered([
      { ...worker(a, "model-b"), scores: { clarity: 11, impact: 8, fit: 6 } },
      worker(otherLine!, "model-b"),
      { ...worker(otherLine!, "model-b"), batchId: batch.id },
      { ...worker(a, "model-b"), contentHash: "0".repeat(64) },
      worker(a, "model-b", { clarity: 7, impact: 8 } as never),
      worker(a, "model-b", { clarity: 7, impact: 8, fit: 6, style: 5 } as never),
      judge(a, "model-a", "adjust"),
      judge(a, "model-a", "adjust", { judgeId: "judge-2", adjustedScores: { style: 3 } }),
      judge(a, "model-a", "accept", { judgeId: "judge-3", adjustedScores: { fit: 3 } }),
      judge(a, "nobody", "accept"),
      judge(b, "model-c", "accept"),
      worker(b, "model-c"),
      judge(b, "model-c", "accept", { judgeId: "judge-4" }),
      { kind: "verdict", batchId: batch.id },
      worker(c, "model-c"),
      worker(c, "model-c"),
    ]);
    const result = await admin.admissions.importResults({ cycleId, rows });
    const byLine = Object.fromEntries(
      result.results.map((r) => [r.line, r.outcome === "rejected" ? rowReason(r) : r.outcome]),
    );
    expect(byLine).toEqual({
      1: expect.stringMatching(/^scores\.clarity: /),
      2: expect.stringMatching(/^batchId: .*not a batch of this cycle/),
      3: expect.stringMatching(/^applicationId: .*is not in batch/),
      4: expect.stringMatching(/^contentHash: .*content changed since export/),
      5: expect.stringMatching(/^scores: .*missing fit/),
      6: expect.stringMatching(/^scores: .*not criteria of this cycle: style/),
      7: expect.stringMatching(/^adjustedScores: .*at least one criterion/),
      8: expect.stringMatching(/^adjustedScores: .*not criteria of this cycle: style/),
      9: expect.stringMatching(/^adjustedScores: Only an adjust verdict/),
      10: expect.stringMatching(/^evaluatorId: No result of worker nobody/),
      11: expect.stringMatching(/^evaluatorId: No result of worker model-c/),
      12: "created",
      13: "created",
      14: expect.stringMatching(/^kind: /),
      15: "created",
      16: "skipped",
    });
    expect(result).toMatchObject({ created: 3, skipped: 1, rejected: 12 });
  });
});

test("the same chunk sent twice at once creates each result once", async () => {
  const { cycle, batch } = await processingCycle(api, admin, manyApplicants(3));
  const lines = await linesOf(batch);
  const rows = numbered([...lines.map((l) => worker(l, "twice")), ...lines.map((l) => judge(l, "twice", "accept"))]);
  const [first, second] = await Promise.all([
    admin.admissions.importResults({ cycleId: cycle.id, rows }),
    admin.admissions.importResults({ cycleId: cycle.id, rows }),
  ]);
  expect(first!.created + second!.created).toBe(6);
  expect(first!.skipped + second!.skipped).toBe(6);
  const [counts] = await sql<{ workers: number; judges: number }>(
    `select (select count(*)::int from admission_worker_results w join admission_batch_items i
              on i.batch_id = w.batch_id and i.application_id = w.application_id where i.batch_id = ?) as workers,
            (select count(*)::int from admission_judge_results j join admission_worker_results w on w.id = j.worker_result_id
              where w.batch_id = ?) as judges`,
    [batch.id, batch.id],
  );
  expect(counts).toEqual({ workers: 3, judges: 3 });
});

test("outside PROCESSING an import is refused, and a reviewer may not import", async () => {
  const prepared = await preparedCycle(api, admin, manyApplicants(1));
  const batch = await admin.admissions.exportBatch({ cycleId: prepared.cycle.id });
  const rows = numbered((await linesOf(batch)).map((l) => worker(l, "early")));
  expect(await refusal(admin.admissions.importResults({ cycleId: prepared.cycle.id, rows }))).toMatchObject({
    code: "CONFLICT",
    reason: "precondition_failed",
    details: { phase: "BATCH_PREP" },
  });
  expect(await refusal(reviewer.admissions.importResults({ cycleId: prepared.cycle.id, rows }))).toMatchObject({
    code: "FORBIDDEN",
  });
});
