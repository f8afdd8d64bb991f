/** The rule-based judgement of a report (docs/scoring.md §11): recommendation, confidence, strengths, concerns, standouts. */
import {
  MIN_BENCHMARK_SAMPLE,
  type Band,
  type BenchmarkMetric,
  type Recommendation,
  type StandoutMetric,
} from "@shortlist/db/constants";
import { fixed, percent, signed } from "../../shared/format";
import type { ReportInput } from "./types";

/** Tao index cut-offs when no usable benchmark exists. */
export const ABSOLUTE_TAO = { strongHire: 65, hire: 50, leanNoHire: 35 } as const;
/** With bands: lean_no_hire down to this share of the median. */
export const LEAN_SHARE_OF_MEDIAN = 0.75;
/** Fewer questions than this caps the recommendation at lean_no_hire. */
export const MIN_QUESTIONS_FOR_HIRE = 10;

export const THRESHOLDS = {
  sophistication: { high: 4.5, low: 3 },
  velocity: { high: 0.25, low: -0.25 },
  chainDepth: { high: 2, low: 1.3 },
  retention: { high: 0.4, low: 0.15 },
  interest: { from: 0.05, to: 0.35, tooHigh: 0.5 },
  domain: { strong: 60, weak: 30 },
} as const;

export const usableBands = (input: ReportInput) => (input.benchmark && !input.benchmark.thin ? input.benchmark : null);

export const sessionsWithQuestions = (input: ReportInput) =>
  input.assessment.sessionTrend.filter((p) => p.meanSophistication !== null).length;

export function recommend(input: ReportInput): Recommendation {
  const tao = input.assessment.taoIndex;
  const bands = usableBands(input)?.bands.taoIndex;
  const base: Recommendation = bands
    ? tao >= bands.p90
      ? "strong_hire"
      : tao >= bands.p50
        ? "hire"
        : tao >= LEAN_SHARE_OF_MEDIAN * bands.p50
          ? "lean_no_hire"
          : "no_hire"
    : tao >= ABSOLUTE_TAO.strongHire
      ? "strong_hire"
      : tao >= ABSOLUTE_TAO.hire
        ? "hire"
        : tao >= ABSOLUTE_TAO.leanNoHire
          ? "lean_no_hire"
          : "no_hire";
  const capped = input.assessment.totalQueries < MIN_QUESTIONS_FOR_HIRE && (base === "strong_hire" || base === "hire");
  return capped ? "lean_no_hire" : base;
}

/** 0.35 + 0.25·min(1, questions/40) + 0.15·min(1, sessions with questions/4) + 0.25·B, two decimals. */
export function confidence(input: ReportInput): number {
  const b = input.benchmark;
  const weight = !b ? 0 : b.source === "entered" ? 0.5 : b.thin ? 0.2 : Math.min(1, b.sampleSize / 30);
  const value =
    0.35 +
    0.25 * Math.min(1, input.assessment.totalQueries / 40) +
    0.15 * Math.min(1, sessionsWithQuestions(input) / 4) +
    0.25 * weight;
  return Math.round(value * 100) / 100;
}

const assignedDomains = (input: ReportInput) => input.assessment.domainScores.filter((d) => d.assigned);

export function strengths(input: ReportInput): string[] {
  const a = input.assessment;
  const t = THRESHOLDS;
  const out: string[] = [];
  if (a.avgSophistication >= t.sophistication.high)
    out.push(`Asks deep questions: mean sophistication ${fixed(a.avgSophistication, 2)} of 7.`);
  if (a.learningVelocity >= t.velocity.high)
    out.push(`Questions grew more sophisticated from session to session (${signed(a.learningVelocity)} per session).`);
  if (a.chainDepth >= t.chainDepth.high)
    out.push(
      `Follows a thread: follow-up chains average ${fixed(a.chainDepth, 2)} questions (longest ${a.longestChain}).`,
    );
  if (sessionsWithQuestions(input) >= 2 && a.conceptRetention >= t.retention.high)
    out.push(`Builds on earlier sessions: ${percent(a.conceptRetention)} of earlier concepts came back later.`);
  if (a.interestRatio >= t.interest.from && a.interestRatio <= t.interest.to)
    out.push(`Curious beyond the brief: ${percent(a.interestRatio)} of questions went outside the assigned domains.`);
  for (const d of assignedDomains(input))
    if (d.questions > 0 && d.score >= t.domain.strong)
      out.push(`Strong in ${d.domain} (domain score ${fixed(d.score, 0)} of 100).`);
  return out;
}

