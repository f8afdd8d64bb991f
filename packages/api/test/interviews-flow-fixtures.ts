/** Audit coverage's drive of an interview from plan to completion through the candidate link (the interview-flow helper). */
import type { Caller, TestApi } from "./helpers";
import type { InterviewsDriveContext } from "./interviews-fixtures";

export async function driveInterviewFlow(
  _admin: Caller,
  _api: TestApi,
  _context: InterviewsDriveContext,
): Promise<void> {
  // Filled in by its owner: every mutation of this area through its happy path.
}
