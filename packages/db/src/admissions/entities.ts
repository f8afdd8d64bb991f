import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Candidate } from "../candidates/entities";
import { baseProperties, versionProperty } from "../common";
import { User } from "../identity/entities";
import { Application } from "../jobs/entities";
import type { Sealed } from "../privacy/sealed";
import {
  ADMISSION_STATUSES,
  CYCLE_PHASES,
  JUDGE_VERDICTS,
  OVERRIDE_DECISIONS,
  type FormQuestionKind,
  type PiiKind,
} from "./constants";

/** One question of a cycle's application form. */
export interface FormQuestion {
  /** Stable key of the answer (`motivation`), lower-case letters, digits and `_`. */
  key: string;
  label: string;
  kind: FormQuestionKind;
  maxLength: number;
  required: boolean;
  /** The answer identifies the applicant (a national id, a date of birth): sealed with the identity, never scrubbed into review. */
  identifying: boolean;
}

/** One criterion evaluators score (0–10) and its weight in the final score. */
export interface ScoringCriterion {
  key: string;
  label: string;
  /** Relative weight (> 0); the final score is the weighted mean of the criteria's means. */
  weight: number;
  description: string;
}

/** Deterministic metrics of one anonymized application (docs/admissions.md). */
export interface AdmissionMetrics {
  /** Words per answer, by question key. */
  wordCounts: Record<string, number>;
  totalWords: number;
  /** Flesch reading ease of all answers together (higher is easier; about 0–100). */
  readability: number;
  /** Moving-average type-token ratio (0–1) of all answers together. */
  lexicalDiversity: number;
  /** Answered questions / form questions that are reviewed (0–1). */
  answeredRatio: number;
}

export const AdmissionCycle = defineEntity({
  name: "AdmissionCycle",
  tableName: "admission_cycles",
  properties: {
    ...baseProperties,
    ...versionProperty,
    /** The public form's address: `/apply/<slug>`. */
    slug: p.string().length(80).unique("admission_cycles_slug_unique"),
    name: p.string().length(200),
    description: p.text().default(""),
    questions: p.json<FormQuestion[]>(),
    criteria: p.json<ScoringCriterion[]>(),
    /** How many applicants to select. */
    capacity: p.integer(),
    opensAt: p.datetime(3).nullable(),
    closesAt: p.datetime(3).nullable(),
    phase: p.enum(CYCLE_PHASES).nativeEnumName("admission_phase").default("DRAFT"),
    createdBy: () => p.manyToOne(User).nullable().deleteRule("set null"),
  },
  checks: [{ name: "admission_cycles_capacity_check", expression: "capacity >= 1" }],
});
export type IAdmissionCycle = InferEntity<typeof AdmissionCycle>;

/**
 * One application as received: the identity map. Identity (name, email, phone, identifying answers) and the raw
 * answers are sealed with the application's own data key (subject id = the application's id) from the moment they
 * arrive; only a keyed hash of the email is readable, to refuse a second application with it.
 */
export const AdmissionApplication = defineEntity({
  name: "AdmissionApplication",
  tableName: "admission_applications",
  properties: {
    ...baseProperties,
    cycle: () => p.manyToOne(AdmissionCycle).deleteRule("cascade"),
    /** `{ name, email, phone, answers: { [identifying key]: text } }`, sealed. */
    identitySealed: p.json<Sealed>(),
    /** `{ [question key]: text }` of the non-identifying questions, as typed, sealed (free text holds PII). */
    answersSealed: p.json<Sealed>(),
    /** HMAC of the normalised email under a key derived from the master key (keyring.blindIndex). */
    emailIndex: p.string().length(64),
    /** SHA-256 of the application id and what was submitted: the applicant's receipt. */
    receiptHash: p.string().length(64),
    status: p.enum(ADMISSION_STATUSES).nativeEnumName("admission_status").default("SUBMITTED"),
    /** Set when promoted into a job's pipeline. */
    promotedCandidate: () => p.manyToOne(Candidate).nullable().deleteRule("set null"),
    promotedApplication: () => p.manyToOne(Application).nullable().deleteRule("set null"),
  },
  uniques: [{ name: "admission_applications_cycle_email_unique", properties: ["cycle", "emailIndex"] }],
  indexes: [{ name: "admission_applications_cycle_status_idx", properties: ["cycle", "status"] }],
});
export type IAdmissionApplication = InferEntity<typeof AdmissionApplication>;

