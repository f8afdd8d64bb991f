/** Shapes of the vetting JSON columns (type-only; safe for the SPA bundle). */
import type { BenchmarkMetric, BenchmarkSource } from "./constants";

export interface DomainScore {
  domain: string;
  /** One of the assessment's domains (false: a domain the candidate explored on their own). */
  assigned: boolean;
  questions: number;
  /** Mean sophistication (1–7) of the domain's questions; null when none was asked. */
  avgSophistication: number | null;
  /** 0–100: 100 × (avgSophistication − 1) / 6, and 0 when no question was asked. */
  score: number;
}
/** Assigned domains first (in their order), then the others in order of first question. A list, since jsonb does not keep key order. */
export type DomainScores = DomainScore[];

export interface SessionTrendPoint {
  ref: string;
  startedAt: string;
  questions: number;
  /** Null for a session with no questions (it does not enter the velocity fit). */
  meanSophistication: number | null;
}

export interface StandoutMetric {
  metric: string;
  label: string;
  value: number;
  direction: "high" | "low";
  note: string;
}

export interface Band {
  p50: number;
  p75: number;
  p90: number;
}

export interface BenchmarkSnapshot {
  id: string;
  source: BenchmarkSource;
  role: string;
  company: string | null;
  sampleSize: number;
  /** A computed benchmark with fewer than MIN_BENCHMARK_SAMPLE assessments. */
  thin: boolean;
  bands: Record<BenchmarkMetric, Band>;
}

/**
 * A section another module adds to a hiring report (interviews: "Interview"), kept with the report when it is
 * generated, so the report and its PDF read the same later. Plain text only: vetting draws it without knowing it.
 */
export interface ReportSection {
  /** Who added it, e.g. "interview". */
  key: string;
  title: string;
  /** Label and value pairs, e.g. ["Overall", "72 of 100"]. */
  facts: [label: string, value: string][];
  /** A titled list (e.g. per-skill scores); empty items: none drawn. */
  list: { title: string; items: string[] };
  /** A paragraph after the facts. */
  text: string;
  /** The numbers behind the facts, for screens that draw their own (e.g. `{ overall: 72 }`). */
  data: Record<string, unknown>;
}
