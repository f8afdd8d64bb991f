/** PREPROCESSING: FROZEN → PREPROCESSING, then scrubbing and metrics in the background, in chunks (resumable). */
import type { ProcedureContext } from "../context";
import type { CycleDto } from "./dto";

export async function preprocessCycle(_ctx: ProcedureContext, _cycleId: string): Promise<CycleDto> {
  throw new Error("not implemented yet");
}
