/**
 * Domain constants with no runtime dependencies, safe to import from the SPA bundle.
 */
export const USER_ROLES = ["admin", "recruiter", "reviewer", "viewer"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export * from "./jobs/constants";
export * from "./notes/constants";
export * from "./vetting/constants";
export * from "./mail/constants";
export * from "./conversations/constants";
export type * from "./vetting/types";
export * from "./interviews/constants";
export * from "./admissions/constants";
