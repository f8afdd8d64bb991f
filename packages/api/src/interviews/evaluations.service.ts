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
