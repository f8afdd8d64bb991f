/**
 * The model judge against a local fake /v1/chat/completions server (the real wire format): scheduled after the
 * answer's commit, it scores per criterion with structured output, its evaluation (named by the model) becomes the
 * final score and refreshes the scorecard; a failed or malformed call leaves the built-in evaluation. Re-evaluation
 * with the model re-runs it.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { settleJudges, type ContextDeps } from "@shortlist/api";
import { evaluateAnswer } from "../src/interviews/evaluations.service";
import { startFakeLlm, type FakeLlm, type FakeLlmStep } from "./fixtures/fake-llm-server";
import { callerFor, signIn, testConfig, useTestApi, type Caller } from "./helpers";
import { inUnit, seedInterview, STRONG_ANSWER, type SeededInterview } from "./interviews-evaluation-fixtures";

const api = useTestApi();
let llm: FakeLlm;
let deps: ContextDeps;
let recruiter: Caller;

beforeAll(async () => {
  llm = await startFakeLlm({ model: "judge-model" });
  deps = {
    ...api.deps,
    orm: api.deps.orm,
    log: api.deps.log,
    keyring: api.deps.keyring,
    config: testConfig(api.db.config, { SHORTLIST_LLM_BASE_URL: llm.baseUrl, SHORTLIST_LLM_MODEL: "judge-model" }),
  };
  const user = await api.createUser("recruiter");
  recruiter = callerFor(deps, { sessionToken: await signIn(deps, user.email) });
});
afterAll(async () => {
  await settleJudges();
  await llm?.close();
});

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

const judged = (scores: [number, number], feedback = "Diagnosed well; the fix was not verified."): FakeLlmStep => ({
  kind: "reply",
  text: JSON.stringify({
    criteria: [
      { criterion: "Diagnosis", score: scores[0], feedback: "Read the plan.", matched: ["EXPLAIN ANALYZE"] },
      { criterion: "Fix", score: scores[1], feedback: "Indexed the column.", matched: ["index"] },
    ],
    feedback,
  }),
});

/** A completed interview with one unanswered question, then the answer given as the flow does: evaluated in its transaction, the judge after the commit. */
async function answered(): Promise<SeededInterview & { answerId: string }> {
  const seeded = await seedInterview(deps, recruiter, [{ skills: ["PostgreSQL"], difficulty: 2, answer: null }]);
  const afterCommit: (() => unknown)[] = [];
  const answerId = await inUnit(deps, async (ctx) => {
    const sealed = await deps.keyring.seal(ctx.em, seeded.candidateId, { text: STRONG_ANSWER });
    const [row] = await ctx.em.execute<{ id: string }[]>(
      `insert into interview_answers (interview_id, interview_question_id, text_sealed, submitted_at)
       values (?, ?, ?::jsonb, now()) returning id`,
      [seeded.interviewId, seeded.plannedIds[0], JSON.stringify(sealed)],
    );
    await evaluateAnswer({ ...ctx, afterCommit: (task) => afterCommit.push(task) }, row!.id);
    return row!.id;
  });
  for (const task of afterCommit) await task();
  await settleJudges();
  return { ...seeded, answerId };
}

const evaluations = (answerId: string) =>
  sql<{ evaluator: string; evaluator_version: string; score: number; criteria: { score: number }[] }>(
    "select evaluator, evaluator_version, score, criteria from answer_evaluations where answer_id = ? order by evaluator",
    [answerId],
  );

test("the judge scores each criterion with structured output; its evaluation is the final score and refreshes the scorecard", async () => {
  llm.setScript([judged([0.5, 1])]);
  const { answerId, interviewId, questionIds, candidateId } = await answered();
  const [builtin, model] = await evaluations(answerId);
  expect(builtin!.evaluator).toBe("builtin");
  // (0.5·3 + 1·2) / 5 = 70
  expect(model).toMatchObject({ evaluator: "model", evaluator_version: "judge-model", score: 70 });
  expect(model!.criteria.map((c) => c.score)).toEqual([0.5, 1]);

  const request = llm.requests.at(-1)!.body;
  expect(request.model).toBe("judge-model");
  expect(request.response_format).toMatchObject({ type: "json_schema" });
  const prompt = request.messages!.map((m) => String(m.content)).join("\n");
  expect(prompt).toContain('"Diagnosis" (weight 3)');
  expect(prompt).toContain(STRONG_ANSWER);

  const results = await recruiter.interviews.results({ id: interviewId });
  expect(results.answers[0]!.finalScore).toBe(70);
  expect(results.scorecard).toMatchObject({ overall: 70, recommendation: "hire" });
  const [usage] = await sql<{ scored_count: number; score_total: number }>(
    "select scored_count, score_total from questions where id = ?",
    [questionIds[0]],
  );
  expect([usage!.scored_count, usage!.score_total]).toEqual([1, 70]);
  const [event] = await sql<{ action: string; actor_label: string }>(
    "select action, actor_label from audit_events where entity_kind = 'answer_evaluation' and subject_id = ? order by seq desc limit 1",
    [candidateId],
  );
  expect(event).toEqual({ action: "interviews.judge", actor_label: "interview judge" });
});

test("a failed or malformed model call leaves the built-in evaluation as the score", async () => {
  for (const step of [
    { kind: "error", status: 500, message: "model crashed" },
    { kind: "malformed" },
    { kind: "reply", text: '{"criteria": "not a list"}' },
  ] satisfies FakeLlmStep[]) {
    llm.setScript([step]);
    const { answerId, interviewId } = await answered();
    const rows = await evaluations(answerId);
    expect(rows.map((r) => r.evaluator)).toEqual(["builtin"]);
    const results = await recruiter.interviews.results({ id: interviewId });
    expect(results.answers[0]!.finalScore).toBe(rows[0]!.score);
  }
});

test("re-evaluation with the model re-runs the judge on every answer; an override still wins", async () => {
  llm.setScript([judged([1, 1])]);
  const { answerId, interviewId } = await answered();
  expect((await evaluations(answerId))[1]!.score).toBe(100);
  llm.setScript([judged([0, 0.5])]);
  await recruiter.interviews.reevaluate({ id: interviewId, evaluator: "model" });
  await settleJudges();
  expect((await evaluations(answerId))[1]!.score).toBe(20);
  const answer = (await recruiter.interviews.results({ id: interviewId })).answers[0]!;
  expect(answer.finalScore).toBe(20);
  const overridden = await recruiter.interviews.overrideScore({
    answerId,
    version: answer.version,
    score: 90,
    reason: "The reviewer heard more in the call",
  });
  expect(overridden.answers[0]!.finalScore).toBe(90);
  expect(overridden.scorecard!.overall).toBe(90);
});
