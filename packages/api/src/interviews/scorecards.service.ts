/** Scorecards: per interview, scores per skill, overall, recommendation and summary; the application's score. */
import type { ProcedureContext } from "../context";
import type { ScorecardDTO } from "./dto";

export async function applicationScorecards(ctx: ProcedureContext, applicationId: string): Promise<ScorecardDTO[]> {
  throw new Error("applicationScorecards: not implemented yet");
}

/**
 * Recomputes the interview's scorecard from its answers' final scores (in the caller's transaction) and writes the
 * overall score onto the application through jobs' port. Called when an interview completes and after an override.
 */
export async function refreshScorecard(
  unit: Pick<ProcedureContext, "em" | "audit">,
  interviewId: string,
): Promise<void> {
  throw new Error("refreshScorecard: not implemented yet");
}
