/** Cycles: list, read (with counts per status and the progress of long work), create, edit. */
import type { ProcedureContext } from "../context";
import type { z } from "zod";
import type { CycleDto, CycleListItemDto } from "./dto";
import type { CreateCycleInput, cycleListInput, UpdateCycleInput } from "./schemas";

export async function listCycles(_ctx: ProcedureContext, _input: z.output<typeof cycleListInput>): Promise<{ items: CycleListItemDto[]; nextCursor: string | null }> {
  throw new Error("not implemented yet");
}

export async function getCycle(_ctx: ProcedureContext, _cycleId: string): Promise<CycleDto> {
  throw new Error("not implemented yet");
}

export async function createCycle(_ctx: ProcedureContext, _input: CreateCycleInput): Promise<CycleDto> {
  throw new Error("not implemented yet");
}

export async function updateCycle(_ctx: ProcedureContext, _input: UpdateCycleInput): Promise<CycleDto> {
  throw new Error("not implemented yet");
}
