/** Scorecards: per interview, scores per skill, overall, recommendation and summary; the application's score. */
import type { ProcedureContext } from "../context";
import type { ScorecardDTO } from "./dto";

export async function applicationScorecards(ctx: ProcedureContext, applicationId: string): Promise<ScorecardDTO[]> {
  throw new Error("applicationScorecards: not implemented yet");
}
