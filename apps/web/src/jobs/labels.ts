import type { ApplicationOutcome, EmploymentType, JobStatus, StageKind } from "@shortlist/api/schemas";

export const JOB_STATUS_LABEL: Record<JobStatus, string> = {
  draft: "Draft",
  open: "Open",
  on_hold: "On hold",
  closed: "Closed",
};

export const JOB_STATUS_COLOR: Record<JobStatus, string> = {
  draft: "gray",
  open: "green",
  on_hold: "yellow",
  closed: "red",
};

export const EMPLOYMENT_TYPE_LABEL: Record<EmploymentType, string> = {
  full_time: "Full time",
  part_time: "Part time",
  contract: "Contract",
  internship: "Internship",
  temporary: "Temporary",
};

export const STAGE_KIND_LABEL: Record<StageKind, string> = {
  applied: "Applied",
  screening: "Screening",
  assessment: "Assessment",
  interview: "Interview",
  offer: "Offer",
  hired: "Hired (hires whoever enters)",
  custom: "Custom",
};

export const OUTCOME_LABEL: Record<ApplicationOutcome, string> = {
  active: "Active",
  hired: "Hired",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};

export const OUTCOME_COLOR: Record<ApplicationOutcome, string> = {
  active: "blue",
  hired: "green",
  rejected: "red",
  withdrawn: "gray",
};

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

export const JOB_STATUS_OPTIONS = options(JOB_STATUS_LABEL);
export const EMPLOYMENT_TYPE_OPTIONS = options(EMPLOYMENT_TYPE_LABEL);
export const STAGE_KIND_OPTIONS = options(STAGE_KIND_LABEL);
