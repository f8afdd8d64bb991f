/** Matching: candidates ranked for a job by fit, each factor shown; the top ones added to the job. */
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import type { AddMatchesResult, MatchPage } from "./dto";
import type { rankCandidatesInput, addMatchesInput } from "./schemas";

export async function rankCandidates(
  ctx: ProcedureContext,
  input: z.output<typeof rankCandidatesInput>,
): Promise<MatchPage> {
  throw new Error("rankCandidates: not implemented yet");
}

export async function addMatches(
  ctx: ProcedureContext,
  input: z.output<typeof addMatchesInput>,
): Promise<AddMatchesResult> {
  throw new Error("addMatches: not implemented yet");
}
