/** Audit coverage's drive of the question bank: create, update, import (the questions helper). */
import type { Caller, TestApi } from "./helpers";
import type { InterviewsDriveContext } from "./interviews-fixtures";

export async function driveQuestions(_admin: Caller, _api: TestApi, _context: InterviewsDriveContext): Promise<void> {
  // Filled in by its owner: every mutation of this area through its happy path.
}
