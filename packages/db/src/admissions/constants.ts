/** Browser-safe constants of the admissions module (blind admission cycles, seed 003). */

/**
 * A cycle's phases, in order. DRAFT: being set up, not yet taking applications. SUBMISSION: the public form is open.
 * FROZEN: no more applications. PREPROCESSING: answers being scrubbed into anonymized applications, metrics computed.
 * BATCH_PREP: batches exported for outside evaluators. PROCESSING: results coming back, reviewers scoring.
 * SCORED: final scores aggregated. SELECTION: selection run (and re-run), identities of the selected may be revealed.
 * PUBLISHED: applicants see their outcome with their receipt. COMPLETED: frozen for good.
 */
export const CYCLE_PHASES = [
  "DRAFT",
  "SUBMISSION",
  "FROZEN",
  "PREPROCESSING",
  "BATCH_PREP",
  "PROCESSING",
  "SCORED",
  "SELECTION",
  "PUBLISHED",
  "COMPLETED",
] as const;
export type CyclePhase = (typeof CYCLE_PHASES)[number];

/** The one move out of each phase (a cycle only goes forward; COMPLETED is final). */
export const NEXT_PHASE: Record<CyclePhase, CyclePhase | null> = {
  DRAFT: "SUBMISSION",
  SUBMISSION: "FROZEN",
  FROZEN: "PREPROCESSING",
  PREPROCESSING: "BATCH_PREP",
  BATCH_PREP: "PROCESSING",
  PROCESSING: "SCORED",
  SCORED: "SELECTION",
  SELECTION: "PUBLISHED",
  PUBLISHED: "COMPLETED",
  COMPLETED: null,
};

/** Whether phase `a` is at or after phase `b`. */
export const phaseAtLeast = (a: CyclePhase, b: CyclePhase): boolean =>
  CYCLE_PHASES.indexOf(a) >= CYCLE_PHASES.indexOf(b);

/**
 * An application's status: SUBMITTED → ANONYMIZED (scrubbed, metrics computed) → BATCHED (in an exported batch) →
 * SCORED (has a final score) → SELECTED | NOT_SELECTED.
 */
export const ADMISSION_STATUSES = ["SUBMITTED", "ANONYMIZED", "BATCHED", "SCORED", "SELECTED", "NOT_SELECTED"] as const;
export type AdmissionStatus = (typeof ADMISSION_STATUSES)[number];

/** A form question: a short (one line) or long (paragraphs) text answer. */
export const QUESTION_KINDS = ["short", "long"] as const;
export type FormQuestionKind = (typeof QUESTION_KINDS)[number];
export const QUESTION_MAX_LENGTH = { short: 500, long: 10_000 } as const;
export const MAX_FORM_QUESTIONS = 20;

/** Scores of a criterion, by every evaluator, are on this scale. */
export const SCORE_RANGE = { min: 0, max: 10 } as const;
export const MAX_CRITERIA = 10;

/** A judge's verdict on one worker result. */
export const JUDGE_VERDICTS = ["accept", "adjust", "reject"] as const;
export type JudgeVerdict = (typeof JUDGE_VERDICTS)[number];

/** A manual override of the selection rule: always select, or never select, this application (with a reason). */
export const OVERRIDE_DECISIONS = ["include", "exclude"] as const;
export type OverrideDecision = (typeof OVERRIDE_DECISIONS)[number];

/** The placeholders scrubbing puts where personal data was. */
export const PII_KINDS = ["NAME", "EMAIL", "PHONE", "URL", "HANDLE", "LOCATION", "SCHOOL", "ID_NUMBER"] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** The version of a batch file's line shape (`schemaVersion` on every line). */
export const BATCH_SCHEMA_VERSION = 1;

/** Submissions allowed from one address (hashed) per window before the form answers too_many_attempts. */
export const APPLY_RATE_LIMIT = { max: 10, windowSeconds: 3600 } as const;
