/** The interview scorecard's overall score on the application (the board's "Interview" badge reads it). */
import type { EntityManager } from "@shortlist/db";

/**
 * Written by interviews through this port, in the caller's transaction. The application's version is left alone:
 * a score arriving does not make a recruiter's open move of the card stale. Null clears it.
 */
export async function recordInterviewScore(
  em: EntityManager,
  applicationId: string,
  overall: number | null,
): Promise<void> {
  await em.execute("update applications set interview_score = ? where id = ?", [overall, applicationId]);
}
