import type { AdmissionStatus, CyclePhase, OverrideDecision, PiiKind } from "@shortlist/api/schemas";

export const PHASE_LABEL: Record<CyclePhase, string> = {
  DRAFT: "Draft",
  SUBMISSION: "Submission",
  FROZEN: "Frozen",
  PREPROCESSING: "Preprocessing",
  BATCH_PREP: "Batch prep",
  PROCESSING: "Processing",
  SCORED: "Scored",
  SELECTION: "Selection",
  PUBLISHED: "Published",
  COMPLETED: "Completed",
};

/** What happens in each phase, under its step on the board. */
export const PHASE_DESCRIPTION: Record<CyclePhase, string> = {
  DRAFT: "Setting up",
  SUBMISSION: "Form open",
  FROZEN: "Form closed",
  PREPROCESSING: "Scrubbing",
  BATCH_PREP: "Exporting",
  PROCESSING: "Evaluating",
  SCORED: "Scores final",
  SELECTION: "Choosing",
  PUBLISHED: "Outcomes out",
  COMPLETED: "Frozen for good",
};

export const PHASE_COLOR: Record<CyclePhase, string> = {
  DRAFT: "gray",
  SUBMISSION: "blue",
  FROZEN: "cyan",
  PREPROCESSING: "orange",
  BATCH_PREP: "yellow",
  PROCESSING: "orange",
  SCORED: "teal",
  SELECTION: "grape",
  PUBLISHED: "green",
  COMPLETED: "dark",
};

export const STATUS_LABEL: Record<AdmissionStatus, string> = {
  SUBMITTED: "Submitted",
  ANONYMIZED: "Anonymized",
  BATCHED: "Batched",
  SCORED: "Scored",
  SELECTED: "Selected",
  NOT_SELECTED: "Not selected",
};

export const STATUS_COLOR: Record<AdmissionStatus, string> = {
  SUBMITTED: "gray",
  ANONYMIZED: "blue",
  BATCHED: "yellow",
  SCORED: "teal",
  SELECTED: "green",
  NOT_SELECTED: "red",
};

export const PII_LABEL: Record<PiiKind, string> = {
  NAME: "Names",
  EMAIL: "Emails",
  PHONE: "Phone numbers",
  URL: "Links",
  HANDLE: "Social handles",
  LOCATION: "Places",
  SCHOOL: "Schools",
  ID_NUMBER: "ID numbers",
};

export const OVERRIDE_LABEL: Record<OverrideDecision, string> = {
  include: "Always select",
  exclude: "Never select",
};

/** A 0–10 score with one decimal ("7.4"), or a dash. */
export const score10 = (score: number | null | undefined) => (score == null ? "—" : score.toFixed(1));
