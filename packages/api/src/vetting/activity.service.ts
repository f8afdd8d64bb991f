/** Recording learning activity: sessions and their questions, one at a time or by import. */
import { randomUUID } from "node:crypto";
import { LockMode } from "@mikro-orm/core";
import { Assessment, AssessmentQuestion, AssessmentSession, type EntityManager, type IAssessment } from "@shortlist/db";
import { assertNotErased } from "../candidates";
import { InvalidInput, InvalidRows } from "../errors";
import { batchResult } from "../shared/batch";
import { dbRows } from "../db-rows";
import type { Problem } from "../shared/errors";
import { recordActivity, type Tx } from "./audit";
import { parseRecords, planImport, rejectionMessage, type ImportPlan, type LabelledRecord } from "./activity/validate";
import type { QuestionRecord, RecordSessionInput, SessionRecord } from "./schemas";
import { scoreQuestions, type QuestionScore } from "./scoring/sophistication";
import type { Activity, ActivityQuestion } from "./scoring/types";

interface StoredSession {
  id: string;
  ref: string;
  seq: number;
  start: Date;
  end: Date;
}
interface StoredQuestion extends ActivityQuestion {
  id: string;
  seq: number;
}
export interface StoredActivity extends Activity {
  sessions: StoredSession[];
  questions: StoredQuestion[];
}

/** Loads an assessment, locking its row for the rest of the transaction when asked (serialises writers). */
export async function findAssessment(em: EntityManager, id: string, { lock = false } = {}): Promise<IAssessment> {
  return em.findOneOrFail(Assessment, id, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
}

/** Every session and question of an assessment, in order of arrival. */
export async function loadActivity(em: EntityManager, assessment: IAssessment): Promise<StoredActivity> {
  const sessions = dbRows<StoredActivity["sessions"][number]>(
    await em.execute(
      `select id, ref, seq, started_at as "start", ended_at as "end" from assessment_sessions where assessment_id = ? order by seq`,
      [assessment.id],
    ),
    { dates: ["start", "end"] },
  );
  const questions = await em.execute(
    `select q.id, q.ref, q.seq, s.ref as session, q.domain, q.text, q.asked_at, p.ref as follow_up_of
       from assessment_questions q
       join assessment_sessions s on s.id = q.session_id
       left join assessment_questions p on p.id = q.follow_up_of_id
      where q.assessment_id = ?
      order by q.seq`,
    [assessment.id],
  );
  return {
    domains: assessment.domains,
    sessions,
    questions: dbRows<StoredActivity["questions"][number]>(questions, { dates: ["askedAt"] }),
  };
}

/** How many sessions and questions each assessment has recorded. */
export async function recordedCounts(em: EntityManager, ids: readonly string[]) {
  const counts = new Map(ids.map((id) => [id, { sessions: 0, questions: 0 }]));
  if (!ids.length) return counts;
  const rows = await em.execute<{ id: string; sessions: number; questions: number }[]>(
    `select a.id,
            (select count(*)::int from assessment_sessions s where s.assessment_id = a.id) as sessions,
            (select count(*)::int from assessment_questions q where q.assessment_id = a.id) as questions
       from assessments a where a.id = any(?::uuid[])`,
    [`{${ids.join(",")}}`],
  );
  for (const row of rows) counts.set(row.id, { sessions: row.sessions, questions: row.questions });
  return counts;
}

async function openAssessment(em: EntityManager, id: string) {
  const assessment = await findAssessment(em, id, { lock: true });
  if (assessment.status !== "in_progress") {
    throw new InvalidInput(
      `Assessment ${id} is completed; its activity can no longer change (start a new assessment instead)`,
      { reason: "precondition_failed", details: { id, status: assessment.status } },
    );
  }
  return assessment;
}

/** Creates the planned rows (and their audit event); returns the new ids by `session:<ref>` and `question:<ref>`. */
function write(ctx: Tx, assessment: IAssessment, existing: StoredActivity, plan: ImportPlan) {
  const { em } = ctx;
  const created = new Map<string, string>();
  const sessions = [];
  const questions = [];
  const sessionIds = new Map(existing.sessions.map((s) => [s.ref, s.id]));
  for (const s of plan.sessions) {
    const session = em.create(AssessmentSession, {
      assessment,
      ref: s.ref,
      seq: s.seq,
      startedAt: s.start,
      endedAt: s.end,
    });
    sessionIds.set(s.ref, session.id);
    created.set(`session:${s.ref}`, session.id);
    sessions.push(session);
  }
  const questionIds = new Map(existing.questions.map((q) => [q.ref, q.id]));
  // Chronological, so a follow-up's parent is always inserted before it.
  const ordered = [...plan.questions].sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime() || a.seq - b.seq);
  for (const q of ordered) {
    const question = em.create(AssessmentQuestion, {
      assessment,
      session: em.getReference(AssessmentSession, sessionIds.get(q.session)!),
      ref: q.ref,
      seq: q.seq,
      domain: q.domain,
      text: q.text,
      askedAt: q.askedAt,
      followUpOf: q.followUpOf ? em.getReference(AssessmentQuestion, questionIds.get(q.followUpOf)!) : null,
    });
    questionIds.set(q.ref, question.id);
    created.set(`question:${q.ref}`, question.id);
    questions.push(question);
  }
  recordActivity(ctx, assessment, sessions, questions);
  return created;
}

