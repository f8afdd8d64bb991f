/**
 * Reviewers: the queue of anonymized applications by number (keyset pages, scoredByMe, unscoredByMe), one application
 * with its labelled answers (never an identifying question), evaluations and judges, its neighbours; a reviewer's own
 * scores as one more evaluator (every criterion required, saving again replaces them, audited, only in BATCH_PREP or
 * PROCESSING).
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
let reviewer: Caller;
let reviewerId: string;
let otherReviewer: Caller;
let flow: CycleInProcessing;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
  const signed = await api.signedIn("reviewer");
  reviewer = signed.caller;
  reviewerId = signed.user.id;
  otherReviewer = (await api.signedIn("reviewer")).caller;
  flow = await cycleInProcessing(api, admin);
});

describe("admissions.review.queue", () => {
  test("pages the cycle's anonymized applications by number, with no identity", async () => {
    const first = await reviewer.admissions.review.queue({ cycleId: flow.cycle.id, limit: 4 });
    expect(first.items.map((i) => i.number)).toEqual([1, 2, 3, 4]);
    expect(first.nextCursor).toBe("4");
    const second = await reviewer.admissions.review.queue({
      cycleId: flow.cycle.id,
      limit: 4,
      cursor: first.nextCursor,
    });
    expect(second.items.map((i) => i.number)).toEqual([5, 6, 7, 8]);
    const last = await reviewer.admissions.review.queue({
      cycleId: flow.cycle.id,
      limit: 4,
      cursor: second.nextCursor,
    });
    expect(last.items.map((i) => i.number)).toEqual([9, 10]);
    expect(last.nextCursor).toBeNull();
    // Submission order gives the numbers.
    expect(first.items[0]).toMatchObject({
      applicationId: flow.applicants[0]!.receipt.applicationId,
      status: "BATCHED",
      evaluations: 0,
      finalScore: null,
      scoredByMe: false,
    });
    expect(first.items[0]!.totalWords).toBeGreaterThan(10);
    expect(first.items[0]!.answeredRatio).toBe(1);
    const text = JSON.stringify([first, second, last]);
    for (const applicant of SAMPLE_APPLICANTS) {
      expect(text).not.toContain(applicant.email);
      expect(text).not.toContain(applicant.name);
    }
  });

  test("a wrong cycle is not found, a foreign cursor is refused", async () => {
    const missing = await rejection(
      reviewer.admissions.review.queue({ cycleId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(missing.code).toBe("NOT_FOUND");
    const bad = await rejection(reviewer.admissions.review.queue({ cycleId: flow.cycle.id, cursor: "abc" }));
    expect(errorShape(bad).data.fieldErrors).toEqual([{ path: "cursor", message: expect.any(String) }]);
  });
});

describe("admissions.review.get", () => {
  test("answers the reviewed answers with their labels, never the identifying question, and the neighbours", async () => {
    const [first, second] = flow.applicants;
    const got = await reviewer.admissions.review.get({ applicationId: first!.receipt.applicationId });
    expect(got.number).toBe(1);
    expect(got.answers.map((a) => [a.key, a.label])).toEqual([
      ["motivation", "Why do you want to join the fellowship?"],
      ["project", "Tell us about a project you are proud of."],
    ]);
    expect(got.contentHash).toBe(flow.lineOf(first!).contentHash);
    expect(got.previousId).toBeNull();
    expect(got.nextId).toBe(second!.receipt.applicationId);
    const text = JSON.stringify(got);
    expect(text).not.toContain(first!.email);
    expect(text).not.toContain(first!.answers.student_id!);
    expect(text).not.toContain("student_id");
    expect(got.metrics.totalWords).toBeGreaterThan(0);

    const next = await reviewer.admissions.review.get({ applicationId: got.nextId! });
    expect(next.previousId).toBe(first!.receipt.applicationId);
    const last = flow.applicants.at(-1)!;
    expect((await reviewer.admissions.review.get({ applicationId: last.receipt.applicationId })).nextId).toBeNull();
  });

  test("shows every evaluation with its judges", async () => {
    const applicant = flow.applicants[2]!;
    const line = flow.lineOf(applicant);
    await importRows(admin, flow.cycle.id, [
      workerRow(line, "model-a", scores(6, 7, 8), "Clear and concrete."),
      judgeRow(line, "model-a", "judge-1", "adjust", { impact: 5 }, "Impact overstated"),
      judgeRow(line, "model-a", "judge-2", "accept"),
    ]);
    const got = await reviewer.admissions.review.get({ applicationId: applicant.receipt.applicationId });
    expect(got.evaluations).toEqual([
      {
        id: expect.any(String),
        evaluatorId: "model-a",
        kind: "worker",
        batchId: flow.batch.id,
        scores: scores(6, 7, 8),
        rationale: "Clear and concrete.",
        createdAt: expect.any(Date),
        judges: [
          { judgeId: "judge-1", verdict: "adjust", adjustedScores: { impact: 5 }, reason: "Impact overstated" },
          { judgeId: "judge-2", verdict: "accept", adjustedScores: null, reason: "accept by judge-2" },
        ],
      },
    ]);
  });

  test("an unknown application is not found", async () => {
    const error = await rejection(
      reviewer.admissions.review.get({ applicationId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("admissions.review.score", () => {
  test("requires every criterion of the cycle and nothing else, each named", async () => {
    const applicationId = flow.applicants[0]!.receipt.applicationId;
    const missing = await rejection(
      reviewer.admissions.review.score({ applicationId, scores: { clarity: 5, impact: 5 } }),
    );
    expect(missing.code).toBe("BAD_REQUEST");
    expect(errorShape(missing).data.fieldErrors).toEqual([{ path: "scores.fit", message: "Score Fit" }]);
    const extra = await rejection(
      reviewer.admissions.review.score({ applicationId, scores: { ...scores(5, 5, 5), charm: 9 } }),
    );
    expect(errorShape(extra).data.fieldErrors).toEqual([
      { path: "scores.charm", message: "charm is not a criterion of this cycle" },
    ]);
    const range = await rejection(reviewer.admissions.review.score({ applicationId, scores: scores(5, 11, 5) }));
    expect(range.code).toBe("BAD_REQUEST");
  });

  test("saves the reviewer's scores as one more evaluator; saving again replaces them; audited", async () => {
    const applicationId = flow.applicants[1]!.receipt.applicationId;
    const saved = await reviewer.admissions.review.score({
      applicationId,
      scores: scores(7, 8, 9),
      notes: "Strong project.",
    });
    expect(saved.evaluations).toEqual([
      expect.objectContaining({
        evaluatorId: `reviewer:${reviewerId}`,
        kind: "reviewer",
        batchId: null,
        scores: scores(7, 8, 9),
        rationale: "Strong project.",
        judges: [],
      }),
    ]);
    const again = await reviewer.admissions.review.score({
      applicationId,
      scores: scores(4, 5, 6),
      notes: "On reflection, thinner.",
    });
    expect(again.evaluations).toHaveLength(1);
    expect(again.evaluations[0]).toMatchObject({ scores: scores(4, 5, 6), rationale: "On reflection, thinner." });
    const rows = await sql("select id from admission_worker_results where application_id = ?", [applicationId]);
    expect(rows).toHaveLength(1);

    const events = await sql<{ action: string; change: { before: unknown; after: Record<string, unknown> } }>(
      "select action, change from audit_events where entity_kind = 'admission_worker_result' and entity_id = ? order by seq",
      [again.evaluations[0]!.id],
    );
    expect(events.map((e) => e.action)).toEqual(["admissions.review.score", "admissions.review.score"]);
    expect(events[0]!.change.before).toBeNull();
    expect(events[1]!.change.before).toEqual({ scores: scores(7, 8, 9), notes: "Strong project." });
    expect(events[1]!.change.after).toMatchObject({ scores: scores(4, 5, 6), evaluatorId: `reviewer:${reviewerId}` });

    // Another reviewer is another evaluator.
    const other = await otherReviewer.admissions.review.score({ applicationId, scores: scores(6, 6, 6) });
    expect(other.evaluations).toHaveLength(2);
  });

  test("the queue says which the caller scored, and can leave those out", async () => {
    const scoredId = flow.applicants[1]!.receipt.applicationId;
    const mine = await reviewer.admissions.review.queue({ cycleId: flow.cycle.id });
    expect(mine.items.find((i) => i.applicationId === scoredId)).toMatchObject({ scoredByMe: true, evaluations: 2 });
    expect(mine.items.filter((i) => i.scoredByMe)).toHaveLength(1);
    const unscored = await reviewer.admissions.review.queue({ cycleId: flow.cycle.id, unscoredByMe: true });
    expect(unscored.items.map((i) => i.applicationId)).not.toContain(scoredId);
    expect(unscored.items).toHaveLength(flow.applicants.length - 1);
    const asAdmin = await admin.admissions.review.queue({ cycleId: flow.cycle.id });
    expect(asAdmin.items.every((i) => !i.scoredByMe)).toBe(true);
  });

  test("is refused outside BATCH_PREP and PROCESSING, with the phase found", async () => {
    const applicationId = flow.applicants[0]!.receipt.applicationId;
    await admin.admissions.score({ cycleId: flow.cycle.id });
    const error = await rejection(reviewer.admissions.review.score({ applicationId, scores: scores(5, 5, 5) }));
    expect(error.code).toBe("CONFLICT");
    expect(errorShape(error).data).toMatchObject({ reason: "precondition_failed", details: { phase: "SCORED" } });
  });
});
