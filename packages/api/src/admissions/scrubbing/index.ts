/**
 * Scrubbing: free-text answers with personal data replaced by typed placeholders (`[NAME]`, `[EMAIL]`, …).
 * Deterministic and idempotent (scrubbing scrubbed text changes nothing). Measured in docs/scrubbing.md.
 * (Placeholder implementation: the scrubbing brief replaces it.)
 */
import type { PiiKind } from "@shortlist/db/constants";

export interface ScrubIdentity {
  name: string;
  email: string;
  phone: string;
  /** Answers the form marks as identifying (their values are replaced wherever they appear). */
  identifyingAnswers: string[];
}

export interface ScrubResult {
  /** The same keys, each answer scrubbed. */
  answers: Record<string, string>;
  /** What was replaced: kinds and counts, never the values. */
  replacements: Partial<Record<PiiKind, number>>;
}

export const SCRUBBER_VERSION = "scrubber@0";

export function scrubAnswers(_identity: ScrubIdentity, answers: Record<string, string>): ScrubResult {
  return { answers: { ...answers }, replacements: {} };
}