export function concerns(input: ReportInput): string[] {
  const a = input.assessment;
  const t = THRESHOLDS;
  const out: string[] = [];
  if (a.totalQueries < MIN_QUESTIONS_FOR_HIRE)
    out.push(`Little activity to judge: only ${a.totalQueries} questions (fewer than ${MIN_QUESTIONS_FOR_HIRE}).`);
  if (a.avgSophistication < t.sophistication.low)
    out.push(`Mostly surface-level questions: mean sophistication ${fixed(a.avgSophistication, 2)} of 7.`);
  if (a.learningVelocity <= t.velocity.low)
    out.push(`Question depth declined across sessions (${signed(a.learningVelocity)} per session).`);
  if (sessionsWithQuestions(input) < 2)
    out.push("Only one session with questions: no trend or retention can be shown.");
  else if (a.conceptRetention < t.retention.low)
    out.push(`Rarely returned to earlier concepts (${percent(a.conceptRetention)} came back in a later session).`);
  if (a.chainDepth < t.chainDepth.low)
    out.push(`Seldom follows up: follow-up chains average ${fixed(a.chainDepth, 2)} questions.`);
  if (a.interestRatio > t.interest.tooHigh)
    out.push(`More than half the questions (${percent(a.interestRatio)}) left the assigned domains.`);
  for (const d of assignedDomains(input)) {
    if (d.questions === 0) out.push(`No questions in ${d.domain}.`);
    else if (d.score < t.domain.weak) out.push(`Weak in ${d.domain} (domain score ${fixed(d.score, 0)} of 100).`);
  }
  return out;
}

const METRICS: readonly {
  metric: BenchmarkMetric;
  label: string;
  value: (a: ReportInput["assessment"]) => number;
  digits: number;
}[] = [
  { metric: "taoIndex", label: "Tao index", value: (a) => a.taoIndex, digits: 1 },
  { metric: "sophistication", label: "Sophistication", value: (a) => a.avgSophistication, digits: 2 },
  { metric: "learningVelocity", label: "Learning velocity", value: (a) => a.learningVelocity, digits: 2 },
  { metric: "chainDepth", label: "Chain depth", value: (a) => a.chainDepth, digits: 2 },
];

const ABSOLUTE_STANDOUT: Record<BenchmarkMetric, { high: number; low: number }> = {
  taoIndex: { high: ABSOLUTE_TAO.strongHire, low: ABSOLUTE_TAO.leanNoHire },
  sophistication: THRESHOLDS.sophistication,
  learningVelocity: THRESHOLDS.velocity,
  chainDepth: THRESHOLDS.chainDepth,
};

function againstBand(value: number, band: Band, digits: number): Pick<StandoutMetric, "direction" | "note"> | null {
  if (value >= band.p90)
    return { direction: "high", note: `at or above the benchmark's p90 (${fixed(band.p90, digits)})` };
  if (value >= band.p75) return { direction: "high", note: `above the benchmark's p75 (${fixed(band.p75, digits)})` };
  if (value < band.p50) return { direction: "low", note: `below the benchmark's median (${fixed(band.p50, digits)})` };
  return null;
}

/** Metrics at or above p75 or below p50 of usable bands; without bands, past the absolute thresholds. */
export function standoutMetrics(input: ReportInput): StandoutMetric[] {
  const bands = usableBands(input)?.bands;
  const out: StandoutMetric[] = [];
  for (const { metric, label, value, digits } of METRICS) {
    const v = value(input.assessment);
    const abs = ABSOLUTE_STANDOUT[metric];
    const lowAbs = metric === "learningVelocity" ? v <= abs.low : v < abs.low;
    const verdict = bands
      ? againstBand(v, bands[metric], digits)
      : v >= abs.high
        ? { direction: "high" as const, note: `at or above ${fixed(abs.high, digits)} (no usable benchmark)` }
        : lowAbs
          ? { direction: "low" as const, note: `below ${fixed(abs.low, digits)} (no usable benchmark)` }
          : null;
    if (verdict) out.push({ metric, label, value: v, ...verdict });
  }
  const r = input.assessment.conceptRetention;
  if (sessionsWithQuestions(input) >= 2 && (r >= THRESHOLDS.retention.high || r < THRESHOLDS.retention.low)) {
    const high = r >= THRESHOLDS.retention.high;
    out.push({
      metric: "conceptRetention",
      label: "Concept retention",
      value: r,
      direction: high ? "high" : "low",
      note: high ? `at or above ${percent(THRESHOLDS.retention.high)}` : `below ${percent(THRESHOLDS.retention.low)}`,
    });
  }
  return out;
}

/** The percentile is quoted only over at least MIN_BENCHMARK_SAMPLE completed assessments. */
export const quotedPercentile = (input: ReportInput) =>
  input.percentile && input.percentile.sampleSize >= MIN_BENCHMARK_SAMPLE ? input.percentile : null;
