/** Evaluations of answers (built-in and model), overrides, results, rubric agreement. */
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import type { InterviewResultsDTO, RubricAgreementDTO } from "./dto";
import type { overrideScoreInput, reevaluateInput } from "./schemas";

export async function interviewResults(ctx: ProcedureContext, id: string): Promise<InterviewResultsDTO> {
  throw new Error("interviewResults: not implemented yet");
}

export async function overrideScore(
  ctx: ProcedureContext,
  input: z.output<typeof overrideScoreInput>,
): Promise<InterviewResultsDTO> {
  throw new Error("overrideScore: not implemented yet");
}

export async function reevaluate(
  ctx: ProcedureContext,
  input: z.output<typeof reevaluateInput>,
): Promise<InterviewResultsDTO> {
  throw new Error("reevaluate: not implemented yet");
}

export async function rubricAgreement(
  ctx: ProcedureContext,
  questionIds: string[] | null,
): Promise<RubricAgreementDTO[]> {
  throw new Error("rubricAgreement: not implemented yet");
}
/** What evaluation and scorecard work needs: a procedure's context or a background unit's (the interviewer driver's). */
export type InterviewsUnit = Pick<ProcedureContext, "em" | "keyring" | "audit" | "config" | "log"> & {
  /** Present in a procedure: runs after the commit (a model judge is scheduled with it). */
  afterCommit?: ProcedureContext["afterCommit"];
};

/**
 * Scores one answer with the built-in evaluator in the caller's transaction (upserting its `builtin` evaluation),
 * and, when a model is configured, schedules the model judge after the commit. Called by the candidate's answer.
 */
export async function evaluateAnswer(unit: InterviewsUnit, answerId: string): Promise<void> {
  throw new Error("evaluateAnswer: not implemented yet");
}
