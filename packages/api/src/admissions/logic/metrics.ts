/** Deterministic metrics of an anonymized application (no model): docs/admissions.md. Browser-safe. */
import type { AdmissionMetrics } from "@shortlist/db";

/** (Placeholder implementation: the scrubbing brief replaces it.) `questionKeys`: the reviewed questions. */
export function computeMetrics(answers: Record<string, string>, questionKeys: readonly string[]): AdmissionMetrics {
  const wordCounts = Object.fromEntries(
    questionKeys.map((key) => [key, (answers[key] ?? "").split(/\s+/).filter(Boolean).length]),
  );
  const totalWords = Object.values(wordCounts).reduce((a, b) => a + b, 0);
  const answered = questionKeys.filter((key) => (answers[key] ?? "").trim() !== "").length;
  return {
    wordCounts,
    totalWords,
    readability: 0,
    lexicalDiversity: 0,
    answeredRatio: questionKeys.length ? answered / questionKeys.length : 0,
  };
}
