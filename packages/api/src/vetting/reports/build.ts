/** Builds a report's content from an assessment and its benchmark. Pure and deterministic. */
import { followUpQuestions, learningTrajectory, summary, vsBenchmark } from "./narrative";
import { concerns, confidence, quotedPercentile, recommend, standoutMetrics, strengths } from "./rules";
import type { ReportContent, ReportInput } from "./types";

export function buildReport(input: ReportInput): ReportContent {
  const recommendation = recommend(input);
  const conf = confidence(input);
  const pct = quotedPercentile(input);
  return {
    recommendation,
    confidence: conf,
    summary: summary(input, recommendation, conf),
    strengths: strengths(input),
    concerns: concerns(input),
    followUpQuestions: followUpQuestions(input),
    standoutMetrics: standoutMetrics(input),
    learningTrajectory: learningTrajectory(input),
    vsBenchmark: vsBenchmark(input),
    percentile: pct ? pct.value : null,
    percentileSampleSize: input.percentile?.sampleSize ?? null,
  };
}

export type { ReportContent, ReportInput } from "./types";
