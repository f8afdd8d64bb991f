export const JOB_STATUSES = ["draft", "open", "on_hold", "closed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const EMPLOYMENT_TYPES = ["full_time", "part_time", "contract", "internship", "temporary"] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

/** What a stage means to Shortlist whatever its name: moving into a `hired` stage hires. */
export const STAGE_KINDS = ["applied", "screening", "assessment", "interview", "offer", "hired", "custom"] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** The stages a new job starts with (editable per job). */
export const DEFAULT_STAGES: readonly { name: string; kind: StageKind }[] = [
  { name: "Applied", kind: "applied" },
  { name: "Screening", kind: "screening" },
  { name: "Assessment", kind: "assessment" },
  { name: "Interview", kind: "interview" },
  { name: "Offer", kind: "offer" },
  { name: "Hired", kind: "hired" },
];

/** active: in the pipeline; hired: in a hired stage; rejected and withdrawn: closed, kept where they stopped. */
export const APPLICATION_OUTCOMES = ["active", "hired", "rejected", "withdrawn"] as const;
export type ApplicationOutcome = (typeof APPLICATION_OUTCOMES)[number];

export const DEFAULT_REJECTION_REASONS = [
  "Not enough relevant experience",
  "Skills do not match the role",
  "Another candidate was a better fit",
  "Position filled or closed",
  "Did not respond",
  "Salary expectations do not match",
  "Location or work authorisation",
] as const;
