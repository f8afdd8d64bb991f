/**
 * Domain constants with no runtime dependencies, safe to import from the SPA bundle.
 */
export const USER_ROLES = ["admin", "recruiter", "reviewer", "viewer"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const CANDIDATE_STATUSES = ["pending", "invited", "in_progress", "completed", "rejected", "hired"] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

export * from "./vetting/constants";
export type * from "./vetting/types";