async function applyRecords(
  ctx: Tx,
  assessmentId: string,
  records: LabelledRecord<SessionRecord | QuestionRecord>[],
  problems: Problem[] = [],
) {
  const { em } = ctx;
  const assessment = await openAssessment(em, assessmentId);
  await assertNotErased(em, assessment.candidate.id);
  const existing = await loadActivity(em, assessment);
  if (problems.length) throw new InvalidRows(rejectionMessage(problems), problems);
  const result = planImport(existing, records, assessment.domains);
  if (!result.ok) throw new InvalidRows(rejectionMessage(result.problems), result.problems);
  const ids = write(ctx, assessment, existing, result.plan);
  await em.flush();
  return {
    ids,
    assessmentId,
    sessions: result.plan.sessions.length,
    questions: result.plan.questions.length,
    recorded: {
      sessions: existing.sessions.length + result.plan.sessions.length,
      questions: existing.questions.length + result.plan.questions.length,
    },
  };
}

/**
 * A batch of JSONL rows (the batch-import contract): all written, every row `created` with its id, or (any bad
 * row) none, refused as `invalid_rows` with every problem named by line and ref.
 */
export async function importActivity(ctx: Tx, assessmentId: string, rows: readonly { line: number }[]) {
  const { records, problems } = parseRecords(rows);
  const { ids, ...result } = await applyRecords(ctx, assessmentId, records, problems);
  const rowResults = records.map(({ at, record }) => ({
    line: at.line!,
    outcome: "created" as const,
    id: ids.get(`${record.type}:${record.ref}`)!,
  }));
  return { ...batchResult(rowResults), ...result };
}

export type ImportActivityResult = Awaited<ReturnType<typeof importActivity>>;

/** One session with its questions; refs default to generated ones. */
export async function recordSession(ctx: Tx, input: RecordSessionInput) {
  const sessionRef = input.session.ref ?? `session-${randomUUID().slice(0, 8)}`;
  const records: LabelledRecord<SessionRecord | QuestionRecord>[] = [
    {
      at: { ref: sessionRef, path: "session" },
      record: { type: "session", ref: sessionRef, start: input.session.start, end: input.session.end },
    },
    ...input.questions.map((q, i) => {
      const ref = q.ref ?? `${sessionRef}-q${i + 1}`;
      return {
        at: { ref, path: `questions.${i}` },
        record: {
          type: "question" as const,
          ref,
          session: sessionRef,
          domain: q.domain,
          text: q.text,
          askedAt: q.askedAt,
          followUpOf: q.followUpOf ?? null,
        },
      };
    }),
  ];
  const { ids: _ids, ...result } = await applyRecords(ctx, input.assessmentId, records);
  return { ...result, sessionRef, questionRefs: records.slice(1).map((r) => r.record.ref) };
}

export interface ActivityQuestionDTO {
  id: string;
  ref: string;
  domain: string;
  text: string;
  askedAt: Date;
  followUpOf: string | null;
  /** The rubric's breakdown for this question (docs/scoring.md §2). */
  score: Omit<QuestionScore, "ref">;
}
export interface ActivitySessionDTO {
  id: string;
  ref: string;
  startedAt: Date;
  endedAt: Date;
  questions: ActivityQuestionDTO[];
}

/** The recorded activity, session by session (chronological), each question with its rubric breakdown. */
export async function activityOf(em: EntityManager, assessmentId: string) {
  const assessment = await findAssessment(em, assessmentId);
  const activity = await loadActivity(em, assessment);
  const scores = scoreQuestions(activity.questions);
  const bySession = new Map<string, ActivityQuestionDTO[]>(activity.sessions.map((s) => [s.ref, []]));
  activity.questions
    .map((q, i) => ({ q, score: scores[i]! }))
    .sort((a, b) => a.q.askedAt.getTime() - b.q.askedAt.getTime() || a.q.seq - b.q.seq)
    .forEach(({ q, score: { ref: _ref, ...score } }) =>
      bySession.get(q.session)?.push({
        id: q.id,
        ref: q.ref,
        domain: q.domain,
        text: q.text,
        askedAt: q.askedAt,
        followUpOf: q.followUpOf,
        score,
      }),
    );
  const sessions: ActivitySessionDTO[] = [...activity.sessions]
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.seq - b.seq)
    .map((s) => ({ id: s.id, ref: s.ref, startedAt: s.start, endedAt: s.end, questions: bySession.get(s.ref) ?? [] }));
  return { assessmentId, domains: assessment.domains, sessions };
}
