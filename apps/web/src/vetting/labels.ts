import type { BenchmarkMetric, Recommendation } from "@shortlist/api/schemas";
import { fixed } from "../lib/format";

export const RECOMMENDATION_COLOR: Record<Recommendation, string> = {
  strong_hire: "green",
  hire: "teal",
  lean_no_hire: "orange",
  no_hire: "red",
};

export const METRIC_LABEL: Record<BenchmarkMetric, string> = {
  learningVelocity: "Learning velocity",
  sophistication: "Sophistication",
  chainDepth: "Chain depth",
  taoIndex: "Tao index",
};

/** What each metric is measured in, for the charts' descriptions. */
export const METRIC_UNIT: Record<BenchmarkMetric, string> = {
  learningVelocity: "points per session",
  sophistication: "of 7",
  chainDepth: "questions per chain",
  taoIndex: "of 100",
};

export const METRIC_DIGITS: Record<BenchmarkMetric, number> = {
  learningVelocity: 2,
  sophistication: 2,
  chainDepth: 2,
  taoIndex: 1,
};

export const formatMetric = (metric: BenchmarkMetric, value: number) => fixed(value, METRIC_DIGITS[metric]);

/** Where a value sits against its bands, in words. */
export function bandPosition(value: number, band: { p50: number; p75: number; p90: number }): string {
  if (value >= band.p90) return "at or above p90";
  if (value >= band.p75) return "between p75 and p90";
  if (value >= band.p50) return "between p50 and p75";
  return "below p50";
}
