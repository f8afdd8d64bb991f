/**
 * The candidate's side, by link token (public): open, start, answer, await the interviewer's turn, finish. The
 * token is the only key: a wrong one learns nothing, a revoked or expired one only that it no longer works. Every
 * change locks the interview's row, so calls on one link go one at a time (a double-submitted answer is stored once).
 */
import type { Sealed } from "@shortlist/db";
import type { z } from "zod";
import {
  awaitReplyAfter,
  getConversation,
  replyInProgress,
  sendMessageFor,
  startConversationFor,
} from "../conversations";
import type { ProcedureContext } from "../context";
import { pgDate } from "../db-rows";
import { DomainError, keepingWrites } from "../errors";
import type { CandidateInterviewDTO } from "./dto";
import { evaluateAnswer } from "./evaluations.service";
import { hashToken } from "./interviews.service";
import {
  applyMove,
  completeInterview,
  lockInterview,
  markAsked,
  oneInterview,
  recordUnchanged,
  settle,
  settleDue,
  type LockedInterview,
} from "./lifecycle";
import { firstName, followUpReason, secondsLeft, secondsTaken } from "./logic/turns";
import { readPlan, type PlannedRow } from "./mappers";
import type { awaitTurnInput, candidateAnswerInput, linkInput } from "./schemas";

type Ctx = ProcedureContext;

/** What the candidate reads when the link no longer leads anywhere (nothing else is shown). */
export const CLOSED_WORDS = {
  expired: "This link has expired — ask the recruiter for a new one.",
  revoked: "This link is no longer valid — ask the recruiter for a new one.",
  cancelled: "This interview was cancelled. The recruiter will be in touch.",
  completed: "This interview is complete — thank you. Your answers are saved and the recruiter will be in touch.",
} as const;
type Closed = keyof typeof CLOSED_WORDS;

