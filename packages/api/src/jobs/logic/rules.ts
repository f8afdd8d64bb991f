import type { ApplicationOutcome, JobStatus, StageKind } from "@shortlist/db/constants";

export type ApplicationAction = "move" | "reject" | "withdraw" | "reopen";

/** Why an action is not possible now, or null when it is: the server refuses with it, the SPA shows it on hover. */
export function applicationActionBlocked(
  action: ApplicationAction,
  outcome: ApplicationOutcome,
  jobStatus: JobStatus,
): string | null {
  if (jobStatus === "closed") return "The job is closed; reopen the job first";
  const closed = outcome === "rejected" || outcome === "withdrawn";
  switch (action) {
    case "move":
      return closed ? `The application was ${outcome}; reopen it first` : null;
    case "reject":
    case "withdraw":
      return closed ? `The application was already ${outcome}` : null;
    case "reopen":
      return closed ? null : "Only a rejected or withdrawn application can be reopened";
  }
}

/** Whether a new application may be filed under a job in this status. */
export const jobTakesApplications = (status: JobStatus) => status !== "closed";

/** The outcome an application gets by entering a stage: a hired stage hires. */
export const outcomeInStage = (kind: StageKind): ApplicationOutcome => (kind === "hired" ? "hired" : "active");

/** Applications whose outcome is counted in their stage's column on the board. */
export const countsInStage = (outcome: ApplicationOutcome) => outcome === "active" || outcome === "hired";
