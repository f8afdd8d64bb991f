import type { BenchmarkMetric, Recommendation } from "@shortlist/api/schemas";

export const RECOMMENDATION_LABEL: Record<Recommendation, string> = {
  strong_hire: "Strong hire",
  hire: "Hire",
  lean_no_hire: "Lean no hire",
  no_hire: "No hire",
};

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

/** Fixed digits without a "-0.00". */
export function fixed(n: number, digits = 1): string {
  const s = n.toFixed(digits);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

export const formatMetric = (metric: BenchmarkMetric, value: number) => fixed(value, METRIC_DIGITS[metric]);

export const formatConfidence = (confidence: number) => `${Math.round(confidence * 100)}%`;

export function ordinal(n: number): string {
  const r = Math.round(n);
  const tens = r % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[r % 10] ?? "th");
  return `${r}${suffix}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** Where a value sits against its bands, in words. */
export function bandPosition(value: number, band: { p50: number; p75: number; p90: number }): string {
  if (value >= band.p90) return "at or above p90";
  if (value >= band.p75) return "between p75 and p90";
  if (value >= band.p50) return "between p50 and p75";
  return "below p50";
}
