/** Evaluations of answers (built-in and model), overrides, re-evaluation and rubric agreement. */
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { InvalidInput, NotFound, StaleVersion } from "../errors";
import { findSkills } from "../intake";
import type { InterviewResultsDTO, RubricAgreementDTO } from "./dto";
import { finalScoreOf, loadAnswer, moveQuestionUsage, saveEvaluation } from "./evaluation-store";
import { judgeModel } from "./judge";
import { scheduleJudge } from "./judge-runner";
import { evaluateAnswer as evaluateBuiltin } from "./logic/evaluate";
import { interviewResults } from "./results.service";
import type { overrideScoreInput, reevaluateInput } from "./schemas";
import { refreshScorecard } from "./scorecards.service";

export { interviewResults };

/** What evaluation and scorecard work needs: a procedure's context or a background unit's (the interviewer driver's). */
export type InterviewsUnit = Pick<
  ProcedureContext,
  "em" | "keyring" | "audit" | "config" | "log" | "orm" | "requestId" | "auditOff"
> & {
  /** Present in a procedure: runs after the commit (a model judge is scheduled with it). */
  afterCommit?: ProcedureContext["afterCommit"];
};

const skillsIn = (text: string) => findSkills(text).map((match) => match.skill);

/** Scores a locked answer with the built-in evaluator (upserting its `builtin` evaluation); false when erased. */
async function evaluateBuiltinLocked(unit: InterviewsUnit, answerId: string): Promise<boolean> {
  const answer = await loadAnswer(unit.em, unit.keyring, answerId, true);
  if (!answer) throw new NotFound("interview answer", answerId);
  if (answer.text === null) return false;
  const result = evaluateBuiltin(answer.text, answer.question.rubric, { skillsIn });
  await saveEvaluation(unit, answer, {
    evaluator: "builtin",
    version: result.version,
    criteria: result.criteria,
    score: result.score,
    feedback: result.feedback,
  });
  return true;
}

/**
 * Scores one answer with the built-in evaluator in the caller's transaction (upserting its `builtin` evaluation),
 * and, when a model is configured, schedules the model judge after the commit. Called by the candidate's answer.
 */
export async function evaluateAnswer(unit: InterviewsUnit, answerId: string): Promise<void> {
  const evaluated = await evaluateBuiltinLocked(unit, answerId);
  if (evaluated && unit.afterCommit && judgeModel(unit.config)) {
    unit.afterCommit(() => scheduleJudge(unit, [answerId], unit.requestId));
  }
}

export async function overrideScore(
  ctx: ProcedureContext,
  input: z.output<typeof overrideScoreInput>,
): Promise<InterviewResultsDTO> {
  const reason = input.score === null ? null : (input.reason ?? null);
  if (input.score !== null && !reason) throw InvalidInput.field("reason", "Say why the score is overridden");
  const [row] = await ctx.em.execute<
    {
      version: number;
      interview_id: string;
      candidate_id: string;
      override_score: number | null;
      override_reason: string | null;
    }[]
  >(
    `select a.version, a.interview_id, i.candidate_id, a.override_score, a.override_reason
     from interview_answers a join interviews i on i.id = a.interview_id where a.id = ? for update of a`,
    [input.answerId],
  );
  if (!row) throw new NotFound("interview answer", input.answerId);
  if (row.version !== input.version) throw new StaleVersion("answer", { id: input.answerId, version: row.version });
  const auth = await ctx.getAuth();
  const beforeScore = await finalScoreOf(ctx.em, input.answerId);
  await ctx.em.execute(
    `update interview_answers set override_score = ?, override_reason = ?, overridden_by_id = ?,
       overridden_at = ${input.score === null ? "null" : "now()"}, version = version + 1, updated_at = now()
     where id = ?`,
    [input.score, reason, input.score === null ? null : (auth?.user.id ?? null), input.answerId],
  );
  await moveQuestionUsage(ctx.em, input.answerId, beforeScore, await finalScoreOf(ctx.em, input.answerId));
  const before = {
    overrideScore: row.override_score === null ? null : Number(row.override_score),
    overrideReason: row.override_reason,
  };
  const after = { overrideScore: input.score, overrideReason: reason };
  ctx.audit.record({
    entity: { kind: "interview_answer", id: input.answerId },
    subjectId: row.candidate_id,
    before,
    after,
    // A reviewer's words about the person: sealed in the trail with the candidate's key.
    personal: ["overrideReason"],
  });
  await refreshScorecard(ctx, row.interview_id);
  return interviewResults(ctx, row.interview_id);
}

export async function reevaluate(
  ctx: ProcedureContext,
  input: z.output<typeof reevaluateInput>,
): Promise<InterviewResultsDTO> {
  const [interview] = await ctx.em.execute<{ id: string; candidate_id: string }[]>(
    "select id, candidate_id from interviews where id = ? for update",
    [input.id],
  );
  if (!interview) throw new NotFound("interview", input.id);
  if (input.evaluator === "model" && !judgeModel(ctx.config)) {
    throw new InvalidInput("No model is configured: set SHORTLIST_LLM_BASE_URL and SHORTLIST_LLM_MODEL", {
      reason: "precondition_failed",
      details: { evaluator: "model", configured: false },
    });
  }
  // At most the plan's length (30): one statement each is bounded.
  const answers = await ctx.em.execute<{ id: string }[]>(
    "select a.id from interview_answers a join interview_questions iq on iq.id = a.interview_question_id where a.interview_id = ? order by iq.position",
    [input.id],
  );
  const ids = answers.map((a) => a.id);
  if (input.evaluator === "builtin") {
    for (const id of ids) await evaluateBuiltinLocked(ctx, id);
    await refreshScorecard(ctx, input.id);
  } else {
    ctx.afterCommit(() => scheduleJudge(ctx, ids, ctx.requestId));
  }
  ctx.audit.record({
    entity: { kind: "interview", id: input.id },
    subjectId: interview.candidate_id,
    after: { reevaluated: input.evaluator, answers: ids.length },
  });
  return interviewResults(ctx, input.id);
}

export async function rubricAgreement(
  ctx: ProcedureContext,
  questionIds: string[] | null,
): Promise<RubricAgreementDTO[]> {
  const overridden = `select iq.question_id, abs(b.score - a.override_score) as diff
    from interview_answers a
    join interview_questions iq on iq.id = a.interview_question_id
    join answer_evaluations b on b.answer_id = a.id and b.evaluator = 'builtin'
    where a.override_score is not null and iq.question_id is not null`;
  // With ids: those questions, overridden or not; without: every overridden question, weakest agreement first.
  const rows = await ctx.em.execute<Record<string, unknown>[]>(
    `select q.id, q.text, count(o.diff)::int as overrides, avg(o.diff) as mad,
       avg(case when o.diff is null then null when o.diff <= 10 then 1.0 else 0.0 end) as agreement
     from questions q ${questionIds ? "left " : ""}join (${overridden}) o on o.question_id = q.id
     ${questionIds ? "where q.id = any(?::uuid[])" : ""}
     group by q.id, q.text
     order by agreement asc nulls last, mad desc nulls last, q.id
     limit 200`,
    questionIds ? [`{${questionIds.join(",")}}`] : [],
  );
  return rows.map((row) => ({
    questionId: row.id as string,
    text: row.text as string,
    overrides: Number(row.overrides),
    meanAbsoluteDifference: row.mad === null ? null : Math.round(Number(row.mad) * 10) / 10,
    agreement: row.agreement === null ? null : Number(row.agreement),
  }));
}
