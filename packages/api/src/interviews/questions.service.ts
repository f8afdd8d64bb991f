/** The question bank: create, read, update (versioned), list with full-text search and filters; usage figures. */
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import type { QuestionDTO, QuestionPage } from "./dto";
import type { createQuestionInput, updateQuestionInput, questionListInput } from "./schemas";

export async function createQuestion(
  ctx: ProcedureContext,
  input: z.output<typeof createQuestionInput>,
): Promise<QuestionDTO> {
  throw new Error("createQuestion: not implemented yet");
}

export async function getQuestion(ctx: ProcedureContext, id: string): Promise<QuestionDTO> {
  throw new Error("getQuestion: not implemented yet");
}

export async function updateQuestion(
  ctx: ProcedureContext,
  input: z.output<typeof updateQuestionInput>,
): Promise<QuestionDTO> {
  throw new Error("updateQuestion: not implemented yet");
}

export async function listQuestions(
  ctx: ProcedureContext,
  input: z.output<typeof questionListInput>,
): Promise<QuestionPage> {
  throw new Error("listQuestions: not implemented yet");
}
