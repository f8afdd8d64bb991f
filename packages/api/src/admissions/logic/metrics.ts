/**
 * Deterministic metrics of an anonymized application (no model), shown to reviewers. Browser-safe.
 * - words: runs of non-space characters holding a letter or a digit; a placeholder ("[NAME]") is one word;
 * - readability: Flesch reading ease of the answers together, 206.835 − 1.015 × words per sentence − 84.6 ×
 *   syllables per word (syllables by rule: ./syllables.ts; a placeholder counts two, a typical name's or place's);
 *   a sentence ends at ".", "!" or "?" followed by a space or the end, and every non-empty answer ends one;
 * - lexical diversity: the moving-average type-token ratio (MATTR) over windows of 50 words, or the plain
 *   type-token ratio below 50 words (words compared in lower case without their punctuation);
 * - answered ratio: questions with a non-blank answer / the reviewed questions.
 */
import { syllables } from "./syllables";

/** The shape of `AdmissionMetrics` (packages/db/src/admissions/entities.ts), declared here to stay browser-safe. */
export interface AdmissionMetrics {
  wordCounts: Record<string, number>;
  totalWords: number;
  readability: number;
  lexicalDiversity: number;
  answeredRatio: number;
}

export const MATTR_WINDOW = 50;
const PLACEHOLDER = /^\[(?:NAME|EMAIL|PHONE|URL|HANDLE|LOCATION|SCHOOL|ID_NUMBER)\]/;
const PLACEHOLDER_SYLLABLES = 2;

/** The words of a text (see above). */
export function words(text: string): string[] {
  return (text.match(/\S+/g) ?? []).filter((token) => /[\p{L}\p{N}]/u.test(token));
}

function sentenceCount(text: string): number {
  if (!words(text).length) return 0;
  const ends = text.match(/[.!?]+(?=\s|$)/g)?.length ?? 0;
  return /[.!?]["')\]]*\s*$/.test(text) ? ends : ends + 1;
}

const wordSyllables = (word: string): number => (PLACEHOLDER.test(word) ? PLACEHOLDER_SYLLABLES : syllables(word));

/** Flesch reading ease; 0 for no words. */
export function fleschReadingEase(texts: readonly string[]): number {
  const all = texts.flatMap(words);
  if (!all.length) return 0;
  const sentences = texts.reduce((sum, text) => sum + sentenceCount(text), 0);
  const syllableCount = all.reduce((sum, word) => sum + wordSyllables(word), 0);
  return 206.835 - 1.015 * (all.length / sentences) - 84.6 * (syllableCount / all.length);
}

const normalise = (word: string): string =>
  PLACEHOLDER.test(word) ? word.slice(0, word.indexOf("]") + 1) : word.toLowerCase().replace(/[^\p{L}\p{N}'’-]/gu, "");

/** Moving-average type-token ratio over windows of `window` words; plain type-token ratio below it; 0 for none. */
export function movingAverageTypeTokenRatio(tokens: readonly string[], window = MATTR_WINDOW): number {
  const types = tokens.map(normalise);
  if (!types.length) return 0;
  if (types.length < window) return new Set(types).size / types.length;
  const counts = new Map<string, number>();
  let distinct = 0;
  const add = (type: string) => {
    const count = counts.get(type) ?? 0;
    if (count === 0) distinct++;
    counts.set(type, count + 1);
  };
  const remove = (type: string) => {
    const count = counts.get(type)!;
    if (count === 1) distinct--;
    counts.set(type, count - 1);
  };
  for (let i = 0; i < window; i++) add(types[i]!);
  let sum = distinct / window;
  for (let i = window; i < types.length; i++) {
    remove(types[i - window]!);
    add(types[i]!);
    sum += distinct / window;
  }
  return sum / (types.length - window + 1);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** `questionKeys`: the reviewed questions, in form order. */
export function computeMetrics(answers: Record<string, string>, questionKeys: readonly string[]): AdmissionMetrics {
  const texts = questionKeys.map((key) => answers[key] ?? "");
  const wordCounts = Object.fromEntries(questionKeys.map((key, i) => [key, words(texts[i]!).length]));
  const totalWords = Object.values(wordCounts).reduce((a, b) => a + b, 0);
  const answered = texts.filter((text) => text.trim() !== "").length;
  return {
    wordCounts,
    totalWords,
    readability: round(fleschReadingEase(texts), 1),
    lexicalDiversity: round(movingAverageTypeTokenRatio(texts.flatMap(words)), 3),
    answeredRatio: questionKeys.length ? round(answered / questionKeys.length, 3) : 0,
  };
}
