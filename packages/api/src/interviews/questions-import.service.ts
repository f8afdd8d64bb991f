/** Question JSONL import (the shared batch-import contract, all-or-nothing per call) and export pages. */
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import type { BatchResult } from "../shared/batch";
import type { QuestionExportPage } from "./dto";
import type { importQuestionsInput, exportQuestionsInput } from "./schemas";

export async function importQuestions(
  ctx: ProcedureContext,
  input: z.output<typeof importQuestionsInput>,
): Promise<BatchResult> {
  throw new Error("importQuestions: not implemented yet");
}

export async function exportQuestions(
  ctx: ProcedureContext,
  input: z.output<typeof exportQuestionsInput>,
): Promise<QuestionExportPage> {
  throw new Error("exportQuestions: not implemented yet");
}
