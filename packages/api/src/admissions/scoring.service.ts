/** PROCESSING → SCORED: final scores by the formula of docs/admissions.md; the scores table and its distribution. */
import type { ProcedureContext } from "../context";
import type { z } from "zod";
import type { CycleDto, DistributionDto, ScoreRowDto } from "./dto";
import type { distributionInput, scoresListInput } from "./schemas";

export async function scoreCycle(_ctx: ProcedureContext, _cycleId: string): Promise<CycleDto> {
  throw new Error("not implemented yet");
}

export async function listScores(_ctx: ProcedureContext, _input: z.output<typeof scoresListInput>): Promise<{ items: ScoreRowDto[]; nextCursor: string | null }> {
  throw new Error("not implemented yet");
}

export async function scoreDistribution(_ctx: ProcedureContext, _input: z.output<typeof distributionInput>): Promise<DistributionDto> {
  throw new Error("not implemented yet");
}
