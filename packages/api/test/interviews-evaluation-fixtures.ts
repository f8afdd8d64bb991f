/** Audit coverage's drive of overrides, re-evaluation and matching on a completed interview (the evaluation helper). */
import type { Caller, TestApi } from "./helpers";
import type { InterviewsDriveContext } from "./interviews-fixtures";

export async function driveEvaluations(_admin: Caller, _api: TestApi, _context: InterviewsDriveContext): Promise<void> {
  // Filled in by its owner: every mutation of this area through its happy path.
}
