/** Batches for outside evaluators: export (recorded with its file hash), list, and pages of lines. */
import type { ProcedureContext } from "../context";
import type { z } from "zod";
import type { BatchDto, BatchRowsDto } from "./dto";
import type { batchRowsInput } from "./schemas";

export async function exportBatch(_ctx: ProcedureContext, _cycleId: string): Promise<BatchDto> {
  throw new Error("not implemented yet");
}

export async function listBatches(_ctx: ProcedureContext, _cycleId: string): Promise<BatchDto[]> {
  throw new Error("not implemented yet");
}

export async function batchRows(_ctx: ProcedureContext, _input: z.output<typeof batchRowsInput>): Promise<BatchRowsDto> {
  throw new Error("not implemented yet");
}
