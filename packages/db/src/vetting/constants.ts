/**
 * Vetting constants with no runtime dependencies (safe for the SPA bundle,
 * re-exported by `@shortlist/db/constants`).
 */
export const ASSESSMENT_STATUSES = ["in_progress", "completed"] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const RECOMMENDATIONS = ["strong_hire", "hire", "lean_no_hire", "no_hire"] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** `computed`: percentiles of completed assessments; `entered`: bands an admin typed in for a role with no history. */
export const BENCHMARK_SOURCES = ["computed", "entered"] as const;
export type BenchmarkSource = (typeof BENCHMARK_SOURCES)[number];

/** Below this many completed assessments a computed benchmark is "thin": reports say so instead of quoting percentiles. */
export const MIN_BENCHMARK_SAMPLE = 5;

/** The four metrics a benchmark holds bands (p50 / p75 / p90) for. */
export const BENCHMARK_METRICS = ["learningVelocity", "sophistication", "chainDepth", "taoIndex"] as const;
export type BenchmarkMetric = (typeof BENCHMARK_METRICS)[number];
