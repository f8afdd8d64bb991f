/**
 * Audit coverage's drive of the interviews module, in the order a recruiter works: the question bank, a CV, an
 * interview through the candidate link to completion, then overrides, re-evaluation and matching.
 */
import type { Caller, TestApi } from "./helpers";
import { driveCv } from "./interviews-cv-fixtures";
import { driveEvaluations } from "./interviews-evaluation-fixtures";
import { driveInterviewFlow } from "./interviews-flow-fixtures";
import { driveMatching, driveQuestions } from "./interviews-questions-fixtures";

/** What earlier drives leave for later ones. */
export interface InterviewsDriveContext {
  /** A job with a vacancy profile and an application of a candidate with a CV (set by driveCv). */
  applicationId?: string;
  candidateId?: string;
  jobId?: string;
  /** A COMPLETED interview (set by driveInterviewFlow). */
  completedInterviewId?: string;
}

export async function driveInterviews(admin: Caller, api: TestApi): Promise<void> {
  const context: InterviewsDriveContext = {};
  await driveQuestions(admin, api, context);
  await driveCv(admin, api, context);
  await driveMatching(admin, context);
  await driveInterviewFlow(admin, api, context);
  await driveEvaluations(admin, api, context);
}
