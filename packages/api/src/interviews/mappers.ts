/** Rows of interviews, their planned questions and links (read with plain SQL) → DTOs. */
import type { EntityManager, InterviewStatus, QuestionType, RubricCriterion } from "@shortlist/db";
import { INTERVIEW_MOVES } from "@shortlist/db/constants";
import { dbRow, dbRows } from "../db-rows";
import { NotFound } from "../errors";
import type { InterviewDTO, InterviewLinkDTO, InterviewListItemDTO, PlannedQuestionDTO } from "./dto";

/** What `toInterviewDTO` reads: `${INTERVIEW_SELECT} where i.id = ?`. */
export const INTERVIEW_SELECT = `
  select i.id, i.version, i.application_id, i.candidate_id, c.name as candidate_name, i.job_id, j.title as job_title,
    j.company as job_company, i.status, i.persona_id, p.name as persona_name, i.conversation_id, i.cv_analysis_id,
    i.target_seniority, i.current_index, i.started_at, i.completed_at, i.end_reason, i.created_at, i.updated_at,
    (select count(*) from interview_answers a where a.interview_id = i.id) as answered
  from interviews i join candidates c on c.id = i.candidate_id join jobs j on j.id = i.job_id
  left join personas p on p.id = i.persona_id`;

export interface InterviewRow {
  id: string;
  version: number;
  applicationId: string;
  candidateId: string;
  candidateName: string;
  jobId: string;
  jobTitle: string;
  jobCompany: string;
  status: InterviewStatus;
  personaId: string | null;
  personaName: string | null;
  conversationId: string | null;
  cvAnalysisId: string | null;
  targetSeniority: string | null;
  currentIndex: number;
  startedAt: Date | null;
  completedAt: Date | null;
  endReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  answered: number;
}

export const interviewRow = (row: Record<string, unknown>) =>
  dbRow<InterviewRow>(row, {
    dates: ["startedAt", "completedAt", "createdAt", "updatedAt"],
    numbers: ["answered", "version"],
  });

/** What `toPlannedQuestionDTO` reads: `select ${PLANNED_COLUMNS} from interview_questions q`. */
export const PLANNED_COLUMNS = `q.id, q.interview_id, q.question_id, q.position, q.text, q.type, q.difficulty, q.skills,
  q.rubric, q.ideal_answer, q.follow_ups, q.time_limit_seconds, q.reason, q.asked_at`;

export interface PlannedRow {
  id: string;
  interviewId: string;
  questionId: string | null;
  position: number;
  text: string;
  type: QuestionType;
  difficulty: number;
  skills: string[];
  rubric: RubricCriterion[];
  idealAnswer: string;
  followUps: string[];
  timeLimitSeconds: number;
  reason: string;
  askedAt: Date | null;
}

export const plannedRows = (rows: readonly Record<string, unknown>[]) =>
  dbRows<PlannedRow>(rows, { dates: ["askedAt"] });

export const toPlannedQuestionDTO = (q: PlannedRow): PlannedQuestionDTO => ({
  id: q.id,
  questionId: q.questionId,
  position: q.position,
  text: q.text,
  type: q.type,
  difficulty: q.difficulty,
  skills: [...(q.skills ?? [])],
  rubric: q.rubric,
  followUps: [...(q.followUps ?? [])],
  timeLimitSeconds: q.timeLimitSeconds,
  reason: q.reason,
  askedAt: q.askedAt,
});

/** The interview's plan in order. */
export async function readPlan(em: EntityManager, interviewId: string): Promise<PlannedRow[]> {
  return plannedRows(
    await em.execute(
      `select ${PLANNED_COLUMNS} from interview_questions q where q.interview_id = ? order by q.position, q.id`,
      [interviewId],
    ),
  );
}

export interface LinkRow {
  id: string;
  expiresAt: Date;
  revokedAt: Date | null;
  lastOpenedAt: Date | null;
  createdAt: Date;
}

