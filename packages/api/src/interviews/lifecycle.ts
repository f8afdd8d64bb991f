/**
 * An interview's status moves, shared by the recruiter's and the candidate's procedures: the row lock, the checked
 * move (illegal ones refused naming from, to and what is allowed), completion (with the scorecard), and the lazy
 * end of an interview whose link expired or whose time ran out (checked on any call, as nothing runs on a timer).
 */
import type { EntityManager, InterviewStatus } from "@shortlist/db";
import { INTERVIEW_MOVES } from "@shortlist/db/constants";
import { inBackgroundUnit } from "../background";
import { pgDate } from "../db-rows";
import type { ContextDeps } from "../context";
import { DomainError, NotFound, StaleVersion } from "../errors";
import type { InterviewsUnit } from "./evaluations.service";
import { INTERVIEW_GRACE_SECONDS, interviewDeadline } from "./logic/turns";
import { readLatestLink, readPlan, type PlannedRow } from "./mappers";
import { refreshScorecard } from "./scorecards.service";

export type Unit = Pick<InterviewsUnit, "em" | "audit">;

export interface LockedInterview {
  id: string;
  version: number;
  status: InterviewStatus;
  applicationId: string;
  candidateId: string;
  jobId: string;
  personaId: string | null;
  conversationId: string | null;
  currentIndex: number;
  startedAt: Date | null;
}

/** Locks the interview's row for the rest of the transaction (moves and answers go one at a time). */
export async function lockInterview(em: EntityManager, id: string): Promise<LockedInterview> {
  const [row] = await em.execute<
    {
      id: string;
      version: number;
      status: InterviewStatus;
      application_id: string;
      candidate_id: string;
      job_id: string;
      persona_id: string | null;
      conversation_id: string | null;
      current_index: number;
      started_at: string | Date | null;
    }[]
  >(
    `select id, version, status, application_id, candidate_id, job_id, persona_id, conversation_id, current_index,
        started_at from interviews where id = ? for update`,
    [id],
  );
  if (!row) throw new NotFound("interview", id);
  return {
    id: row.id,
    version: Number(row.version),
    status: row.status,
    applicationId: row.application_id,
    candidateId: row.candidate_id,
    jobId: row.job_id,
    personaId: row.persona_id,
    conversationId: row.conversation_id,
    currentIndex: row.current_index,
    startedAt: row.started_at === null ? null : pgDate(row.started_at, "started_at"),
  };
}

export function assertMove(interview: Pick<LockedInterview, "status">, to: InterviewStatus) {
  const allowed = INTERVIEW_MOVES[interview.status];
  if (allowed.includes(to)) return;
  const list = allowed.length ? allowed.join(", ") : "nothing (it is final)";
  throw new DomainError(
    "precondition_failed",
    `An interview cannot move from ${interview.status} to ${to}; from ${interview.status} it may move to ${list}`,
    { details: { from: interview.status, to, allowed: [...allowed] } },
  );
}

/** Locks, checks the caller's version, then the move. */
export async function lockForMove(em: EntityManager, id: string, version: number, to: InterviewStatus) {
  const interview = await lockInterview(em, id);
  if (interview.version !== version) throw new StaleVersion("interview", { version: interview.version });
  assertMove(interview, to);
  return interview;
}

export interface MoveFields {
  startedAt?: Date;
  completedAt?: Date;
  endReason?: string | null;
  currentIndex?: number;
  conversationId?: string;
}

/** Writes the move (version + 1) and records it on the candidate's trail. Answers the new version. */
export async function applyMove(
  unit: Unit,
  interview: LockedInterview,
  to: InterviewStatus,
  fields: MoveFields = {},
  extra: { before?: Record<string, unknown>; after?: Record<string, unknown> } = {},
): Promise<number> {
  assertMove(interview, to);
  const endReason = fields.endReason === undefined ? null : fields.endReason;
  const [row] = await unit.em.execute<{ version: number }[]>(
    `update interviews set status = ?, version = version + 1, updated_at = now(),
        started_at = coalesce(?::timestamptz, started_at), completed_at = ?::timestamptz, end_reason = ?,
        current_index = coalesce(?::int, current_index), conversation_id = coalesce(?::uuid, conversation_id)
      where id = ? returning version`,
    [
      to,
      fields.startedAt ?? null,
      fields.completedAt ?? null,
      endReason,
      fields.currentIndex ?? null,
      fields.conversationId ?? null,
      interview.id,
    ],
  );
  unit.audit.record({
    entity: { kind: "interview", id: interview.id },
    subjectId: interview.candidateId,
    before: { status: interview.status, ...extra.before },
    after: { status: to, ...(endReason ? { endReason } : {}), ...extra.after },
  });
  Object.assign(interview, { status: to, version: Number(row!.version) });
  if (fields.currentIndex !== undefined) interview.currentIndex = fields.currentIndex;
  if (fields.startedAt) interview.startedAt = fields.startedAt;
  if (fields.conversationId) interview.conversationId = fields.conversationId;
  return interview.version;
}

