import type { BenchmarkSnapshot, Recommendation, StandoutMetric } from "@shortlist/db/constants";
import type { AssessmentMetrics } from "../scoring/types";

/** What the report rules read: plain data, no database. */
export interface ReportInput {
  candidate: { name: string; role: string; company: string };
  assessment: AssessmentMetrics;
  /** Per domain, the text of its least sophisticated question (the earliest among equals). */
  weakestQuestion: Record<string, string>;
  /** The benchmark chosen for the role (docs/scoring.md §10), or none. */
  benchmark: BenchmarkSnapshot | null;
  /** percent_rank (0–100) among the role's completed assessments now, and how many there are. */
  percentile: { value: number; sampleSize: number } | null;
}

export interface ReportContent {
  recommendation: Recommendation;
  confidence: number;
  summary: string;
  strengths: string[];
  concerns: string[];
  followUpQuestions: string[];
  standoutMetrics: StandoutMetric[];
  learningTrajectory: string;
  vsBenchmark: string;
  /** Quoted only when the sample holds at least MIN_BENCHMARK_SAMPLE assessments. */
  percentile: number | null;
  percentileSampleSize: number | null;
}
