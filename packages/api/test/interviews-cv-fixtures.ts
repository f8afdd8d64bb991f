/** Audit coverage's drive of CV upload and re-analysis (the cv helper). */
import type { Caller, TestApi } from "./helpers";
import type { InterviewsDriveContext } from "./interviews-fixtures";

export async function driveCv(_admin: Caller, _api: TestApi, _context: InterviewsDriveContext): Promise<void> {
  // Filled in by its owner: every mutation of this area through its happy path.
}
