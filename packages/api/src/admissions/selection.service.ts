/** SCORED → SELECTION: top N by final score within capacity, overrides with reasons, a log of every run. */
import type { RequestContext } from "../context";
import type { z } from "zod";
import type { CycleDto, ScoreRowDto, SelectedApplicantDto, SelectionLogDto } from "./dto";
import type { overrideInput } from "./schemas";

export async function runSelection(_ctx: RequestContext, _cycleId: string): Promise<CycleDto> {
  throw new Error("not implemented yet");
}

export async function setOverride(_ctx: RequestContext, _input: z.output<typeof overrideInput>): Promise<ScoreRowDto> {
  throw new Error("not implemented yet");
}

export async function removeOverride(_ctx: RequestContext, _applicationId: string): Promise<ScoreRowDto> {
  throw new Error("not implemented yet");
}

export async function selectionLogs(_ctx: RequestContext, _cycleId: string): Promise<SelectionLogDto[]> {
  throw new Error("not implemented yet");
}

export async function selectedApplicants(_ctx: RequestContext, _cycleId: string): Promise<SelectedApplicantDto[]> {
  throw new Error("not implemented yet");
}
