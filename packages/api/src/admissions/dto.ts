/** What admissions procedures answer (DTOs; never entities). */
import type {
  AdmissionMetrics,
  AdmissionStatus,
  CyclePhase,
  FormQuestion,
  JudgeVerdict,
  OverrideDecision,
  PiiKind,
  ScoringCriterion,
} from "@shortlist/db";

export type { AdmissionMetrics, FormQuestion, ScoringCriterion };

export interface CycleListItemDto {
  id: string;
  slug: string;
  name: string;
  phase: CyclePhase;
  capacity: number;
  applications: number;
  opensAt: Date | null;
  closesAt: Date | null;
  createdAt: Date;
}

/** Long work of a cycle (preprocessing) and how far it got. */
export interface CycleWorkDto {
  kind: "preprocessing";
  done: number;
  total: number;
  /** True while a worker is on it in this server; false when stopped (a restart): `preprocess` resumes it. */
  running: boolean;
}

export interface CycleDto extends CycleListItemDto {
  version: number;
  description: string;
  questions: FormQuestion[];
  criteria: ScoringCriterion[];
  /** Applications by status. */
  counts: Record<AdmissionStatus, number>;
  batches: number;
  selectionRuns: number;
  work: CycleWorkDto | null;
  updatedAt: Date;
}

/** The public form: what an applicant sees at /apply/<slug>. */
export interface ApplyFormDto {
  slug: string;
  name: string;
  description: string;
  questions: FormQuestion[];
  /** Taking applications now (phase SUBMISSION and within the dates). */
  open: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
}

export interface ReceiptDto {
  applicationId: string;
  /** SHA-256 (hex) of the application id and what was submitted. */
  receipt: string;
  cycleName: string;
  submittedAt: Date;
}

/** What an applicant sees with their receipt; the outcome only once the cycle is PUBLISHED. */
export interface ApplicationStatusDto {
  cycleName: string;
  submittedAt: Date;
  stage: "received" | "in_review" | "decided";
  outcome: "selected" | "not_selected" | null;
}

export interface ReviewQueueItemDto {
  applicationId: string;
  number: number;
  status: AdmissionStatus;
  totalWords: number;
  answeredRatio: number;
  evaluations: number;
  finalScore: number | null;
  /** Whether the calling user has saved scores for it. */
  scoredByMe: boolean;
}

export interface JudgeDto {
  judgeId: string;
  verdict: JudgeVerdict;
  adjustedScores: Record<string, number> | null;
  reason: string;
}

export interface EvaluationDto {
  id: string;
  evaluatorId: string;
  kind: "worker" | "reviewer";
  batchId: string | null;
  scores: Record<string, number>;
  rationale: string;
  judges: JudgeDto[];
  createdAt: Date;
}

export interface FinalScoreDto {
  score: number;
  rank: number;
  evaluations: number;
  criteria: Record<string, { mean: number; count: number }>;
}

/** One anonymized application as reviewers see it: never the applicant's identity. */
export interface AnonymizedApplicationDto {
  applicationId: string;
  cycleId: string;
  number: number;
  status: AdmissionStatus;
  answers: { key: string; label: string; text: string }[];
  replacements: Partial<Record<PiiKind, number>>;
  metrics: AdmissionMetrics;
  contentHash: string;
  evaluations: EvaluationDto[];
  finalScore: FinalScoreDto | null;
  override: { decision: OverrideDecision; reason: string } | null;
  /** The neighbours in the queue's order (number), for keyboard navigation. */
  previousId: string | null;
  nextId: string | null;
}

export interface BatchDto {
  id: string;
  cycleId: string;
  rowCount: number;
  fileHash: string;
  schemaVersion: number;
  createdAt: Date;
  createdByName: string | null;
}

/** One line of a batch file (JSON of this object, one per line, in `position` order). */
export interface BatchLineDto {
  schemaVersion: number;
  batchId: string;
  applicationId: string;
  number: number;
  contentHash: string;
  answers: { key: string; label: string; text: string }[];
  metrics: AdmissionMetrics;
  criteria: { key: string; label: string; description: string }[];
}

export interface BatchRowsDto {
  lines: BatchLineDto[];
  /** Pass as `after` for the next page; null at the end. */
  nextAfter: number | null;
}

export interface ScoreRowDto {
  applicationId: string;
  number: number;
  rank: number;
  score: number;
  evaluations: number;
  criteria: Record<string, { mean: number; count: number }>;
  status: AdmissionStatus;
  override: { decision: OverrideDecision; reason: string } | null;
}

export interface DistributionDto {
  count: number;
  mean: number | null;
  median: number | null;
  buckets: { from: number; to: number; count: number }[];
  /** The score of the last selected applicant, once selection ran. */
  cutoff: number | null;
}

export interface SelectionLogDto {
  id: string;
  createdAt: Date;
  runByName: string | null;
  rule: string;
  inputs: Record<string, unknown>;
  result: Record<string, unknown>;
}

export interface SelectedApplicantDto {
  applicationId: string;
  number: number;
  rank: number;
  score: number;
  override: { decision: OverrideDecision; reason: string } | null;
  /** Set once promoted into a job's pipeline. */
  candidateId: string | null;
}

/** An applicant's identity, answered only to an admin, only after selection, and audited. */
export interface RevealedIdentityDto {
  applicationId: string;
  number: number;
  name: string;
  email: string;
  phone: string;
  identifyingAnswers: { key: string; label: string; text: string }[];
}

export interface PromoteResultDto {
  promoted: { applicationId: string; candidateId: string; jobApplicationId: string }[];
  /** Selected applicants promoted before (left as they are). */
  alreadyPromoted: number;
}
