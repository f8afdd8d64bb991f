/** Batches for outside evaluators: export (recorded with its file hash), list, and pages of lines. */
import type { RequestContext } from "../context";
import type { z } from "zod";
import type { BatchDto, BatchRowsDto } from "./dto";
import type { batchRowsInput } from "./schemas";

export async function exportBatch(_ctx: RequestContext, _cycleId: string): Promise<BatchDto> {
  throw new Error("not implemented yet");
}

export async function listBatches(_ctx: RequestContext, _cycleId: string): Promise<BatchDto[]> {
  throw new Error("not implemented yet");
}

export async function batchRows(_ctx: RequestContext, _input: z.output<typeof batchRowsInput>): Promise<BatchRowsDto> {
  throw new Error("not implemented yet");
}
