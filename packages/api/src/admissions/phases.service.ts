/** The explicit phase moves that need no long work; each locks the cycle row, checks the phase, audits. */
import type { ProcedureContext } from "../context";
import type { CycleDto } from "./dto";

export async function openCycle(_ctx: ProcedureContext, _cycleId: string): Promise<CycleDto> {
  throw new Error("not implemented yet");
}

export async function freezeCycle(_ctx: ProcedureContext, _cycleId: string): Promise<CycleDto> {
  throw new Error("not implemented yet");
}

export async function startBatchPrep(_ctx: ProcedureContext, _cycleId: string): Promise<CycleDto> {
  throw new Error("not implemented yet");
}

export async function startProcessing(_ctx: ProcedureContext, _cycleId: string): Promise<CycleDto> {
  throw new Error("not implemented yet");
}

export async function publishCycle(_ctx: ProcedureContext, _cycleId: string): Promise<CycleDto> {
  throw new Error("not implemented yet");
}

export async function completeCycle(_ctx: ProcedureContext, _cycleId: string): Promise<CycleDto> {
  throw new Error("not implemented yet");
}
