/**
 * Writing evaluations and overrides of an answer: the answer row locked first, its final score read before and
 * after the change, and the bank question's usage figures (`scored_count`, `score_total`) moved by the difference
 * in one statement, so they stay right without a recount.
 */
import type { CriterionScore, EntityManager, EvaluatorKind, Keyring, Sealed } from "@shortlist/db";
import type { ProcedureContext } from "../context";
import type { EvaluatedCriterion } from "./logic/evaluate";
import { FINAL_SCORE_SQL } from "./scorecards.service";

export interface AnswerForEvaluation {
  id: string;
  interviewId: string;
  candidateId: string;
  /** The candidate's words; null once the candidate was erased. */
  text: string | null;
  question: { text: string; idealAnswer: string; rubric: EvaluatedCriterion[] };
}

/** The sealed answer as the answer flow writes it: `seal({ text })`. */
export async function openAnswerText(em: EntityManager, keyring: Keyring, sealed: Sealed): Promise<string | null> {
  const opened = await keyring.open(em, sealed);
  if (!opened.ok) return null;
  const value = opened.value as { text?: unknown } | null;
  return typeof value?.text === "string" ? value.text : null;
}

/** The answer with its planned question; `lock` takes the answer's row lock for the rest of the transaction. */
export async function loadAnswer(
  em: EntityManager,
  keyring: Keyring,
  answerId: string,
  lock: boolean,
): Promise<AnswerForEvaluation | null> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select a.id, a.interview_id, a.text_sealed, i.candidate_id, iq.text, iq.ideal_answer, iq.rubric
     from interview_answers a
     join interview_questions iq on iq.id = a.interview_question_id
     join interviews i on i.id = a.interview_id
     where a.id = ?${lock ? " for update of a" : ""}`,
    [answerId],
  );
  if (!row) return null;
  return {
    id: row.id as string,
    interviewId: row.interview_id as string,
    candidateId: row.candidate_id as string,
    text: await openAnswerText(em, keyring, row.text_sealed as Sealed),
    question: {
      text: row.text as string,
      idealAnswer: (row.ideal_answer as string) ?? "",
      rubric: (row.rubric as EvaluatedCriterion[]) ?? [],
    },
  };
}

export async function finalScoreOf(em: EntityManager, answerId: string): Promise<number | null> {
  const [row] = await em.execute<{ score: number | null }[]>(
    `select ${FINAL_SCORE_SQL} as score from interview_answers a where a.id = ?`,
    [answerId],
  );
  return row?.score === null || row?.score === undefined ? null : Number(row.score);
}

/** Moves the bank question's usage figures from the answer's old final score to its new one. */
export async function moveQuestionUsage(
  em: EntityManager,
  answerId: string,
  before: number | null,
  after: number | null,
): Promise<void> {
  const count = (after === null ? 0 : 1) - (before === null ? 0 : 1);
  const total = (after ?? 0) - (before ?? 0);
  if (count === 0 && total === 0) return;
  await em.execute(
    `update questions q set scored_count = q.scored_count + ?, score_total = q.score_total + ?
     from interview_answers a join interview_questions iq on iq.id = a.interview_question_id
     where a.id = ? and q.id = iq.question_id`,
    [count, total, answerId],
  );
}

export interface EvaluationWrite {
  evaluator: EvaluatorKind;
  version: string;
  criteria: CriterionScore[];
  score: number;
  feedback: string;
}

/**
 * Upserts the answer's evaluation by this evaluator (one per evaluator, replaced on a re-run) with its audit event
 * and the usage figures. The answer must be locked by the caller (`loadAnswer(…, true)`).
 */
export async function saveEvaluation(
  ctx: Pick<ProcedureContext, "em" | "audit">,
  answer: Pick<AnswerForEvaluation, "id" | "candidateId">,
  evaluation: EvaluationWrite,
): Promise<void> {
  const { em } = ctx;
  const before = await finalScoreOf(em, answer.id);
  const [previous] = await em.execute<{ score: number; evaluator_version: string }[]>(
    "select score, evaluator_version from answer_evaluations where answer_id = ? and evaluator = ?",
    [answer.id, evaluation.evaluator],
  );
  const [saved] = await em.execute<{ id: string }[]>(
    `insert into answer_evaluations (answer_id, evaluator, evaluator_version, criteria, score, feedback)
     values (?, ?, ?, ?::jsonb, ?, ?)
     on conflict (answer_id, evaluator) do update set evaluator_version = excluded.evaluator_version,
       criteria = excluded.criteria, score = excluded.score, feedback = excluded.feedback, updated_at = now()
     returning id`,
    [
      answer.id,
      evaluation.evaluator,
      evaluation.version,
      JSON.stringify(evaluation.criteria),
      evaluation.score,
      evaluation.feedback,
    ],
  );
  await moveQuestionUsage(em, answer.id, before, await finalScoreOf(em, answer.id));
  ctx.audit.record({
    entity: { kind: "answer_evaluation", id: saved!.id },
    subjectId: answer.candidateId,
    before: previous ? { score: Number(previous.score), evaluatorVersion: previous.evaluator_version } : null,
    after: {
      answerId: answer.id,
      evaluator: evaluation.evaluator,
      evaluatorVersion: evaluation.version,
      score: evaluation.score,
    },
  });
}
