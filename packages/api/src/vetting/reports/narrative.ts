/** The report's texts (docs/scoring.md §11): trajectory, comparison with the benchmark, follow-up questions, summary. */
import { MIN_BENCHMARK_SAMPLE, type Recommendation } from "@shortlist/db/constants";
import {
  createFormat,
  fixed,
  ordinal,
  percent,
  RECOMMENDATION_LABEL,
  REPORT_LOCALE,
  signed,
  truncate,
} from "../../shared/format";
import { quotedPercentile, THRESHOLDS, usableBands } from "./rules";
import type { ReportInput } from "./types";

const { plural } = createFormat(REPORT_LOCALE);

/** How many of the weakest assigned domains the follow-up questions aim at. */
export const FOLLOW_UP_DOMAINS = 2;

export function learningTrajectory(input: ReportInput): string {
  const means = input.assessment.sessionTrend.flatMap((p) =>
    p.meanSophistication === null ? [] : [p.meanSophistication],
  );
  if (means.length === 0) return "No session with questions: no trajectory.";
  if (means.length === 1) {
    return `One session with questions (mean sophistication ${fixed(means[0]!, 2)} of 7): no trajectory can be drawn from a single session.`;
  }
  const v = input.assessment.learningVelocity;
  const trend = v >= THRESHOLDS.velocity.high ? "accelerating" : v <= THRESHOLDS.velocity.low ? "declining" : "steady";
  const peak = means.reduce((best, m, i) => (m > means[best]! ? i : best), 0);
  return (
    `Mean sophistication went from ${fixed(means[0]!, 2)} in session 1 to ${fixed(means.at(-1)!, 2)} in session ${means.length} ` +
    `(least-squares slope ${signed(v)} per session): ${trend}. Highest ${fixed(means[peak]!, 2)} in session ${peak + 1}.`
  );
}

function bandPosition(value: number, band: { p50: number; p75: number; p90: number }) {
  if (value >= band.p90) return "at or above p90";
  if (value >= band.p75) return "between p75 and p90";
  if (value >= band.p50) return "between p50 and p75";
  return "below p50";
}

export function vsBenchmark(input: ReportInput): string {
  const { role } = input.candidate;
  const tao = input.assessment.taoIndex;
  const b = input.benchmark;
  if (!b) {
    return `No benchmark for ${role} yet: no completed assessments and no entered bands. The recommendation uses the absolute tao index thresholds.`;
  }
  const scope = b.company ? `${b.role} at ${b.company}` : b.role;
  if (b.thin) {
    return (
      `The benchmark for ${scope} is thin: ${plural(b.sampleSize, "completed assessment")}, fewer than the ${MIN_BENCHMARK_SAMPLE} needed. ` +
      "No percentile or bands are quoted; the recommendation uses the absolute tao index thresholds."
    );
  }
  const band = b.bands.taoIndex;
  const bands = `p50 ${fixed(band.p50)}, p75 ${fixed(band.p75)}, p90 ${fixed(band.p90)}`;
  const position = bandPosition(tao, band);
  if (b.source === "entered") {
    const pct = quotedPercentile(input);
    const also = pct
      ? ` Among ${pct.sampleSize} completed ${role} assessments it ranks at the ${ordinal(pct.value)} percentile.`
      : "";
    return `Against the bands entered for ${scope} (${bands}), the tao index ${fixed(tao)} is ${position}.${also}`;
  }
  const pct = quotedPercentile(input);
  const rank = pct
    ? ` is at the ${ordinal(pct.value)} percentile of ${pct.sampleSize} completed ${role} assessments and`
    : "";
  return `Tao index ${fixed(tao)}${rank} is ${position} of the ${scope} benchmark (${bands}; ${b.sampleSize} assessments).`;
}

/** The weakest assigned domains: lowest score, then fewest questions, then name. */
export function weakestDomains(input: ReportInput, count = FOLLOW_UP_DOMAINS): string[] {
  return input.assessment.domainScores
    .filter((d) => d.assigned)
    .sort(
      (a, b) =>
        a.score - b.score || a.questions - b.questions || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0),
    )
    .slice(0, count)
    .map((d) => d.domain);
}

export function followUpQuestions(input: ReportInput): string[] {
  return weakestDomains(input).flatMap((domain) => {
    const asked = input.weakestQuestion[domain];
    if (!asked) {
      return [
        `We saw no questions about ${domain}. What would you want to understand first about ${domain}, and why that?`,
        `Describe a problem in ${domain} you have solved or expect to meet: which options did you weigh, and what did each cost?`,
      ];
    }
    return [
      `You asked "${truncate(asked, 140)}". Take it further: why does it work that way, and what would change if the load grew tenfold?`,
      `Compare two approaches you know in ${domain}: when would you choose each, and what would make you switch?`,
    ];
  });
}

export function summary(input: ReportInput, recommendation: Recommendation, confidence: number): string {
  const { name, role, company } = input.candidate;
  const a = input.assessment;
  const pct = quotedPercentile(input);
  const b = input.benchmark;
  const standing =
    pct && usableBands(input)
      ? `, the ${ordinal(pct.value)} percentile of ${pct.sampleSize} completed ${role} assessments`
      : !b
        ? "; no benchmark for the role yet"
        : b.thin
          ? `; the ${role} benchmark is thin (${b.sampleSize} of ${MIN_BENCHMARK_SAMPLE} assessments needed)`
          : "; compared with entered bands";
  return (
    `${name} (${role}, ${company}): ${RECOMMENDATION_LABEL[recommendation]} with ${percent(confidence)} confidence. ` +
    `Tao index ${fixed(a.taoIndex)} of 100${standing}. ` +
    `${plural(a.totalQueries, "question")} in ${plural(a.totalSessions, "session")} over ${fixed(a.totalTimeMinutes, 0)} minutes.`
  );
}
