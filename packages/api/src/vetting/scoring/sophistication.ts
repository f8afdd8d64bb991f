/**
 * Per-question sophistication, 1–7 (docs/scoring.md §2):
 * type points (1–4) + vocabulary points (0–2) + 1 when it reuses a concept of an earlier question.
 */
import type { ActivityQuestion } from "./types";
import { concepts, questionType, TYPE_POINTS, type QuestionType } from "./text";
import { domainTerms } from "./vocabulary";

export const MIN_SOPHISTICATION = 1;
export const MAX_SOPHISTICATION = 7;

export interface QuestionScore {
  ref: string;
  type: QuestionType;
  typePoints: number;
  concepts: string[];
  domainTerms: string[];
  vocabularyPoints: number;
  /** Concepts it shares with questions asked before it. */
  reusedConcepts: string[];
  referencePoints: number;
  sophistication: number;
}

/** 0 domain terms → 0 points, 1–2 → 1, 3 or more → 2. */
export const vocabularyPoints = (terms: number) => (terms >= 3 ? 2 : terms >= 1 ? 1 : 0);

/** Index of each item in chronological order: by time, ties by arrival. */
export function chronologicalOrder<T>(items: readonly T[], time: (item: T) => Date): number[] {
  return items
    .map((item, index) => ({ index, at: time(item).getTime() }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map((x) => x.index);
}

/** Scores every question; results are in the input's order. "Earlier" is by asked-at time, ties by arrival. */
export function scoreQuestions(questions: readonly ActivityQuestion[]): QuestionScore[] {
  const scores = new Array<QuestionScore>(questions.length);
  const seen = new Set<string>();
  for (const index of chronologicalOrder(questions, (q) => q.askedAt)) {
    const question = questions[index]!;
    const type = questionType(question.text);
    const found = concepts(question.text);
    const terms = domainTerms(found, question.domain);
    const reused = found.filter((c) => seen.has(c));
    const score = {
      ref: question.ref,
      type,
      typePoints: TYPE_POINTS[type],
      concepts: found,
      domainTerms: terms,
      vocabularyPoints: vocabularyPoints(terms.length),
      reusedConcepts: reused,
      referencePoints: reused.length ? 1 : 0,
      sophistication: 0,
    };
    score.sophistication = score.typePoints + score.vocabularyPoints + score.referencePoints;
    scores[index] = score;
    for (const c of found) seen.add(c);
  }
  return scores;
}
