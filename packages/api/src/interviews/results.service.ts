/** An interview's results: the interview, its answers (opened with the candidate's key) with their evaluations, overrides and final scores, and its scorecard. */
import type { EntityManager, Keyring, RubricCriterion, Sealed } from "@shortlist/db";
import { INTERVIEW_MOVES, type InterviewStatus, type QuestionType } from "@shortlist/db/constants";
import type { ProcedureContext } from "../context";
import { dbRow, dbRows } from "../db-rows";
import { NotFound } from "../errors";
import type { AnswerDTO, InterviewDTO, InterviewResultsDTO, PlannedQuestionDTO } from "./dto";
import {
  EVALUATION_COLUMNS,
  SCORECARD_COLUMNS,
  toEvaluationDTO,
  toScorecardDTO,
  type EvaluationRow,
  type ScorecardRow,
} from "./evaluation-mappers";
import { openAnswerText } from "./evaluation-store";
import { FINAL_SCORE_SQL } from "./scorecards.service";

export const ERASED_TEXT = "[erased]";

interface InterviewRow {
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
}

interface PlanRow {
  id: string;
  questionId: string | null;
  position: number;
  text: string;
  type: QuestionType;
  difficulty: number;
  skills: string[];
  rubric: RubricCriterion[];
  followUps: string[];
  timeLimitSeconds: number;
  reason: string;
  askedAt: Date | null;
}

const toPlanned = (row: PlanRow): PlannedQuestionDTO => ({
  id: row.id,
  questionId: row.questionId,
  position: row.position,
  text: row.text,
  type: row.type,
  difficulty: row.difficulty,
  skills: [...(row.skills ?? [])],
  rubric: row.rubric,
  followUps: [...(row.followUps ?? [])],
  timeLimitSeconds: row.timeLimitSeconds,
  reason: row.reason,
  askedAt: row.askedAt,
});

/** The interview as its DTO (the same shape as `interviews.get`), read with plain SQL. */
async function loadInterview(
  em: EntityManager,
  id: string,
): Promise<{ dto: InterviewDTO; plan: PlannedQuestionDTO[] }> {
  const [raw] = await em.execute<Record<string, unknown>[]>(
    `select i.id, i.version, i.application_id, i.candidate_id, c.name as candidate_name, i.job_id,
       j.title as job_title, j.company as job_company, i.status, i.persona_id, p.name as persona_name,
       i.conversation_id, i.cv_analysis_id, i.target_seniority, i.current_index, i.started_at, i.completed_at,
       i.end_reason, i.created_at, i.updated_at
     from interviews i join candidates c on c.id = i.candidate_id join jobs j on j.id = i.job_id
     left join personas p on p.id = i.persona_id
     where i.id = ?`,
    [id],
  );
  if (!raw) throw new NotFound("interview", id);
  const row = dbRow<InterviewRow>(raw, { dates: ["startedAt", "completedAt", "createdAt", "updatedAt"] });
  const plan = dbRows<PlanRow>(
    await em.execute<Record<string, unknown>[]>(
      `select id, question_id, position, text, type, difficulty, skills, rubric, follow_ups, time_limit_seconds,
         reason, asked_at
       from interview_questions where interview_id = ? order by position, id`,
      [id],
    ),
    { dates: ["askedAt"] },
  ).map(toPlanned);
  const [link] = await em.execute<Record<string, unknown>[]>(
    `select id, expires_at, revoked_at, last_opened_at, created_at from interview_links
     where interview_id = ? order by created_at desc, id desc limit 1`,
    [id],
  );
  const [{ answered } = { answered: 0 }] = await em.execute<{ answered: number }[]>(
    "select count(*)::int as answered from interview_answers where interview_id = ?",
    [id],
  );
  const dto: InterviewDTO = {
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
    plan,
    link: link
      ? {
          ...dbRow<{ id: string; expiresAt: Date; revokedAt: Date | null; lastOpenedAt: Date | null; createdAt: Date }>(
            link,
            { dates: ["expiresAt", "revokedAt", "lastOpenedAt", "createdAt"] },
          ),
          url: null,
        }
      : null,
    answered: Number(answered),
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    endReason: row.endReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  return { dto, plan };
}

interface AnswerRow {
  id: string;
  version: number;
  interviewQuestionId: string;
  textSealed: Sealed;
  hasAudio: boolean;
  submittedAt: Date;
  secondsTaken: number | null;
  overTime: boolean;
  overrideScore: number | null;
  overrideReason: string | null;
  overriddenById: string | null;
  overriddenByName: string | null;
  overriddenAt: Date | null;
  finalScore: number | null;
}

async function loadAnswers(em: EntityManager, keyring: Keyring, interviewId: string): Promise<AnswerDTO[]> {
  const rows = dbRows<AnswerRow>(
    await em.execute<Record<string, unknown>[]>(
      `select a.id, a.version, a.interview_question_id, a.text_sealed, a.audio_sealed is not null as has_audio,
         a.submitted_at, a.seconds_taken, a.over_time, a.override_score, a.override_reason, a.overridden_by_id,
         u.name as overridden_by_name, a.overridden_at, ${FINAL_SCORE_SQL} as final_score
       from interview_answers a left join users u on u.id = a.overridden_by_id
       where a.interview_id = ?`,
      [interviewId],
    ),
    { dates: ["submittedAt", "overriddenAt"], numbers: ["overrideScore", "finalScore"] },
  );
  const evaluations = dbRows<EvaluationRow>(
    await em.execute<Record<string, unknown>[]>(
      `select ${EVALUATION_COLUMNS} from answer_evaluations e join interview_answers a on a.id = e.answer_id
       where a.interview_id = ? order by e.evaluator, e.id`,
      [interviewId],
    ),
    { dates: ["createdAt", "updatedAt"] },
  );
  const answers: AnswerDTO[] = [];
  for (const row of rows) {
    answers.push({
      id: row.id,
      version: row.version,
      interviewQuestionId: row.interviewQuestionId,
      text: (await openAnswerText(em, keyring, row.textSealed)) ?? ERASED_TEXT,
      hasAudio: row.hasAudio,
      submittedAt: row.submittedAt,
      secondsTaken: row.secondsTaken,
      overTime: row.overTime,
      evaluations: evaluations.filter((e) => e.answerId === row.id).map(toEvaluationDTO),
      override:
        row.overrideScore === null
          ? null
          : {
              score: row.overrideScore,
              reason: row.overrideReason ?? "",
              by: row.overriddenById ? { id: row.overriddenById, name: row.overriddenByName ?? "" } : null,
              at: row.overriddenAt ?? row.submittedAt,
            },
      finalScore: row.finalScore,
    });
  }
  return answers;
}

export async function interviewResults(
  ctx: Pick<ProcedureContext, "em" | "keyring">,
  id: string,
): Promise<InterviewResultsDTO> {
  const { dto, plan } = await loadInterview(ctx.em, id);
  const answers = await loadAnswers(ctx.em, ctx.keyring, id);
  const byQuestion = new Map(answers.map((a) => [a.interviewQuestionId, a]));
  const [scorecard] = await ctx.em.execute<Record<string, unknown>[]>(
    `select ${SCORECARD_COLUMNS} from interview_scorecards s where s.interview_id = ?`,
    [id],
  );
  return {
    interview: dto,
    // In the plan's order.
    answers: plan.flatMap((question) => {
      const answer = byQuestion.get(question.id);
      return answer ? [{ ...answer, question }] : [];
    }),
    scorecard: scorecard ? toScorecardDTO(dbRow<ScorecardRow>(scorecard, { dates: ["updatedAt"] })) : null,
  };
}
