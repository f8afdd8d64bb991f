/** CVs: the candidate's latest document and analysis, re-analysis; the upload itself is a file route (files.ts). */
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import type { CandidateCvDTO } from "./dto";
import type { analyseCvInput } from "./schemas";

export async function candidateCv(ctx: ProcedureContext, candidateId: string): Promise<CandidateCvDTO> {
  throw new Error("candidateCv: not implemented yet");
}

export async function analyseCv(
  ctx: ProcedureContext,
  input: z.output<typeof analyseCvInput>,
): Promise<CandidateCvDTO> {
  throw new Error("analyseCv: not implemented yet");
}