/** What reviewers and evaluators see: the scrubbed answers, what was replaced (kinds and counts), the metrics. */
export const AnonymizedApplication = defineEntity({
  name: "AnonymizedApplication",
  tableName: "admission_anonymized",
  properties: {
    ...baseProperties,
    application: () =>
      p.oneToOne(AdmissionApplication).owner().deleteRule("cascade").unique("admission_anonymized_application_unique"),
    cycle: () => p.manyToOne(AdmissionCycle).deleteRule("cascade"),
    /** Reviewers' handle for it: 1, 2, 3… in submission order within the cycle ("#42"). */
    number: p.integer(),
    answers: p.json<Record<string, string>>(),
    replacements: p.json<Partial<Record<PiiKind, number>>>(),
    metrics: p.json<AdmissionMetrics>(),
    /** SHA-256 of the canonical anonymized answers: evaluators' results must name it. */
    contentHash: p.string().length(64),
    scrubberVersion: p.string().length(40),
  },
  uniques: [{ name: "admission_anonymized_cycle_number_unique", properties: ["cycle", "number"] }],
});
export type IAnonymizedApplication = InferEntity<typeof AnonymizedApplication>;

/** One export of a cycle's anonymized applications for outside evaluators. */
export const AdmissionBatch = defineEntity({
  name: "AdmissionBatch",
  tableName: "admission_batches",
  properties: {
    ...baseProperties,
    cycle: () => p.manyToOne(AdmissionCycle).deleteRule("cascade").index(),
    createdBy: () => p.manyToOne(User).nullable().deleteRule("set null"),
    rowCount: p.integer(),
    /** SHA-256 of the JSONL file, as every download of it is. */
    fileHash: p.string().length(64),
    schemaVersion: p.integer(),
  },
});
export type IAdmissionBatch = InferEntity<typeof AdmissionBatch>;

/** An application in a batch, with the content hash it was exported with (results must match it). */
export const AdmissionBatchItem = defineEntity({
  name: "AdmissionBatchItem",
  tableName: "admission_batch_items",
  properties: {
    ...baseProperties,
    batch: () => p.manyToOne(AdmissionBatch).deleteRule("cascade"),
    application: () => p.manyToOne(AdmissionApplication).deleteRule("cascade").index(),
    /** Line number in the file (1-based). */
    position: p.integer(),
    contentHash: p.string().length(64),
  },
  uniques: [
    { name: "admission_batch_items_batch_application_unique", properties: ["batch", "application"] },
    /** Pages of a batch's lines read by position. */
    { name: "admission_batch_items_batch_position_unique", properties: ["batch", "position"] },
  ],
});
export type IAdmissionBatchItem = InferEntity<typeof AdmissionBatchItem>;

/**
 * One evaluator's scores of one application: an outside worker's (imported, with its batch) or a reviewer's (batch
 * null, evaluator `reviewer:<user id>`). At most one per (batch, application, evaluator).
 */
export const WorkerResult = defineEntity({
  name: "WorkerResult",
  tableName: "admission_worker_results",
  properties: {
    ...baseProperties,
    batch: () => p.manyToOne(AdmissionBatch).nullable().deleteRule("cascade"),
    application: () => p.manyToOne(AdmissionApplication).deleteRule("cascade").index(),
    evaluatorId: p.string().length(200),
    reviewer: () => p.manyToOne(User).nullable().deleteRule("set null"),
    /** Criterion key → score (SCORE_RANGE). */
    scores: p.json<Record<string, number>>(),
    rationale: p.text().default(""),
  },
  indexes: [
    {
      name: "admission_worker_results_key_unique",
      expression:
        "create unique index admission_worker_results_key_unique on admission_worker_results (batch_id, application_id, evaluator_id) nulls not distinct",
    },
  ],
});
export type IWorkerResult = InferEntity<typeof WorkerResult>;

