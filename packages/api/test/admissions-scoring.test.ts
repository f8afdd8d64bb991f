/**
 * Final scores (docs/admissions.md, "The final score") on a hand-computed example: a judge's adjust, a reject, two
 * adjusting judges averaged, a reviewer's own scores as one more evaluator, weights (clarity ×1, impact ×2, fit ×1);
 * ties ranked by the rule (more evaluations, then earlier submission); applications with nothing counted get no
 * score. Then the scores table by rank and the distribution.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { SAMPLE_APPLICANTS } from "./admissions-support";
import {
  cycleInProcessing,
  importRows,
  judgeRow,
  scores,
  workerRow,
  type CycleInProcessing,
} from "./admissions-flow-support";
import { errorShape, rejection, useTestApi, type Caller } from "./helpers";

const api = useTestApi();
let admin: Caller;
let flow: CycleInProcessing;
/** Application ids by the letter the example gives them. */
const id: Record<"A" | "B" | "C" | "D" | "E" | "F", string> = { A: "", B: "", C: "", D: "", E: "", F: "" };

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
  const reviewer = (await api.signedIn("reviewer")).caller;
  flow = await cycleInProcessing(api, admin, { applicants: SAMPLE_APPLICANTS.slice(0, 6) });
  const [A, B, C, D, E, F] = flow.applicants.map((a) => flow.lineOf(a));
  (["A", "B", "C", "D", "E", "F"] as const).forEach(
    (letter, i) => (id[letter] = flow.applicants[i]!.receipt.applicationId),
  );
  await importRows(admin, flow.cycle.id, [
    // A: w1 6/8/4 with impact adjusted to 6; w2 rejected; a reviewer's 8/7/6 (below).
    workerRow(A!, "w1", scores(6, 8, 4)),
    judgeRow(A!, "w1", "j1", "adjust", { impact: 6 }),
    workerRow(A!, "w2", scores(10, 10, 10)),
    judgeRow(A!, "w2", "j1", "reject"),
    // B: w1 5/5/5, impact adjusted to 7 by j1 and 9 by j2 (mean 8), fit to 3 by j2; w2 4/6/8 accepted.
    workerRow(B!, "w1", scores(5, 5, 5)),
    judgeRow(B!, "w1", "j1", "adjust", { impact: 7 }),
    judgeRow(B!, "w1", "j2", "adjust", { impact: 9, fit: 3 }),
    workerRow(B!, "w2", scores(4, 6, 8)),
    judgeRow(B!, "w2", "j1", "accept"),
    // C: one evaluation of 6.25; D: two of 6.25 (a tie with A, submitted later).
    workerRow(C!, "w1", scores(7, 6, 6)),
    workerRow(D!, "w1", scores(7, 6, 6)),
    workerRow(D!, "w2", scores(7, 6, 6)),
    // E: its only result rejected (one reject is enough, whatever another judge says); F: nothing at all.
    workerRow(E!, "w1", scores(9, 9, 9)),
    judgeRow(E!, "w1", "j1", "accept"),
    judgeRow(E!, "w1", "j2", "reject"),
  ]);
  void F;
  await reviewer.admissions.review.score({ applicationId: id.A, scores: scores(8, 7, 6) });
});

