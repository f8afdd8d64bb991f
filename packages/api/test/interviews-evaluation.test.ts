/**
 * Evaluations of interview answers: the built-in evaluation written with the answer, overrides (validation, audit,
 * the scorecard and the bank question's usage figures), re-evaluation, results, rubric agreement, scorecard maths
 * and the application's interview score on the board.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { errorShape, rejection, useTestApi, type Caller } from "./helpers";
import {
  DIAGNOSIS_RUBRIC,
  inUnit,
  seedInterview,
  STRONG_ANSWER,
  type SeedQuestion,
} from "./interviews-evaluation-fixtures";

const api = useTestApi();
let recruiter: Caller;
let reviewer: Caller;
let reviewerId: string;
let viewer: Caller;

beforeAll(async () => {
  recruiter = (await api.signedIn("recruiter")).caller;
  const signedReviewer = await api.signedIn("reviewer");
  reviewer = signedReviewer.caller;
  reviewerId = signedReviewer.user.id;
  viewer = (await api.signedIn("viewer")).caller;
});

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

const OFF_TOPIC = "I am a friendly person who always arrives on time and likes to keep my desk tidy and organised.";

const usage = async (questionId: string) => {
  const [row] = await sql<{ scored_count: number; score_total: number }>(
    "select scored_count, score_total from questions where id = ?",
    [questionId],
  );
  return { count: row!.scored_count, total: Number(row!.score_total) };
};

describe("the built-in evaluation, written with the answer", () => {
  test("each answer gets its builtin@1 evaluation per criterion, audited; the bank question's usage counts it", async () => {
    const seeded = await seedInterview(
      api.deps,
      recruiter,
      [
        { skills: ["PostgreSQL"], difficulty: 3, answer: STRONG_ANSWER },
        { skills: ["PostgreSQL"], difficulty: 3, answer: OFF_TOPIC },
      ],
      "IN_PROGRESS",
    );
    const rows = await sql<{ answer_id: string; evaluator: string; evaluator_version: string; score: number }>(
      "select answer_id, evaluator, evaluator_version, score, criteria from answer_evaluations where answer_id = any(?::uuid[])",
      [`{${seeded.answerIds.join(",")}}`],
    );
    const strong = rows.find((r) => r.answer_id === seeded.answerIds[0])!;
    const weak = rows.find((r) => r.answer_id === seeded.answerIds[1])!;
    expect([strong.evaluator, strong.evaluator_version]).toEqual(["builtin", "builtin@1"]);
    expect(strong.score).toBeGreaterThanOrEqual(80);
    expect(weak.score).toBeLessThan(20);
    expect(await usage(seeded.questionIds[0]!)).toEqual({ count: 1, total: strong.score });
    expect(await usage(seeded.questionIds[1]!)).toEqual({ count: 1, total: weak.score });
    const events = await sql<{ entity_kind: string; subject_id: string; change: { after: Record<string, unknown> } }>(
      "select entity_kind, subject_id, change from audit_events where entity_kind = 'answer_evaluation' and subject_id = ?",
      [seeded.candidateId],
    );
    expect(events).toHaveLength(2);
    expect(events[0]!.change.after).toMatchObject({ evaluator: "builtin", evaluatorVersion: "builtin@1" });

    const results = await viewer.interviews.results({ id: seeded.interviewId }).catch((e: unknown) => e);
    expect(errorShape(results as never).data.reason).toBe("forbidden");
    const { answers, interview, scorecard } = await reviewer.interviews.results({ id: seeded.interviewId });
    expect(interview).toMatchObject({ id: seeded.interviewId, status: "IN_PROGRESS", answered: 2 });
    expect(interview.plan.map((q) => q.id)).toEqual(seeded.plannedIds);
    expect(scorecard).toBeNull();
    expect(answers.map((a) => a.text)).toEqual([STRONG_ANSWER, OFF_TOPIC]);
    expect(answers[0]).toMatchObject({
      finalScore: strong.score,
      override: null,
      question: { id: seeded.plannedIds[0], rubric: DIAGNOSIS_RUBRIC },
      evaluations: [{ evaluator: "builtin", evaluatorVersion: "builtin@1", score: strong.score }],
    });
    expect(answers[0]!.evaluations[0]!.criteria.map((c) => c.criterion)).toEqual(["Diagnosis", "Fix"]);
    expect(answers[0]!.evaluations[0]!.criteria[0]!.feedback).toMatch(/^Covered "explain analyze"/);
  });

  test("an erased candidate's answer reads [erased] and is not evaluated again", async () => {
    const seeded = await seedInterview(api.deps, recruiter, [
      { skills: ["PostgreSQL"], difficulty: 2, answer: STRONG_ANSWER },
    ]);
    await inUnit(api.deps, (ctx) => api.deps.keyring.destroySubject(ctx.em, seeded.candidateId));
    const { answers } = await recruiter.interviews.results({ id: seeded.interviewId });
    expect(answers[0]!.text).toBe("[erased]");
    const before = await sql("select score, updated_at from answer_evaluations where answer_id = ?", [
      seeded.answerIds[0],
    ]);
    await recruiter.interviews.reevaluate({ id: seeded.interviewId, evaluator: "builtin" });
    expect(
      await sql("select score, updated_at from answer_evaluations where answer_id = ?", [seeded.answerIds[0]]),
    ).toEqual(before);
  });
});

describe("overrides", () => {
  test("a reviewer overrides with a reason: audited (reason sealed), final score, scorecard and usage follow; cleared, the evaluator's score is back", async () => {
    const seeded = await seedInterview(api.deps, recruiter, [
      { skills: ["PostgreSQL"], difficulty: 2, answer: STRONG_ANSWER },
      { skills: ["Kubernetes"], difficulty: 2, answer: OFF_TOPIC },
    ]);
    const first = (await reviewer.interviews.results({ id: seeded.interviewId })).answers[0]!;
    const builtin = first.finalScore!;
    const cardBefore = (await reviewer.interviews.scorecards({ applicationId: seeded.applicationId }))[0]!;

    const missing = errorShape(
      await rejection(
        reviewer.interviews.overrideScore({ answerId: first.id, version: first.version, score: 40, reason: null }),
      ),
    );
    expect(missing.data.reason).toBe("invalid_input");
    expect(missing.data.fieldErrors).toEqual([{ path: "reason", message: expect.any(String) }]);
    const range = errorShape(
      await rejection(
        reviewer.interviews.overrideScore({ answerId: first.id, version: first.version, score: 101, reason: "x" }),
      ),
    );
    expect(range.data.fieldErrors?.[0]?.path).toBe("score");
    const byViewer = await rejection(
      viewer.interviews.overrideScore({ answerId: first.id, version: first.version, score: 40, reason: "x" }),
    );
    expect(errorShape(byViewer).data.reason).toBe("forbidden");

    const overridden = await reviewer.interviews.overrideScore({
      answerId: first.id,
      version: first.version,
      score: 40,
      reason: "Named the fix but never measured it",
    });
    const answer = overridden.answers[0]!;
    expect(answer).toMatchObject({
      version: first.version + 1,
      finalScore: 40,
      override: { score: 40, reason: "Named the fix but never measured it", by: { id: reviewerId } },
    });
    expect(answer.evaluations[0]!.score).toBe(builtin);
    expect(await usage(seeded.questionIds[0]!)).toEqual({ count: 1, total: 40 });
    // The scorecard follows: PostgreSQL is now 40, and the application's score with it.
    expect(overridden.scorecard!.skills.find((s) => s.skill === "PostgreSQL")!.score).toBe(40);
    expect(overridden.scorecard!.overall).toBeLessThan(cardBefore.overall);
    const [app] = await sql<{ interview_score: number }>("select interview_score from applications where id = ?", [
      seeded.applicationId,
    ]);
    expect(app!.interview_score).toBe(overridden.scorecard!.overall);

    const [event] = await sql<{ change: { before: Record<string, unknown>; after: Record<string, unknown> } }>(
      "select change from audit_events where entity_kind = 'interview_answer' and entity_id = ? order by seq desc limit 1",
      [first.id],
    );
    expect(event!.change.before).toEqual({ overrideScore: null, overrideReason: null });
    expect(event!.change.after.overrideScore).toBe(40);
    expect(event!.change.after.overrideReason).toMatchObject({ v: 1, kid: expect.any(String), ct: expect.any(String) });
    const [scoreEvent] = await sql<{ change: { before: Record<string, unknown>; after: Record<string, unknown> } }>(
      "select change from audit_events where entity_kind = 'interview_scorecard' and subject_id = ? order by seq desc limit 1",
      [seeded.candidateId],
    );
    expect(scoreEvent!.change.before).toMatchObject({ overall: cardBefore.overall });

    const stale = await rejection(
      reviewer.interviews.overrideScore({ answerId: first.id, version: first.version, score: 50, reason: "again" }),
    );
    expect(errorShape(stale).data.reason).toBe("stale_version");

    const cleared = await reviewer.interviews.overrideScore({
      answerId: first.id,
      version: answer.version,
      score: null,
    });
    expect(cleared.answers[0]).toMatchObject({ finalScore: builtin, override: null });
    expect(cleared.scorecard!.overall).toBe(cardBefore.overall);
    expect(await usage(seeded.questionIds[0]!)).toEqual({ count: 1, total: builtin });
  });

  test("an unknown answer is not_found", async () => {
    const error = await rejection(
      reviewer.interviews.overrideScore({
        answerId: "00000000-0000-4000-8000-000000000000",
        version: 1,
        score: 10,
        reason: "x",
      }),
    );
    expect(errorShape(error).data).toMatchObject({ reason: "not_found", details: { kind: "interview answer" } });
  });
});

describe("re-evaluation", () => {
  test("builtin re-runs every answer (same scores: deterministic), audited; model without a model configured is precondition_failed", async () => {
    const seeded = await seedInterview(api.deps, recruiter, [
      { skills: ["PostgreSQL"], difficulty: 2, answer: STRONG_ANSWER },
    ]);
    const before = await recruiter.interviews.results({ id: seeded.interviewId });
    await sql("update answer_evaluations set score = 1 where answer_id = ?", [seeded.answerIds[0]]);
    const after = await recruiter.interviews.reevaluate({ id: seeded.interviewId, evaluator: "builtin" });
    expect(after.answers[0]!.finalScore).toBe(before.answers[0]!.finalScore);
    const model = errorShape(
      await rejection(recruiter.interviews.reevaluate({ id: seeded.interviewId, evaluator: "model" })),
    );
    expect(model.data.reason).toBe("precondition_failed");
    const missing = await rejection(
      recruiter.interviews.reevaluate({ id: "00000000-0000-4000-8000-000000000000", evaluator: "builtin" }),
    );
    expect(errorShape(missing).data.reason).toBe("not_found");
    const byReviewer = await rejection(
      reviewer.interviews.reevaluate({ id: seeded.interviewId, evaluator: "builtin" }),
    );
    expect(errorShape(byReviewer).data.reason).toBe("forbidden");
  });
});

describe("scorecards", () => {
  test("per skill the mean of its questions, overall weighted by difficulty, unanswered as 0 once completed; the board card shows it", async () => {
    const questions: SeedQuestion[] = [
      { skills: ["PostgreSQL"], difficulty: 3, answer: STRONG_ANSWER },
      { skills: ["PostgreSQL", "Kubernetes"], difficulty: 1, answer: OFF_TOPIC, overTime: true },
      { skills: ["Kubernetes"], difficulty: 2, answer: null },
    ];
    const seeded = await seedInterview(api.deps, recruiter, questions);
    const { answers } = await recruiter.interviews.results({ id: seeded.interviewId });
    const [a, b] = answers.map((x) => x.finalScore!);
    const [card] = await reviewer.interviews.scorecards({ applicationId: seeded.applicationId });
    const round1 = (x: number) => Math.round(x * 10) / 10;
    expect(card).toMatchObject({
      interviewId: seeded.interviewId,
      answered: 2,
      planned: 3,
      overall: round1((a! * 3 + b! * 1 + 0 * 2) / 6),
      skills: [
        { skill: "PostgreSQL", score: round1((a! + b!) / 2), answers: 2 },
        { skill: "Kubernetes", score: round1(b! / 2), answers: 2 },
      ],
    });
    expect(card!.summary).toMatch(/^2 of 3 planned questions answered; overall /);
    expect(card!.summary).toMatch(/Strongest in PostgreSQL .* weakest in Kubernetes/);
    expect(card!.summary).toMatch(/1 answer was given after the time limit\. 1 unanswered question counts as 0\.$/);
    expect(card!.recommendation).toBe(
      card!.overall >= 80
        ? "strong_hire"
        : card!.overall >= 65
          ? "hire"
          : card!.overall >= 45
            ? "lean_no_hire"
            : "no_hire",
    );

    const board = await viewer.jobs.board({ jobId: seeded.jobId });
    const shown = board.columns.flatMap((c) => c.cards).find((c) => c.applicationId === seeded.applicationId);
    expect(shown!.interviewScore).toBe(card!.overall);
    const list = await viewer.applications.list({ jobId: seeded.jobId });
    expect(list.items.find((c) => c.applicationId === seeded.applicationId)!.interviewScore).toBe(card!.overall);
  });

  test("an interview in progress has no score on the application; an unknown application is not_found", async () => {
    const seeded = await seedInterview(
      api.deps,
      recruiter,
      [{ skills: ["Go"], difficulty: 2, answer: STRONG_ANSWER }],
      "IN_PROGRESS",
    );
    expect(await reviewer.interviews.scorecards({ applicationId: seeded.applicationId })).toEqual([]);
    const [app] = await sql("select interview_score from applications where id = ?", [seeded.applicationId]);
    expect(app!.interview_score).toBeNull();
    const missing = await rejection(
      reviewer.interviews.scorecards({ applicationId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(errorShape(missing).data.reason).toBe("not_found");
  });
});

describe("rubric agreement", () => {
  test("per bank question: overrides, mean |builtin − override| and the share within 10 points", async () => {
    const seeded = await seedInterview(api.deps, recruiter, [
      { skills: ["PostgreSQL"], difficulty: 2, answer: STRONG_ANSWER },
    ]);
    const again = await seedInterview(api.deps, recruiter, [
      { skills: ["PostgreSQL"], difficulty: 2, answer: OFF_TOPIC },
    ]);
    // The second interview asks the first one's bank question too.
    await sql("update interview_questions set question_id = ? where id = ?", [
      seeded.questionIds[0],
      again.plannedIds[0],
    ]);
    const override = async (interviewId: string, delta: number) => {
      const answer = (await reviewer.interviews.results({ id: interviewId })).answers[0]!;
      const builtin = answer.evaluations.find((e) => e.evaluator === "builtin")!.score;
      await reviewer.interviews.overrideScore({
        answerId: answer.id,
        version: answer.version,
        score: Math.min(100, Math.max(0, builtin + delta)),
        reason: "Reviewed",
      });
      return Math.abs(Math.min(100, Math.max(0, builtin + delta)) - builtin);
    };
    const d1 = await override(seeded.interviewId, -5);
    const d2 = await override(again.interviewId, 30);
    const [row] = await reviewer.interviews.rubricAgreement({ questionIds: [seeded.questionIds[0]!] });
    expect(row).toEqual({
      questionId: seeded.questionIds[0],
      text: expect.stringMatching(/^Question 0/),
      overrides: 2,
      meanAbsoluteDifference: Math.round(((d1 + d2) / 2) * 10) / 10,
      agreement: 0.5,
    });
    const untouched = seedInterview(api.deps, recruiter, [{ skills: ["Go"], difficulty: 1, answer: OFF_TOPIC }]);
    const { questionIds } = await untouched;
    expect(await reviewer.interviews.rubricAgreement({ questionIds })).toEqual([
      {
        questionId: questionIds[0],
        text: expect.any(String),
        overrides: 0,
        meanAbsoluteDifference: null,
        agreement: null,
      },
    ]);
    const all = await reviewer.interviews.rubricAgreement({});
    expect(all.map((r) => r.questionId)).toContain(seeded.questionIds[0]);
    expect(all.every((r) => r.overrides > 0)).toBe(true);
  });
});
