import {
  MIN_BENCHMARK_SAMPLE,
  type Band,
  type BenchmarkMetric,
  type BenchmarkSnapshot,
  type IAssessment,
  type IBenchmark,
  type IReport,
  type ReportSection,
} from "@shortlist/db";
import type { ReportContent } from "./reports/types";
import { reportPdfPath } from "./schemas";
import type { AssessmentMetrics } from "./scoring/types";

export interface AssessmentMetricsDTO extends AssessmentMetrics {
  /** 0–100, against the role's completed assessments at completion time. */
  percentile: number;
  percentileSampleSize: number;
  /** Fewer than MIN_BENCHMARK_SAMPLE assessments behind the percentile: do not read much into it. */
  percentileThin: boolean;
}

export interface AssessmentDTO {
  id: string;
  candidateId: string;
  status: IAssessment["status"];
  role: string;
  company: string;
  domains: string[];
  startedAt: Date;
  completedAt: Date | null;
  /** What has been recorded so far. */
  recorded: { sessions: number; questions: number };
  /** Null until the assessment completes. */
  metrics: AssessmentMetricsDTO | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The assessment's stored metrics, 0 (or empty) where not yet scored. */
export const assessmentMetrics = (a: IAssessment): AssessmentMetrics => ({
  learningVelocity: a.learningVelocity ?? 0,
  avgSophistication: a.avgSophistication ?? 0,
  chainDepth: a.chainDepth ?? 0,
  longestChain: a.longestChain ?? 0,
  conceptRetention: a.conceptRetention ?? 0,
  interestRatio: a.interestRatio ?? 0,
  taoIndex: a.taoIndex ?? 0,
  domainScores: a.domainScores ?? [],
  sessionTrend: a.sessionTrend ?? [],
  totalQueries: a.totalQueries ?? 0,
  totalSessions: a.totalSessions ?? 0,
  totalTimeMinutes: a.totalTimeMinutes ?? 0,
});

export function toAssessmentDTO(a: IAssessment, recorded: { sessions: number; questions: number }): AssessmentDTO {
  const metrics: AssessmentMetricsDTO | null =
    a.status === "completed"
      ? {
          ...assessmentMetrics(a),
          percentile: a.percentile ?? 0,
          percentileSampleSize: a.percentileSampleSize ?? 0,
          percentileThin: (a.percentileSampleSize ?? 0) < MIN_BENCHMARK_SAMPLE,
        }
      : null;
  return {
    id: a.id,
    candidateId: a.candidate.id,
    status: a.status,
    role: a.role,
    company: a.company,
    domains: a.domains,
    startedAt: a.startedAt,
    completedAt: a.completedAt ?? null,
    recorded,
    metrics,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    version: a.version,
  };
}

/** An assessment in a list across candidates: the DTO and who it assesses. */
export interface AssessmentListItemDTO extends AssessmentDTO {
  candidateName: string;
}

export interface BenchmarkDTO {
  id: string;
  role: string;
  /** Null: all companies hiring for the role. */
  company: string | null;
  source: IBenchmark["source"];
  sampleSize: number;
  /** Computed from fewer than MIN_BENCHMARK_SAMPLE completed assessments. */
  thin: boolean;
  bands: Record<BenchmarkMetric, Band>;
  createdAt: Date;
  updatedAt: Date;
}

export const benchmarkBands = (b: IBenchmark): Record<BenchmarkMetric, Band> => ({
  learningVelocity: { p50: b.learningVelocityP50, p75: b.learningVelocityP75, p90: b.learningVelocityP90 },
  sophistication: { p50: b.sophisticationP50, p75: b.sophisticationP75, p90: b.sophisticationP90 },
  chainDepth: { p50: b.chainDepthP50, p75: b.chainDepthP75, p90: b.chainDepthP90 },
  taoIndex: { p50: b.taoIndexP50, p75: b.taoIndexP75, p90: b.taoIndexP90 },
});

export const isThin = (b: Pick<IBenchmark, "source" | "sampleSize">) =>
  b.source === "computed" && b.sampleSize < MIN_BENCHMARK_SAMPLE;

export const toBenchmarkDTO = (b: IBenchmark): BenchmarkDTO => ({
  id: b.id,
  role: b.role,
  company: b.company ?? null,
  source: b.source,
  sampleSize: b.sampleSize,
  thin: isThin(b),
  bands: benchmarkBands(b),
  createdAt: b.createdAt,
  updatedAt: b.updatedAt,
});

export const toBenchmarkSnapshot = (b: IBenchmark): BenchmarkSnapshot => ({
  id: b.id,
  source: b.source,
  role: b.role,
  company: b.company ?? null,
  sampleSize: b.sampleSize,
  thin: isThin(b),
  bands: benchmarkBands(b),
});

/** What a stored report says: its rules' output (ReportContent). */
export const reportContent = (r: IReport): ReportContent => ({
  recommendation: r.recommendation,
  confidence: r.confidence,
  summary: r.summary,
  strengths: r.strengths,
  concerns: r.concerns,
  followUpQuestions: r.followUpQuestions,
  standoutMetrics: r.standoutMetrics,
  learningTrajectory: r.learningTrajectory,
  vsBenchmark: r.vsBenchmark,
  percentile: r.percentile ?? null,
  percentileSampleSize: r.percentileSampleSize ?? null,
});

/**
 * `confidence` is 0–1; `percentile` is 0–100 against the role's completed assessments when
 * generated, null when the benchmark was thin or missing.
 */
export interface ReportDTO extends ReportContent {
  id: string;
  candidateId: string;
  assessmentId: string;
  /** The bands the report compared against (a copy: later recomputes do not change an old report). */
  benchmark: BenchmarkSnapshot | null;
  /** Other modules' sections (interviews' "Interview"), as they were when the report was generated. */
  sections: ReportSection[];
  generatedAt: Date;
  pdf: { available: boolean; downloadPath: string };
}

export const reportPdfDownloadPath = (id: string) => reportPdfPath.build({ id });

export const toReportDTO = (r: IReport): ReportDTO => ({
  id: r.id,
  candidateId: r.candidate.id,
  assessmentId: r.assessment.id,
  ...reportContent(r),
  benchmark: r.benchmark ?? null,
  sections: r.sections ?? [],
  generatedAt: r.generatedAt,
  pdf: { available: Boolean(r.pdfPath), downloadPath: reportPdfDownloadPath(r.id) },
});

/** A report in a list across candidates: the DTO, who it is about, and the role and company assessed. */
export interface ReportListItemDTO extends ReportDTO {
  candidateName: string;
  role: string;
  company: string;
}

/** Needs the report's candidate and assessment loaded. */
export const toReportListItemDTO = (r: IReport): ReportListItemDTO => ({
  ...toReportDTO(r),
  candidateName: r.candidate.name,
  role: r.assessment.role,
  company: r.assessment.company,
});
