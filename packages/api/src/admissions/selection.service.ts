/** SCORED → SELECTION: top N by final score within capacity, overrides with reasons, a log of every run. */
import type { ProcedureContext } from "../context";
import type { z } from "zod";
import type { CycleDto, ScoreRowDto, SelectedApplicantDto, SelectionLogDto } from "./dto";
import type { overrideInput } from "./schemas";

export async function runSelection(_ctx: ProcedureContext, _cycleId: string): Promise<CycleDto> {
  throw new Error("not implemented yet");
}

export async function setOverride(_ctx: ProcedureContext, _input: z.output<typeof overrideInput>): Promise<ScoreRowDto> {
  throw new Error("not implemented yet");
}

export async function removeOverride(_ctx: ProcedureContext, _applicationId: string): Promise<ScoreRowDto> {
  throw new Error("not implemented yet");
}

export async function selectionLogs(_ctx: ProcedureContext, _cycleId: string): Promise<SelectionLogDto[]> {
  throw new Error("not implemented yet");
}

export async function selectedApplicants(_ctx: ProcedureContext, _cycleId: string): Promise<SelectedApplicantDto[]> {
  throw new Error("not implemented yet");
}