/** A judge's validation of one worker result: accept it, adjust its scores, or reject it, with a reason. */
export const JudgeResult = defineEntity({
  name: "JudgeResult",
  tableName: "admission_judge_results",
  properties: {
    ...baseProperties,
    workerResult: () => p.manyToOne(WorkerResult).deleteRule("cascade"),
    judgeId: p.string().length(200),
    verdict: p.enum(JUDGE_VERDICTS).nativeEnumName("admission_judge_verdict"),
    /** For `adjust`: the criterion scores that replace the worker's (others keep the worker's). */
    adjustedScores: p.json<Record<string, number>>().nullable(),
    reason: p.text().default(""),
  },
  uniques: [{ name: "admission_judge_results_key_unique", properties: ["workerResult", "judgeId"] }],
});
export type IJudgeResult = InferEntity<typeof JudgeResult>;

/** The aggregated score of one application (docs/admissions.md) and how many evaluations are behind it. */
export const FinalScore = defineEntity({
  name: "FinalScore",
  tableName: "admission_final_scores",
  properties: {
    ...baseProperties,
    application: () =>
      p
        .oneToOne(AdmissionApplication)
        .owner()
        .deleteRule("cascade")
        .unique("admission_final_scores_application_unique"),
    cycle: () => p.manyToOne(AdmissionCycle).deleteRule("cascade"),
    score: p.double(),
    /** Criterion key → { mean, count }. */
    criteria: p.json<Record<string, { mean: number; count: number }>>(),
    evaluations: p.integer(),
    /** 1 = best, by the selection order (score, then the tie-breaks). */
    rank: p.integer(),
  },
  indexes: [{ name: "admission_final_scores_cycle_rank_idx", properties: ["cycle", "rank"] }],
});
export type IFinalScore = InferEntity<typeof FinalScore>;

/** A manual override of the selection rule, with its reason. One per application; the latest wins. */
export const SelectionOverride = defineEntity({
  name: "SelectionOverride",
  tableName: "admission_overrides",
  properties: {
    ...baseProperties,
    cycle: () => p.manyToOne(AdmissionCycle).deleteRule("cascade").index(),
    application: () =>
      p.oneToOne(AdmissionApplication).owner().deleteRule("cascade").unique("admission_overrides_application_unique"),
    decision: p.enum(OVERRIDE_DECISIONS).nativeEnumName("admission_override_decision"),
    reason: p.text(),
    decidedBy: () => p.manyToOne(User).nullable().deleteRule("set null"),
  },
});
export type ISelectionOverride = InferEntity<typeof SelectionOverride>;

/** One run of selection: its inputs, the rule, and who was selected. */
export const SelectionLog = defineEntity({
  name: "SelectionLog",
  tableName: "admission_selection_logs",
  properties: {
    ...baseProperties,
    cycle: () => p.manyToOne(AdmissionCycle).deleteRule("cascade").index(),
    runBy: () => p.manyToOne(User).nullable().deleteRule("set null"),
    rule: p.text(),
    /** `{ capacity, scored, overrides: [{ applicationId, decision, reason }] }`. */
    inputs: p.json<Record<string, unknown>>(),
    /** `{ selected: [anonymized numbers in order], cutoffScore }`. */
    result: p.json<Record<string, unknown>>(),
  },
});
export type ISelectionLog = InferEntity<typeof SelectionLog>;

/** Submissions per client address (keyed hash) in the window that began with its first attempt (the public form's rate limit). */
export const ApplyRateLimit = defineEntity({
  name: "ApplyRateLimit",
  tableName: "admission_rate_limits",
  properties: {
    /** keyring.blindIndex of the address (HMAC-SHA256, hex). */
    key: p.string().length(64).primary(),
    windowStart: p.datetime(3),
    count: p.integer().default(0),
  },
});

export const admissionsEntities = [
  AdmissionCycle,
  AdmissionApplication,
  AnonymizedApplication,
  AdmissionBatch,
  AdmissionBatchItem,
  WorkerResult,
  JudgeResult,
  FinalScore,
  SelectionOverride,
  SelectionLog,
  ApplyRateLimit,
];
