/**
 * The candidate's interview through the link (public procedures) on a real database with the built-in provider:
 * the welcome page, start with the interviewer's greeting and question 1, answers saved sealed at once, one
 * follow-up for a short answer, a double submit stored once, resume after a closed tab, completion with the closing
 * words, time limits (over time, the whole interview timed out), finishing early, expired and revoked links, what a
 * wrong token learns (nothing), and the GDPR erasure reaching the conversation and the answers.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { errorShape, rejection, useTestApi, type Caller } from "./helpers";
import {
  answerAndWait,
  CONCRETE_ANSWER,
  flowQuestion,
  lastSeq,
  newApplication,
  tokenOf,
} from "./interviews-flow-fixtures";

const api = useTestApi();
let recruiter: Caller;
let admin: Caller;
let anonymous: Caller;
const questionIds: string[] = [];

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

beforeAll(async () => {
  recruiter = (await api.signedIn("recruiter")).caller;
  admin = (await api.signedIn("admin")).caller;
  anonymous = api.caller();
  for (const [i, followUps] of [["What did you measure first?"], [], ["Who did you tell?"]].entries()) {
    const q = await recruiter.questions.create(
      flowQuestion({
        text: `Question number ${i + 1}: tell me about a slow system.`,
        followUps,
        timeLimitSeconds: 120 + i * 60,
      }),
    );
    questionIds.push(q.id);
  }
});

/** A READY interview of a new applicant with the three questions in order; answers its id and link token. */
async function readyInterview(days = 7) {
  const app = await newApplication(recruiter);
  let interview = await recruiter.interviews.create({ applicationId: app.applicationId, questionCount: 3 });
  interview = await recruiter.interviews.updatePlan({ id: interview.id, version: interview.version, questionIds });
  interview = await recruiter.interviews.sendLink({ id: interview.id, version: interview.version, days });
  return { ...app, interview, token: tokenOf(interview) };
}

const CLOSED_EXPIRED = "This link has expired — ask the recruiter for a new one.";

