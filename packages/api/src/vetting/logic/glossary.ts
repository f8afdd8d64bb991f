/**
 * What the assessment's numbers mean, in one place: the SPA's glossary and percentile labels and the PDF report's
 * read these same words (definitions follow docs/scoring.md).
 */
import { ordinal } from "../../shared/format";

/**
 * When a percentile was taken: an assessment's at its completion, a report's when the report was generated (§10.2),
 * each against the role's completed assessments at that moment.
 */
export type PercentileTakenAt = "completion" | "report";

const TAKEN_AT: Record<PercentileTakenAt, string> = {
  completion: "at completion",
  report: "when the report was generated",
};

/** "40th percentile among 31 at completion": the rank, how many it was taken over, and when. */
export const percentileLabel = (percentile: number, sampleSize: number, takenAt: PercentileTakenAt) =>
  `${ordinal(percentile)} percentile among ${sampleSize} ${TAKEN_AT[takenAt]}`;

export interface GlossaryEntry {
  term: string;
  definition: string;
}

/** The report's metrics and terms, in the order a reader meets them. */
export const METRIC_GLOSSARY: readonly GlossaryEntry[] = [
  {
    term: "Tao index",
    definition:
      "The overall score, 0 to 100: a weighted mix of sophistication (35%), learning velocity (20%), chain depth " +
      "(20%), concept retention (15%) and interest ratio (10%), each scaled to 0–1 first.",
  },
  {
    term: "Percentile",
    definition:
      "The share of the role's completed assessments (all companies) whose tao index is lower, taken at a moment " +
      "and over the number of assessments named: an assessment's at its completion, a report's when it was " +
      "generated. Not quoted over fewer than 5.",
  },
  {
    term: "Sophistication",
    definition:
      "How far a question goes, 1 to 7: its type (what, how, why or compare, what-if), the domain terms it uses, " +
      "and whether it builds on concepts from earlier questions. The mean over all questions is shown.",
  },
  {
    term: "Learning velocity",
    definition:
      "How much the questions' sophistication rises from session to session, in points per session (the slope " +
      "over the sessions with questions; 0 with fewer than two). Positive means the questions got deeper.",
  },
  {
    term: "Chain depth",
    definition:
      "The mean length of the follow-up chains: a question that follows up nothing starts a chain of 1, each " +
      "follow-up adds one. 1 means no follow-ups; the longest chain is shown beside it.",
  },
  {
    term: "Concept retention",
    definition:
      "The share of concepts first met in one session that come back in a later session (0 with fewer than two " +
      "sessions with questions).",
  },
  {
    term: "Interest ratio",
    definition: "The share of questions about domains beyond the ones the assessment assigned.",
  },
  {
    term: "Domain score",
    definition: "A domain's mean sophistication scaled to 0 to 100; 0 when no question was asked about it.",
  },
  {
    term: "Benchmark bands (p50, p75, p90)",
    definition:
      "The median, 75th and 90th percentiles of each metric over the role's completed assessments, or bands an " +
      "admin entered for a role with no history. A benchmark of fewer than 5 assessments is thin: no bands or " +
      "percentile are quoted from it.",
  },
  {
    term: "Confidence",
    definition:
      "How much the recommendation rests on, 0 to 100%: more questions, more sessions with questions and a " +
      "larger benchmark each raise it.",
  },
];