interface Link {
  id: string;
  interviewId: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

async function findLink(ctx: Ctx, token: string): Promise<Link> {
  const [row] = await ctx.em.execute<
    { id: string; interview_id: string; expires_at: string; revoked_at: string | null }[]
  >("select id, interview_id, expires_at, revoked_at from interview_links where token_hash = ?", [hashToken(token)]);
  if (!row)
    throw new DomainError(
      "not_found",
      "This interview link is not valid — check that it was copied whole, or ask the recruiter for a new one.",
      { details: { kind: "interviewLink" } },
    );
  return {
    id: row.id,
    interviewId: row.interview_id,
    expiresAt: pgDate(row.expires_at),
    revokedAt: row.revoked_at ? pgDate(row.revoked_at) : null,
  };
}

function closedState(link: Link, status: LockedInterview["status"], now: Date): Closed | null {
  if (status === "COMPLETED") return "completed";
  if (status === "CANCELLED") return "cancelled";
  if (status === "EXPIRED") return "expired";
  if (link.revokedAt || status === "PREPARING") return "revoked";
  if (link.expiresAt <= now) return "expired";
  return null;
}

const refusal = (closed: Closed) =>
  new DomainError("precondition_failed", CLOSED_WORDS[closed], { details: { state: closed } });

/**
 * For a change: finds the link, locks its interview and ends it first if it is due (that ending commits even when
 * the call is then refused). Refuses a link that no longer leads anywhere.
 */
async function lockByToken(ctx: Ctx, token: string, now: Date) {
  const link = await findLink(ctx, token);
  const interview = await lockInterview(ctx.em, link.interviewId);
  const ending = await settle(ctx, interview, now);
  const closed = closedState(link, interview.status, now);
  if (closed) {
    const error = refusal(closed);
    throw ending ? keepingWrites(error) : error;
  }
  return { link, interview };
}

interface ViewRow {
  status: LockedInterview["status"];
  current_index: number;
  conversation_id: string | null;
  candidate_name: string;
  job_title: string;
  company: string;
  persona_name: string | null;
}

async function view(ctx: Ctx, link: Link, now: Date): Promise<CandidateInterviewDTO> {
  const [row] = await ctx.em.execute<ViewRow[]>(
    `select i.status, i.current_index, i.conversation_id, c.name as candidate_name, j.title as job_title, j.company,
        p.name as persona_name
       from interviews i join candidates c on c.id = i.candidate_id join jobs j on j.id = i.job_id
       left join personas p on p.id = i.persona_id where i.id = ?`,
    [link.interviewId],
  );
  const closed = closedState(link, row!.status, now);
  if (closed && closed !== "completed") {
    return {
      status: row!.status,
      closedReason: CLOSED_WORDS[closed],
      candidateFirstName: "",
      jobTitle: "",
      company: "",
      interviewerName: "",
      questionCount: 0,
      timeLimitsSeconds: [],
      current: null,
      messages: [],
      answered: 0,
    };
  }
  const plan = await readPlan(ctx.em, link.interviewId);
  const [answered] = await ctx.em.execute<{ n: string }[]>(
    "select count(*) as n from interview_answers where interview_id = ?",
    [link.interviewId],
  );
  const current = row!.status === "IN_PROGRESS" ? plan[row!.current_index] : undefined;
  const messages = row!.conversation_id ? (await getConversation(ctx, row!.conversation_id)).messages : [];
  return {
    status: row!.status,
    closedReason: closed ? CLOSED_WORDS[closed] : null,
    candidateFirstName: firstName(row!.candidate_name),
    jobTitle: row!.job_title,
    company: row!.company,
    interviewerName: row!.persona_name ?? "Interviewer",
    questionCount: plan.length,
    timeLimitsSeconds: plan.map((q) => q.timeLimitSeconds),
    current: current
      ? {
          id: current.id,
          position: current.position,
          text: current.text,
          timeLimitSeconds: current.timeLimitSeconds,
          secondsLeft: secondsLeft(current.askedAt, current.timeLimitSeconds, now),
        }
      : null,
    messages: messages
      .filter((m) => m.role === "assistant" || m.role === "user")
      .map((m) => ({ seq: m.seq, role: m.role as "assistant" | "user", content: m.content, status: m.status })),
    answered: Number(answered!.n),
  };
}

/** A read: ends the interview first if it is due (in a unit of its own), and marks the link opened. */
export async function openInterview(ctx: Ctx, input: z.output<typeof linkInput>): Promise<CandidateInterviewDTO> {
  const now = new Date();
  const link = await findLink(ctx, input.token);
  await settleDue(ctx, oneInterview(link.interviewId), now);
  if (!link.revokedAt && link.expiresAt > now)
    await ctx.em.execute("update interview_links set last_opened_at = ? where id = ?", [now, link.id]);
  return view(ctx, link, now);
}

export async function startInterview(ctx: Ctx, input: z.output<typeof linkInput>): Promise<CandidateInterviewDTO> {
  const now = new Date();
  const { link, interview } = await lockByToken(ctx, input.token, now);
  if (interview.status === "IN_PROGRESS") {
    recordUnchanged(ctx, interview); // a second click, or another tab
    return view(ctx, link, now);
  }
  if (!interview.personaId)
    throw new DomainError("precondition_failed", "This interview has no interviewer; ask the recruiter to check it", {
      details: { state: "no_interviewer" },
    });
  const plan = await readPlan(ctx.em, interview.id);
  await applyMove(ctx, interview, "IN_PROGRESS", { startedAt: now, currentIndex: 0 });
  await markAsked(ctx.em, plan[0]!, now);
  const { conversation } = await startConversationFor(ctx, {
    personaId: interview.personaId,
    candidateId: interview.candidateId,
    title: "Interview",
    variables: { interviewId: interview.id, ...(await jobOf(ctx, interview)) },
  });
  await ctx.em.execute("update interviews set conversation_id = ? where id = ?", [conversation.id, interview.id]);
  return view(ctx, link, now);
}

async function jobOf(ctx: Ctx, interview: LockedInterview) {
  const [job] = await ctx.em.execute<{ title: string; company: string }[]>(
    "select title, company from jobs where id = ?",
    [interview.jobId],
  );
  return { jobTitle: job!.title, company: job!.company };
}

interface StoredAnswer {
  id: string;
  interviewQuestionId: string;
  textSealed: Sealed;
}

async function answersOf(ctx: Ctx, interviewId: string): Promise<StoredAnswer[]> {
  const rows = await ctx.em.execute<{ id: string; interview_question_id: string; text_sealed: Sealed }[]>(
    "select id, interview_question_id, text_sealed from interview_answers where interview_id = ?",
    [interviewId],
  );
  return rows.map((r) => ({ id: r.id, interviewQuestionId: r.interview_question_id, textSealed: r.text_sealed }));
}

async function textOf(ctx: Ctx, answer: StoredAnswer): Promise<string | null> {
  const opened = await ctx.keyring.open(ctx.em, answer.textSealed);
  return opened.ok ? (opened.value as { text: string }).text : null;
}

/** The same text sent again (a double submit, a retry after a lost answer): already stored. */
const alreadyStored = (stored: string | null, text: string) =>
  stored !== null && (stored === text || stored.endsWith(`\n\n${text}`));

export async function answerQuestion(
  ctx: Ctx,
  input: z.output<typeof candidateAnswerInput>,
): Promise<CandidateInterviewDTO> {
  const now = new Date();
  const { link, interview } = await lockByToken(ctx, input.token, now);
  if (interview.status !== "IN_PROGRESS")
    throw new DomainError("precondition_failed", "Start the interview first.", { details: { state: "not_started" } });
  const plan = await readPlan(ctx.em, interview.id);
  const current = plan[interview.currentIndex]!;
  const answers = await answersOf(ctx, interview.id);
  const existing = answers.find((a) => a.interviewQuestionId === input.questionId);
  const duplicate = existing !== undefined && alreadyStored(await textOf(ctx, existing), input.text);
  if (duplicate) {
    recordUnchanged(ctx, interview);
    return view(ctx, link, now);
  }
  if (input.questionId !== current.id) {
    throw new DomainError("precondition_failed", "This is no longer the current question; the page will catch up.", {
      details: { state: "moved_on", currentQuestionId: current.id },
    });
  }
  if (interview.conversationId && (await replyInProgress(ctx, interview.conversationId)))
    throw new DomainError("precondition_failed", "The interviewer is still writing; send your answer in a moment.", {
      details: { state: "interviewer_writing" },
    });

  const taken = secondsTaken(current.askedAt, now);
  const overTime = taken !== null && taken > current.timeLimitSeconds;
  const text = existing ? `${(await textOf(ctx, existing)) ?? ""}\n\n${input.text}` : input.text;
  const sealed = await ctx.keyring.seal(ctx.em, interview.candidateId, { text });
  const answerId = existing
    ? await updateAnswer(ctx, existing.id, sealed, now, taken, overTime)
    : await insertAnswer(ctx, interview.id, current.id, sealed, now, taken, overTime);
  await evaluateAnswer(ctx, answerId);
  const followUp = !existing && !overTime && followUpReason(input.text) !== null;
  if (interview.conversationId) {
    const { message } = await sendMessageFor(ctx, interview.conversationId, input.text);
    await ctx.em.execute("update interview_answers set message_id = ? where id = ?", [message.id, answerId]);
  }
  ctx.audit.record({
    entity: { kind: "interview", id: interview.id },
    subjectId: interview.candidateId,
    after: {
      answered: { position: current.position, answerId, overTime, followUpAnswer: Boolean(existing) },
      ...(followUp ? { followUpAsked: current.position } : {}),
    },
  });
  if (!followUp) await advance(ctx, interview, plan, now);
  else await touch(ctx, interview);
  return view(ctx, link, now);
}

async function insertAnswer(
  ctx: Ctx,
  interviewId: string,
  questionId: string,
  sealed: Sealed,
  now: Date,
  taken: number | null,
  overTime: boolean,
) {
  const [row] = await ctx.em.execute<{ id: string }[]>(
    `insert into interview_answers (interview_id, interview_question_id, text_sealed, submitted_at, seconds_taken, over_time)
     values (?, ?, ?, ?, ?, ?) returning id`,
    [interviewId, questionId, JSON.stringify(sealed), now, taken, overTime],
  );
  return row!.id;
}

async function updateAnswer(ctx: Ctx, id: string, sealed: Sealed, now: Date, taken: number | null, overTime: boolean) {
  await ctx.em.execute(
    `update interview_answers set text_sealed = ?, submitted_at = ?, seconds_taken = ?, over_time = ?,
        version = version + 1, updated_at = now() where id = ?`,
    [JSON.stringify(sealed), now, taken, overTime, id],
  );
  return id;
}

async function touch(ctx: Ctx, interview: LockedInterview) {
  await ctx.em.execute("update interviews set version = version + 1, updated_at = now() where id = ?", [interview.id]);
}

/** The next question becomes current (its clock starts), or the interview completes after the last. */
async function advance(ctx: Ctx, interview: LockedInterview, plan: PlannedRow[], now: Date) {
  const next = interview.currentIndex + 1;
  if (next >= plan.length) {
    await ctx.em.execute("update interviews set current_index = ? where id = ?", [plan.length, interview.id]);
    interview.currentIndex = plan.length;
    await completeInterview(ctx, interview, "all answered", now);
    return;
  }
  await ctx.em.execute(
    "update interviews set current_index = ?, version = version + 1, updated_at = now() where id = ?",
    [next, interview.id],
  );
  interview.currentIndex = next;
  await markAsked(ctx.em, plan[next]!, now);
}

/** Waits (bounded) until the interviewer's reply after `afterSeq` is written; answers the state then. */
export async function awaitTurn(ctx: Ctx, input: z.output<typeof awaitTurnInput>): Promise<CandidateInterviewDTO> {
  const link = await findLink(ctx, input.token);
  await settleDue(ctx, oneInterview(link.interviewId), new Date());
  const [row] = await ctx.em.execute<{ status: LockedInterview["status"]; conversation_id: string | null }[]>(
    "select status, conversation_id from interviews where id = ?",
    [link.interviewId],
  );
  const closed = closedState(link, row!.status, new Date());
  // After completion the closing words may still be on their way.
  if (row!.conversation_id && (closed === null || closed === "completed"))
    await awaitReplyAfter(ctx, row!.conversation_id, input.afterSeq, input.timeoutMs);
  return view(ctx, link, new Date());
}

/** The candidate ends early: COMPLETED with the answers given so far. */
export async function finishInterview(ctx: Ctx, input: z.output<typeof linkInput>): Promise<CandidateInterviewDTO> {
  const now = new Date();
  const { link, interview } = await lockByToken(ctx, input.token, now);
  if (interview.status !== "IN_PROGRESS")
    throw new DomainError("precondition_failed", "Start the interview first.", { details: { state: "not_started" } });
  const plan = await readPlan(ctx.em, interview.id);
  const answered = (await answersOf(ctx, interview.id)).length;
  await completeInterview(
    ctx,
    interview,
    answered >= plan.length ? "all answered" : "finished early by the candidate",
    now,
  );
  return view(ctx, link, now);
}