describe("an interview through the link", () => {
  test("welcome, start, a follow-up once, a double submit stored once, resume, completion with closing words", async () => {
    const { interview, token, candidateId } = await readyInterview();
    const welcome = await anonymous.interviewLink.open({ token });
    expect(welcome).toEqual({
      status: "READY",
      closedReason: null,
      candidateFirstName: "Ada",
      jobTitle: "Backend Engineer",
      company: interview.job.company,
      interviewerName: "AI interviewer",
      questionCount: 3,
      timeLimitsSeconds: [120, 180, 240],
      current: null,
      messages: [],
      answered: 0,
    });
    expect((await recruiter.interviews.get({ id: interview.id })).link!.lastOpenedAt).toBeInstanceOf(Date);

    const started = await anonymous.interviewLink.start({ token });
    expect(started.status).toBe("IN_PROGRESS");
    expect(started.current).toMatchObject({ id: interview.plan[0]!.id, position: 0, timeLimitSeconds: 120 });
    expect(started.current!.secondsLeft).toBeGreaterThan(0);
    expect(started.current!.secondsLeft).toBeLessThanOrEqual(120);
    expect(started.messages).toHaveLength(1);
    expect(started.messages[0]).toMatchObject({ seq: 1, role: "assistant", status: "complete" });
    expect(started.messages[0]!.content).toMatch(/^Hello Ada, I'm AI interviewer, and I'll be interviewing you/);
    expect(started.messages[0]!.content).toContain("Question 1 of 3: Question number 1");
    // A second click (or another tab) changes nothing.
    expect((await anonymous.interviewLink.start({ token })).messages).toHaveLength(1);
    const [asked] = await sql<{ times_asked: number }>("select times_asked from questions where id = ?", [
      questionIds[0],
    ]);
    expect(asked!.times_asked).toBe(1);

    // Short: one follow-up (the question's own), the question stays.
    const short = await anonymous.interviewLink.answer({
      token,
      questionId: started.current!.id,
      text: "I added an index.",
    });
    expect(short.current!.id).toBe(started.current!.id);
    const followUp = await anonymous.interviewLink.awaitTurn({
      token,
      afterSeq: lastSeq(short) - 1,
      timeoutMs: 20_000,
    });
    expect(followUp.messages.at(-1)).toMatchObject({ role: "assistant", status: "complete" });
    expect(followUp.messages.at(-1)!.content).toBe("Thank you.\n\nWhat did you measure first?");

    // The follow-up's answer, sent twice at once (a double click): stored once, and the plan moves on once.
    const text = "The p95 latency.";
    const twice = await Promise.all([
      anonymous.interviewLink.answer({ token, questionId: started.current!.id, text }),
      anonymous.interviewLink.answer({ token, questionId: started.current!.id, text }),
    ]);
    expect(twice.map((v) => v.current!.position)).toEqual([1, 1]);
    const afterTwice = await anonymous.interviewLink.awaitTurn({
      token,
      afterSeq: lastSeq(twice[0]!) - 1,
      timeoutMs: 20_000,
    });
    expect(afterTwice.messages.filter((m) => m.role === "user").map((m) => m.content)).toEqual([
      "I added an index.",
      text,
    ]);
    expect(afterTwice.messages.at(-1)!.content).toBe(
      "Thank you.\n\nQuestion 2 of 3: Question number 2: tell me about a slow system.",
    );
    const stored = await sql<{ text_sealed: unknown; seconds_taken: number; over_time: boolean }>(
      "select text_sealed, seconds_taken, over_time from interview_answers where interview_id = ?",
      [interview.id],
    );
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored[0]!.text_sealed)).not.toContain("index");
    const opened = await api.deps.keyring.open(api.db.orm.em.fork(), stored[0]!.text_sealed as never);
    expect(opened).toEqual({ ok: true, value: { text: `I added an index.\n\n${text}` } });
    expect(stored[0]!.over_time).toBe(false);

    // A stale tab answering the previous question again with other words is told it moved on.
    const stale = await rejection(
      anonymous.interviewLink.answer({ token, questionId: started.current!.id, text: "Other" }),
    );
    expect(errorShape(stale).data).toMatchObject({ reason: "precondition_failed", details: { state: "moved_on" } });

    // Question 2 has no follow-ups of its own: a short answer gets the generic request for an example.
    const generic = await answerAndWait(anonymous, token, "Not sure, it depends.");
    expect(generic.messages.at(-1)!.content).toBe(
      "Thank you.\n\nCould you give one concrete example: the situation, what you did yourself, and what came of it?",
    );
    // Another short answer on the follow-up gets no second one.
    const moved = await answerAndWait(anonymous, token, "Maybe a cache.");
    expect(moved.current!.position).toBe(2);

    // The tab closes; opening the link again resumes at the current question with the conversation so far.
    const resumed = await anonymous.interviewLink.open({ token });
    expect(resumed).toMatchObject({ status: "IN_PROGRESS", answered: 2, current: { position: 2 } });
    expect(resumed.messages).toEqual(moved.messages);

    const done = await answerAndWait(anonymous, token, CONCRETE_ANSWER);
    expect(done).toMatchObject({
      status: "COMPLETED",
      closedReason:
        "This interview is complete — thank you. Your answers are saved and the recruiter will be in touch.",
      current: null,
      answered: 3,
    });
    expect(done.messages.at(-1)!.content).toMatch(/^That was the last question, Ada\. Thank you for your answers/);
    const read = await recruiter.interviews.get({ id: interview.id });
    expect(read).toMatchObject({ status: "COMPLETED", endReason: "all answered", answered: 3, currentIndex: 3 });
    expect(read.plan.every((q) => q.askedAt instanceof Date)).toBe(true);
    const results = await recruiter.interviews.results({ id: interview.id });
    expect(results.answers).toHaveLength(3);
    expect(results.scorecard).not.toBeNull();
    const trail = await admin.audit.list({ entityKind: "interview", entityId: interview.id, subjectId: candidateId });
    expect(trail.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(["interviewLink.start", "interviewLink.answer"]),
    );
    expect(JSON.stringify(trail.items)).not.toContain("added an index");

    const late = await rejection(
      anonymous.interviewLink.answer({ token, questionId: started.current!.id, text: "More" }),
    );
    expect(errorShape(late).data).toMatchObject({ reason: "precondition_failed", details: { state: "completed" } });
  });

  test("an answer waits while the interviewer is still writing", async () => {
    const { token, interview } = await readyInterview();
    const started = await anonymous.interviewLink.start({ token });
    const read = await recruiter.interviews.get({ id: interview.id });
    // A reply still being written (as a slow model leaves it).
    await sql(
      `insert into chat_messages (conversation_id, seq, role, status) values (?, 2, 'assistant', 'streaming')`,
      [read.conversationId],
    );
    const busy = await rejection(
      anonymous.interviewLink.answer({ token, questionId: started.current!.id, text: CONCRETE_ANSWER }),
    );
    expect(errorShape(busy).data).toMatchObject({
      reason: "precondition_failed",
      details: { state: "interviewer_writing" },
    });
    expect(busy.message).toBe("The interviewer is still writing; send your answer in a moment.");
    await sql("delete from chat_messages where conversation_id = ? and seq = 2", [read.conversationId]);
    await answerAndWait(anonymous, token, CONCRETE_ANSWER);
  });

  test("an answer after the question's limit is kept and marked over time, with no follow-up", async () => {
    const { token, interview } = await readyInterview();
    const started = await anonymous.interviewLink.start({ token });
    await sql("update interview_questions set asked_at = now() - interval '10 minutes' where id = ?", [
      started.current!.id,
    ]);
    expect((await anonymous.interviewLink.open({ token })).current!.secondsLeft).toBe(0);
    const late = await anonymous.interviewLink.answer({ token, questionId: started.current!.id, text: "Too short." });
    expect(late.current!.position).toBe(1);
    const [answer] = await sql<{ over_time: boolean; seconds_taken: number }>(
      "select over_time, seconds_taken from interview_answers where interview_id = ?",
      [interview.id],
    );
    expect(answer!.over_time).toBe(true);
    expect(answer!.seconds_taken).toBeGreaterThanOrEqual(600);
    await anonymous.interviewLink.awaitTurn({ token, afterSeq: lastSeq(late) - 1, timeoutMs: 20_000 });
  });

  test("when the whole interview's time has run out, the next call completes it", async () => {
    const { token, interview } = await readyInterview();
    const started = await anonymous.interviewLink.start({ token });
    await sql("update interviews set started_at = now() - interval '2 hours' where id = ?", [interview.id]);
    const error = await rejection(
      anonymous.interviewLink.answer({ token, questionId: started.current!.id, text: CONCRETE_ANSWER }),
    );
    expect(errorShape(error).data).toMatchObject({ reason: "precondition_failed", details: { state: "completed" } });
    // The ending was kept although the answer was refused.
    const read = await recruiter.interviews.get({ id: interview.id });
    expect(read).toMatchObject({ status: "COMPLETED", endReason: "time ran out", answered: 0 });
    expect((await anonymous.interviewLink.open({ token })).status).toBe("COMPLETED");
  });

  test("the candidate finishes early: COMPLETED with the answers given", async () => {
    const { token, interview } = await readyInterview();
    await anonymous.interviewLink.start({ token });
    await answerAndWait(anonymous, token, CONCRETE_ANSWER);
    const finished = await anonymous.interviewLink.finish({ token });
    expect(finished).toMatchObject({ status: "COMPLETED", answered: 1, current: null });
    expect(await recruiter.interviews.get({ id: interview.id })).toMatchObject({
      status: "COMPLETED",
      endReason: "finished early by the candidate",
    });
  });

  test("a link that expired mid-interview ends it as EXPIRED; answers are kept", async () => {
    const { token, interview } = await readyInterview();
    await anonymous.interviewLink.start({ token });
    await answerAndWait(anonymous, token, CONCRETE_ANSWER);
    await sql("update interview_links set expires_at = now() - interval '1 second' where interview_id = ?", [
      interview.id,
    ]);
    const current = (
      await sql<{ id: string }>("select id from interview_questions where interview_id = ? and position = 1", [
        interview.id,
      ])
    )[0]!;
    const error = await rejection(
      anonymous.interviewLink.answer({ token, questionId: current.id, text: CONCRETE_ANSWER }),
    );
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe(CLOSED_EXPIRED);
    expect(errorShape(error).data.details).toEqual({ state: "expired" });
    expect(await recruiter.interviews.get({ id: interview.id })).toMatchObject({ status: "EXPIRED", answered: 1 });
    const page = await anonymous.interviewLink.open({ token });
    expect(page).toMatchObject({ status: "EXPIRED", closedReason: CLOSED_EXPIRED, messages: [], current: null });
    expect(page.jobTitle).toBe("");
  });

  test("a revoked link says so; a new link works; starting before READY is refused", async () => {
    const { token, interview } = await readyInterview();
    const revoked = await recruiter.interviews.revokeLink({ id: interview.id, version: interview.version });
    const error = await rejection(anonymous.interviewLink.start({ token }));
    expect(errorShape(error).data).toMatchObject({ reason: "precondition_failed", details: { state: "revoked" } });
    expect(error.message).toBe("This link is no longer valid — ask the recruiter for a new one.");
    const again = await recruiter.interviews.sendLink({ id: revoked.id, version: revoked.version, days: 2 });
    expect((await anonymous.interviewLink.start({ token: tokenOf(again) })).status).toBe("IN_PROGRESS");
    expect((await anonymous.interviewLink.open({ token })).closedReason).toBe(
      "This link is no longer valid — ask the recruiter for a new one.",
    );
  });
});

