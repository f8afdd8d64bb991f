/** PREPROCESSING: FROZEN → PREPROCESSING, then scrubbing and metrics in the background, in chunks (resumable). */
import type { RequestContext } from "../context";
import type { CycleDto } from "./dto";

export async function preprocessCycle(_ctx: RequestContext, _cycleId: string): Promise<CycleDto> {
  throw new Error("not implemented yet");
}