describe("admissions.score", () => {
  test("computes the hand-computed scores, ranks ties by the rule, and marks the scored", async () => {
    const cycle = await admin.admissions.score({ cycleId: flow.cycle.id });
    expect(cycle.phase).toBe("SCORED");
    expect(cycle.counts).toMatchObject({ SCORED: 4, BATCHED: 2 });

    const page = await admin.admissions.scores.list({ cycleId: flow.cycle.id, limit: 10 });
    expect(page.items.map((r) => [r.applicationId, r.rank, r.score, r.evaluations])).toEqual([
      // A: clarity (6+8)/2 = 7, impact (6+7)/2 = 6.5, fit (4+6)/2 = 5 → (7 + 2×6.5 + 5)/4 = 6.25, 2 evaluations.
      [id.A, 1, 6.25, 2],
      // D: 6.25 with 2 evaluations, submitted after A.
      [id.D, 2, 6.25, 2],
      // C: 6.25 with 1 evaluation.
      [id.C, 3, 6.25, 1],
      // B: clarity (5+4)/2 = 4.5, impact (8+6)/2 = 7, fit (3+8)/2 = 5.5 → (4.5 + 14 + 5.5)/4 = 6.
      [id.B, 4, 6, 2],
    ]);
    expect(page.items[0]!.criteria).toEqual({
      clarity: { mean: 7, count: 2 },
      impact: { mean: 6.5, count: 2 },
      fit: { mean: 5, count: 2 },
    });
    expect(page.items[3]!.criteria).toEqual({
      clarity: { mean: 4.5, count: 2 },
      impact: { mean: 7, count: 2 },
      fit: { mean: 5.5, count: 2 },
    });
    expect(page.items.every((r) => r.status === "SCORED" && r.override === null)).toBe(true);
    expect(page.nextCursor).toBeNull();

    const unscored = await sql<{ id: string; status: string }>(
      "select a.id, a.status from admission_applications a where a.cycle_id = ? and not exists (select 1 from admission_final_scores f where f.application_id = a.id) order by a.id",
      [flow.cycle.id],
    );
    expect(unscored).toEqual(
      [
        { id: id.E, status: "BATCHED" },
        { id: id.F, status: "BATCHED" },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );

    const [event] = await sql<{ change: { after: Record<string, unknown> } }>(
      "select change from audit_events where action = 'admissions.score' and entity_id = ?",
      [flow.cycle.id],
    );
    expect(event!.change.after).toEqual({ phase: "SCORED", scored: 4, unscored: 2 });

    const reviewed = await admin.admissions.review.get({ applicationId: id.A });
    expect(reviewed.finalScore).toEqual({ score: 6.25, rank: 1, evaluations: 2, criteria: page.items[0]!.criteria });
  });

  test("pages the table by rank", async () => {
    const first = await admin.admissions.scores.list({ cycleId: flow.cycle.id, limit: 2 });
    expect(first.items.map((r) => r.rank)).toEqual([1, 2]);
    expect(first.nextCursor).toBe("2");
    const second = await admin.admissions.scores.list({ cycleId: flow.cycle.id, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((r) => r.applicationId)).toEqual([id.C, id.B]);
    expect(second.nextCursor).toBeNull();
    const number = (await admin.admissions.review.get({ applicationId: id.C })).number;
    expect(second.items[0]!.number).toBe(number);
  });

  test("the distribution: buckets over 0–10, mean, median; no cutoff before selection", async () => {
    const dist = await admin.admissions.scores.distribution({ cycleId: flow.cycle.id, buckets: 40 });
    expect(dist).toMatchObject({ count: 4, mean: 6.1875, median: 6.25, cutoff: null });
    expect(dist.buckets).toHaveLength(40);
    expect(dist.buckets[0]).toEqual({ from: 0, to: 0.25, count: 0 });
    expect(dist.buckets[24]).toEqual({ from: 6, to: 6.25, count: 1 });
    expect(dist.buckets[25]).toEqual({ from: 6.25, to: 6.5, count: 3 });
    expect(dist.buckets.reduce((n, b) => n + b.count, 0)).toBe(4);
  });

  test("runs only from PROCESSING", async () => {
    const error = await rejection(admin.admissions.score({ cycleId: flow.cycle.id }));
    expect(error.code).toBe("CONFLICT");
    expect(errorShape(error).data).toMatchObject({ reason: "precondition_failed", details: { phase: "SCORED" } });
    const reviewer = (await api.signedIn("reviewer")).caller;
    expect((await rejection(reviewer.admissions.score({ cycleId: flow.cycle.id }))).code).toBe("FORBIDDEN");
  });

  test("a perfect 10 falls in the last bucket; an empty cycle answers an empty distribution", async () => {
    const top = await cycleInProcessing(api, admin, { applicants: SAMPLE_APPLICANTS.slice(0, 1) });
    await importRows(admin, top.cycle.id, [workerRow(top.lines[0]!, "w1", scores(10, 10, 10))]);
    await admin.admissions.score({ cycleId: top.cycle.id });
    const dist = await admin.admissions.scores.distribution({ cycleId: top.cycle.id, buckets: 10 });
    expect(dist.buckets.at(-1)).toEqual({ from: 9, to: 10, count: 1 });
    const empty = await admin.admissions.cycles.create({
      slug: `empty-${Date.now().toString(36)}`,
      name: "Empty",
      questions: [{ key: "q", label: "Q", kind: "short" }],
      criteria: [{ key: "c", label: "C" }],
      capacity: 1,
    });
    expect(await admin.admissions.scores.distribution({ cycleId: empty.id })).toMatchObject({
      count: 0,
      mean: null,
      median: null,
      cutoff: null,
    });
    expect(await admin.admissions.scores.list({ cycleId: empty.id })).toEqual({ items: [], nextCursor: null });
    const missing = await rejection(admin.admissions.scores.list({ cycleId: "00000000-0000-4000-8000-000000000000" }));
    expect(missing.code).toBe("NOT_FOUND");
  });
});
