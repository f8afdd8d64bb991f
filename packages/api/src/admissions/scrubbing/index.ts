/**
 * Scrubbing: free-text answers with personal data replaced by typed placeholders (`[NAME]`, `[EMAIL]`, …).
 * Deterministic and idempotent (scrubbing scrubbed text changes nothing). Method, limits and measured precision and
 * recall: docs/scrubbing.md.
 */
import type { PiiKind } from "@shortlist/db/constants";
import { createScrubber, type ScrubIdentity } from "./scrubber";

export type { ScrubIdentity } from "./scrubber";

export interface ScrubResult {
  /** The same keys, each answer scrubbed. */
  answers: Record<string, string>;
  /** What was replaced: kinds and counts, never the values. */
  replacements: Partial<Record<PiiKind, number>>;
}

/** Changes whenever the scrubber's output may change; stored on each anonymized application. */
export const SCRUBBER_VERSION = "scrubber@1";

export function scrubAnswers(identity: ScrubIdentity, answers: Record<string, string>): ScrubResult {
  const keys = Object.keys(answers);
  const results = createScrubber(identity)(keys.map((key) => answers[key]!));
  const scrubbed: Record<string, string> = {};
  const replacements: Partial<Record<PiiKind, number>> = {};
  keys.forEach((key, i) => {
    const result = results[i]!;
    scrubbed[key] = result.text;
    for (const [kind, count] of Object.entries(result.counts) as [PiiKind, number][]) {
      replacements[kind] = (replacements[kind] ?? 0) + count;
    }
  });
  return { answers: scrubbed, replacements };
}
