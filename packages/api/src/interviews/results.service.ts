/** An interview's results: the interview, its answers (opened with the candidate's key) with their evaluations, overrides and final scores, and its scorecard. */
import type { EntityManager, Keyring, Sealed } from "@shortlist/db";
import type { ProcedureContext } from "../context";
import { dbRow, dbRows } from "../db-rows";
import type { AnswerDTO, InterviewResultsDTO } from "./dto";
import {
  EVALUATION_COLUMNS,
  SCORECARD_COLUMNS,
  toEvaluationDTO,
  toScorecardDTO,
  type EvaluationRow,
  type ScorecardRow,
} from "./evaluation-mappers";
import { openAnswerText } from "./evaluation-store";
import { readInterview } from "./mappers";
import { FINAL_SCORE_SQL } from "./scorecards.service";

export const ERASED_TEXT = "[erased]";

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
  const interview = await readInterview(ctx.em, id);
  const answers = await loadAnswers(ctx.em, ctx.keyring, id);
  const byQuestion = new Map(answers.map((a) => [a.interviewQuestionId, a]));
  const [scorecard] = await ctx.em.execute<Record<string, unknown>[]>(
    `select ${SCORECARD_COLUMNS} from interview_scorecards s where s.interview_id = ?`,
    [id],
  );
  return {
    interview,
    // In the plan's order.
    answers: interview.plan.flatMap((question) => {
      const answer = byQuestion.get(question.id);
      return answer ? [{ ...answer, question }] : [];
    }),
    scorecard: scorecard ? toScorecardDTO(dbRow<ScorecardRow>(scorecard, { dates: ["updatedAt"] })) : null,
  };
}