/** `url`: only the call that issued the link knows it (only the token's hash is stored). */
export const toLinkDTO = (link: LinkRow, url: string | null = null): InterviewLinkDTO => ({
  id: link.id,
  expiresAt: link.expiresAt,
  revokedAt: link.revokedAt,
  lastOpenedAt: link.lastOpenedAt,
  createdAt: link.createdAt,
  url,
});

/** The interview's latest link (revoked or not), or null before any was sent. */
export async function readLatestLink(em: EntityManager, interviewId: string): Promise<LinkRow | null> {
  const [row] = await em.execute(
    `select id, expires_at, revoked_at, last_opened_at, created_at from interview_links
      where interview_id = ? order by created_at desc, id desc limit 1`,
    [interviewId],
  );
  return row ? dbRow<LinkRow>(row, { dates: ["expiresAt", "revokedAt", "lastOpenedAt", "createdAt"] }) : null;
}

export function toInterviewDTO(
  row: InterviewRow,
  plan: readonly PlannedRow[],
  link: LinkRow | null,
  linkUrl: string | null = null,
): InterviewDTO {
  return {
    id: row.id,
    version: row.version,
    applicationId: row.applicationId,
    candidate: { id: row.candidateId, name: row.candidateName },
    job: { id: row.jobId, title: row.jobTitle, company: row.jobCompany },
    status: row.status,
    allowedMoves: [...INTERVIEW_MOVES[row.status]],
    persona: row.personaId ? { id: row.personaId, name: row.personaName ?? "" } : null,
    conversationId: row.conversationId,
    cvAnalysisId: row.cvAnalysisId,
    targetSeniority: row.targetSeniority,
    currentIndex: row.currentIndex,
    plan: plan.map(toPlannedQuestionDTO),
    link: link ? toLinkDTO(link, linkUrl) : null,
    answered: row.answered,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    endReason: row.endReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function readInterviewRow(em: EntityManager, id: string): Promise<InterviewRow> {
  const [row] = await em.execute(`${INTERVIEW_SELECT} where i.id = ?`, [id]);
  if (!row) throw new NotFound("interview", id);
  return interviewRow(row);
}

/**
 * The interview as procedures answer it (three statements: the interview, its plan, its latest link). `linkUrl`:
 * the link's URL, given only by the call that issued it.
 */
export async function readInterview(
  em: EntityManager,
  id: string,
  options: { linkUrl?: string | null } = {},
): Promise<InterviewDTO> {
  const row = await readInterviewRow(em, id);
  const [plan, link] = [await readPlan(em, id), await readLatestLink(em, id)];
  return toInterviewDTO(row, plan, link, options.linkUrl ?? null);
}

/** What `toInterviewListItemDTO` reads, for the list's one statement. */
export const INTERVIEW_LIST_SELECT = `
  select i.id, i.application_id, i.candidate_id, c.name as candidate_name, i.job_id, j.title as job_title, i.status,
    i.updated_at,
    (select count(*) from interview_questions q where q.interview_id = i.id) as planned,
    (select count(*) from interview_answers a where a.interview_id = i.id) as answered,
    (select s.overall from interview_scorecards s where s.interview_id = i.id) as overall
  from interviews i join candidates c on c.id = i.candidate_id join jobs j on j.id = i.job_id`;

export function toInterviewListItemDTO(raw: Record<string, unknown>): InterviewListItemDTO {
  const r = dbRow<{
    id: string;
    applicationId: string;
    candidateId: string;
    candidateName: string;
    jobId: string;
    jobTitle: string;
    status: InterviewStatus;
    updatedAt: Date;
    planned: number;
    answered: number;
    overall: number | null;
  }>(raw, { dates: ["updatedAt"], numbers: ["planned", "answered", "overall"] });
  return {
    id: r.id,
    applicationId: r.applicationId,
    candidate: { id: r.candidateId, name: r.candidateName },
    job: { id: r.jobId, title: r.jobTitle },
    status: r.status,
    planned: r.planned,
    answered: r.answered,
    overall: r.overall,
    updatedAt: r.updatedAt,
  };
}