/** A call that changed nothing (asked for what already was) still leaves its trace, an empty change. */
export function recordUnchanged(unit: Unit, interview: Pick<LockedInterview, "id" | "candidateId">) {
  unit.audit.record({
    entity: { kind: "interview", id: interview.id },
    subjectId: interview.candidateId,
    before: {},
    after: {},
  });
}

/** COMPLETED with why ("all answered", "time ran out", …); the scorecard follows in the same transaction. */
export async function completeInterview(unit: Unit, interview: LockedInterview, reason: string, at: Date) {
  await applyMove(unit, interview, "COMPLETED", { completedAt: at, endReason: reason });
  await refreshScorecard(unit, interview.id);
}

/** Marks a planned question asked (once): its clock starts, and the bank question's usage goes up. */
export async function markAsked(em: EntityManager, question: PlannedRow, at: Date) {
  const marked = await em.execute(
    "update interview_questions set asked_at = ?, updated_at = now() where id = ? and asked_at is null returning id",
    [at, question.id],
  );
  if (marked.length > 0 && question.questionId)
    await em.execute("update questions set times_asked = times_asked + 1 where id = ?", [question.questionId]);
  question.askedAt ??= at;
}

export type Ending = "expired" | "time ran out";

/** What ends the interview at `now` without anyone acting: its link's expiry or its whole time, whichever came first. */
export async function dueEnding(em: EntityManager, interview: LockedInterview, now: Date): Promise<Ending | null> {
  if (interview.status !== "READY" && interview.status !== "IN_PROGRESS") return null;
  const link = await readLatestLink(em, interview.id);
  const expiry = link && !link.revokedAt && link.expiresAt <= now ? link.expiresAt : null;
  let deadline: Date | null = null;
  if (interview.status === "IN_PROGRESS" && interview.startedAt) {
    const plan = await readPlan(em, interview.id);
    const at = interviewDeadline(
      interview.startedAt,
      plan.map((q) => q.timeLimitSeconds),
    );
    if (at <= now) deadline = at;
  }
  if (deadline && (!expiry || deadline <= expiry)) return "time ran out";
  return expiry ? "expired" : null;
}

/** Ends a locked interview that is due (EXPIRED, or COMPLETED because its time ran out); answers what happened. */
export async function settle(unit: Unit, interview: LockedInterview, now: Date): Promise<Ending | null> {
  const ending = await dueEnding(unit.em, interview, now);
  if (ending === "time ran out") await completeInterview(unit, interview, ending, now);
  if (ending === "expired") await applyMove(unit, interview, "EXPIRED", { endReason: "link expired" });
  return ending;
}

/** At most this many due interviews are ended by one read (the rest by the next). */
const SETTLE_PER_READ = 100;

/**
 * For reads (queries write nothing themselves): the interviews in scope (`where` on `interviews i`) that are due are
 * ended, each in a unit of its own (audited as the system). A cheap SQL check first, so reading live interviews takes
 * no lock.
 */
export async function settleDue(
  deps: ContextDeps & { em: EntityManager; requestId: string },
  where: { sql: string; params: unknown[] },
  now: Date,
) {
  const due = await deps.em.execute<{ id: string }[]>(
    `select i.id from interviews i
      where ${where.sql} and i.status in ('READY', 'IN_PROGRESS') and (
        exists (select 1 from interview_links l where l.interview_id = i.id and l.revoked_at is null
                  and l.expires_at <= ?::timestamptz)
        or (i.status = 'IN_PROGRESS' and i.started_at is not null and i.started_at + make_interval(secs =>
              ? + (select coalesce(sum(q.time_limit_seconds), 0) from interview_questions q where q.interview_id = i.id))
              <= ?::timestamptz))
      limit ${SETTLE_PER_READ}`,
    [...where.params, now, INTERVIEW_GRACE_SECONDS, now],
  );
  for (const { id } of due) {
    await inBackgroundUnit(
      deps,
      {
        action: "interviews.settle",
        actor: { type: "system", id: null, label: "interviews" },
        requestId: deps.requestId,
      },
      async (bg) => settle(bg, await lockInterview(bg.em, id), now),
    );
  }
}

/** `settleDue`'s scope for one interview. */
export const oneInterview = (id: string) => ({ sql: "i.id = ?", params: [id] });
