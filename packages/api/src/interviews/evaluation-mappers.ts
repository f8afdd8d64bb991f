/** Rows of evaluations and scorecards (read with plain SQL) → DTOs. */
import type { CriterionScore, EvaluatorKind } from "@shortlist/db";
import type { EvaluationDTO, ScorecardDTO } from "./dto";

/** The columns `toScorecardDTO` reads, from `interview_scorecards s`. */
export const SCORECARD_COLUMNS = `s.id, s.interview_id, s.application_id, s.skills, s.overall, s.recommendation,
  s.summary, s.answered, s.planned, s.updated_at`;

/** A scorecard row as the driver reads it: the DTO's fields, numbers possibly as strings. */
export type ScorecardRow = ScorecardDTO;

export const toScorecardDTO = (row: ScorecardRow): ScorecardDTO => ({
  id: row.id,
  interviewId: row.interviewId,
  applicationId: row.applicationId,
  skills: row.skills.map((s) => ({ skill: s.skill, score: Number(s.score), answers: Number(s.answers) })),
  overall: Number(row.overall),
  recommendation: row.recommendation,
  summary: row.summary,
  answered: Number(row.answered),
  planned: Number(row.planned),
  updatedAt: row.updatedAt,
});

/** The columns `toEvaluationDTO` reads, from `answer_evaluations e`. */
export const EVALUATION_COLUMNS = `e.id, e.answer_id, e.evaluator, e.evaluator_version, e.criteria, e.score,
  e.feedback, e.created_at, e.updated_at`;

export interface EvaluationRow {
  id: string;
  answerId: string;
  evaluator: EvaluatorKind;
  evaluatorVersion: string;
  criteria: CriterionScore[];
  score: number;
  feedback: string;
  createdAt: Date;
  updatedAt: Date;
}

export const toEvaluationDTO = (row: EvaluationRow): EvaluationDTO => ({
  id: row.id,
  evaluator: row.evaluator,
  evaluatorVersion: row.evaluatorVersion,
  criteria: row.criteria,
  score: Number(row.score),
  feedback: row.feedback,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