describe("what a link reveals", () => {
  test("a wrong token is NOT_FOUND with nothing else; a malformed one is refused by its shape", async () => {
    const wrong = "A".repeat(43);
    for (const call of [
      () => anonymous.interviewLink.open({ token: wrong }),
      () => anonymous.interviewLink.start({ token: wrong }),
      () => anonymous.interviewLink.finish({ token: wrong }),
      () => anonymous.interviewLink.awaitTurn({ token: wrong, afterSeq: 0, timeoutMs: 0 }),
      () =>
        anonymous.interviewLink.answer({
          token: wrong,
          questionId: "00000000-0000-4000-8000-000000000000",
          text: "Hi",
        }),
    ]) {
      const error = await rejection(call());
      expect(error.code).toBe("NOT_FOUND");
      expect(errorShape(error).data.details).toEqual({ kind: "interviewLink" });
    }
    const malformed = await rejection(anonymous.interviewLink.open({ token: "short" }));
    expect(errorShape(malformed).data.fieldErrors).toEqual([
      { path: "token", message: "This interview link is not valid: check that it was copied whole" },
    ]);
  });

  test("an answer over 20,000 characters is refused by its size", async () => {
    const { token } = await readyInterview();
    const started = await anonymous.interviewLink.start({ token });
    const error = await rejection(
      anonymous.interviewLink.answer({ token, questionId: started.current!.id, text: "x".repeat(20_001) }),
    );
    expect(errorShape(error).data.reason).toBe("invalid_input");
  });
});

describe("GDPR", () => {
  test("erasing the candidate erases the interview's conversation and answers", async () => {
    const { token, interview, candidateId } = await readyInterview();
    await anonymous.interviewLink.start({ token });
    await answerAndWait(anonymous, token, CONCRETE_ANSWER);
    const { conversationId } = await recruiter.interviews.get({ id: interview.id });
    const exported = await admin.candidates.exportPersonalData({ id: candidateId });
    expect(JSON.stringify(exported)).toContain("composite indexes");

    // A score from an earlier completed interview stands on the application until then.
    await sql("update applications set interview_score = 70 where id = ?", [interview.applicationId]);

    await admin.candidates.erase({ id: candidateId });
    expect(await sql("select interview_score from applications where id = ?", [interview.applicationId])).toEqual([
      { interview_score: null },
    ]);
    expect(await sql("select id from conversations where id = ?", [conversationId])).toEqual([]);
    expect(await sql("select id from chat_messages where conversation_id = ?", [conversationId])).toEqual([]);
    expect(await sql("select id from interview_answers where interview_id = ?", [interview.id])).toEqual([]);
    const error = await rejection(anonymous.interviewLink.open({ token }));
    expect(error.code).toBe("NOT_FOUND");
  });
});
