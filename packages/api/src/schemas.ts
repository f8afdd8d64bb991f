/**
 * Input schemas shared with the SPA's forms and the CLI. Safe for the browser:
 * nothing here imports server code.
 */
export * from "./audit/schemas";
export * from "./candidates/schemas";
export * from "./identity/schemas";
export * from "./mail/schemas";
export * from "./conversations/schemas";
export * from "./intake/schemas";
export * from "./interviews/schemas";
export * from "./admissions/schemas";
export * from "./jobs/schemas";
export * from "./notes/schemas";
export {
  APPLICATION_OUTCOMES,
  DEFAULT_STAGES,
  EMPLOYMENT_TYPES,
  JOB_STATUSES,
  STAGE_KINDS,
  USER_ROLES,
  type ApplicationOutcome,
  type EmploymentType,
  type JobStatus,
  type StageKind,
  type UserRole,
} from "@shortlist/db/constants";
export * from "./vetting/schemas";
export * from "./shared/format";
export { notAnObjectReason, unparsedLineReason } from "./shared/jsonl-lines";
export { hasControlCharacters, multiLineText, singleLineText, type TextMessages } from "./shared/text";
export { pathPattern, type PathPattern } from "./shared/paths";
export { EMAIL_MAX, email } from "./shared/email";
export { idInput, idVersionInput, recordVersion, uuid, type IdInput, type IdVersionInput } from "./shared/ids";
export { hasRole, ROLES, type RoleSet } from "./shared/roles";
export * from "./shared/errors";
export * from "./shared/batch";
export {
  ASSESSMENT_STATUSES,
  BENCHMARK_METRICS,
  BENCHMARK_SOURCES,
  MIN_BENCHMARK_SAMPLE,
  RECOMMENDATIONS,
  type AssessmentStatus,
  type BenchmarkMetric,
  type BenchmarkSource,
  type Recommendation,
} from "@shortlist/db/constants";
