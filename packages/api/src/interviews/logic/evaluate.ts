/**
 * The built-in answer evaluator (browser-safe, pure, deterministic; docs/evaluation.md): per rubric criterion, how
 * many of its points the answer covers (its keywords, matched as phrases, and the content words of what a strong
 * answer shows), then signals of a real answer (specifics, length, prose rather than a list of keywords) adjust the
 * weighted mean of the criteria. The same answer and rubric always score the same.
 */
import { contentTokens, indexOfPhrase, isRubricWord, phraseKeys, tokenize, type Token } from "./evaluate-text";

export const BUILTIN_EVALUATOR_VERSION = "builtin@1";

/** One criterion of a rubric as the evaluator reads it (the question bank's `RubricCriterion`). */
export interface EvaluatedCriterion {
  name: string;
  weight: number;
  strongAnswer: string;
  keywords?: readonly string[];
}

export interface CriterionResult {
  criterion: string;
  weight: number;
  /** 0 to 1. */
  score: number;
  feedback: string;
  /** The rubric points found in the answer, as the rubric writes them. */
  matched: string[];
}

export interface AnswerSignals {
  words: number;
  numbers: boolean;
  /** Skills from the shared list that the answer names. */
  skills: string[];
  firstHand: boolean;
  example: boolean;
  /** 0 to 1: share of the answer's words that are rubric points (a list of keywords is near 1). */
  density: number;
  /** 0 to 1: share of the answer's words that are function words (prose is near a half, a list near 0). */
  functionWords: number;
}

export interface BuiltinEvaluation {
  version: string;
  criteria: CriterionResult[];
  /** 0 to 100, whole points. */
  score: number;
  feedback: string;
  signals: AnswerSignals;
  /** The factors applied to the criteria's weighted mean (each 0 to 1). */
  factors: { specificity: number; length: number; stuffing: number };
}

export interface EvaluateOptions {
  /** The skills of the shared list a text names (intake's `findSkills`); none counted when left out. */
  skillsIn?: (text: string) => string[];
}

/** The share of a criterion's weighted points that earns full marks: a good answer need not echo every word. */
export const SATURATION = 0.6;
/** Keywords are what the rubric's author chose: they count for this share of a criterion when it has any. */
export const KEYWORD_SHARE = 0.6;
export const SHORT_WORDS = 25;
export const LONG_WORDS = 500;

interface Point {
  keys: string[];
  label: string;
}

function pointsOf(criterion: EvaluatedCriterion): { keywords: Point[]; words: Point[] } {
  const keywords: Point[] = [];
  const inKeywords = new Set<string>();
  for (const keyword of criterion.keywords ?? []) {
    const { keys } = phraseKeys(keyword);
    if (!keys.length || keywords.some((k) => k.keys.join(" ") === keys.join(" "))) continue;
    keywords.push({ keys, label: keyword.trim() });
    keys.forEach((key) => inKeywords.add(key));
  }
  const words: Point[] = [];
  const seen = new Set<string>();
  for (const token of contentTokens(tokenize(criterion.strongAnswer))) {
    if (seen.has(token.key) || inKeywords.has(token.key) || isRubricWord(token.key)) continue;
    seen.add(token.key);
    words.push({ keys: [token.key], label: token.word });
  }
  return { keywords, words };
}

function found(points: readonly Point[], keys: readonly string[], hits: Set<number>): Point[] {
  return points.filter((point) => {
    let from = 0;
    let matched = false;
    // Mark every occurrence: the density signal counts how much of the answer is rubric points.
    for (;;) {
      const at = indexOfPhrase(keys.slice(from), point.keys);
      if (at < 0) break;
      matched = true;
      for (let k = 0; k < point.keys.length; k++) hits.add(from + at + k);
      from += at + point.keys.length;
    }
    return matched;
  });
}

const list = (labels: readonly string[]) => labels.map((l) => `"${l}"`).join(", ");

function scoreCriterion(criterion: EvaluatedCriterion, keys: readonly string[], hits: Set<number>): CriterionResult {
  const { keywords, words } = pointsOf(criterion);
  const foundKeywords = found(keywords, keys, hits);
  const foundWords = found(words, keys, hits);
  const keywordCoverage = keywords.length ? foundKeywords.length / keywords.length : 0;
  const wordCoverage = words.length ? foundWords.length / words.length : 0;
  const coverage = keywords.length
    ? words.length
      ? KEYWORD_SHARE * keywordCoverage + (1 - KEYWORD_SHARE) * wordCoverage
      : keywordCoverage
    : wordCoverage;
  const score = Math.min(1, coverage / SATURATION);
  const matched = [...foundKeywords, ...foundWords].map((p) => p.label);
  const missingKeywords = keywords.filter((k) => !foundKeywords.includes(k)).map((p) => p.label);
  const missingWords = words.filter((w) => !foundWords.includes(w)).map((p) => p.label);
  const parts = [matched.length ? `Covered ${list(matched)}.` : "Nothing of this criterion was covered."];
  if (score < 1 && (missingKeywords.length || missingWords.length)) {
    parts.push(`Missing ${list([...missingKeywords, ...missingWords].slice(0, 8))}.`);
  }
  return {
    criterion: criterion.name,
    weight: criterion.weight,
    score: Math.round(score * 1000) / 1000,
    feedback: parts.join(" "),
    matched,
  };
}

const NUMBER = /\d/;
const FIRST_HAND =
  /\b(?:i|we)\s+(?:\w+ed|led|built|ran|made|wrote|took|brought|drove|set|cut|grew|found|chose|shipped|taught|spoke|sold|won|began|caught|fought|held|kept|met|paid|rewrote|rebuilt|split|spent|thought|told|understood)\b/i;
const EXAMPLE =
  /\b(?:for example|for instance|e\.g\.|in my (?:last|previous|current) (?:role|job|team|position)|once when|one time)/i;

function signalsOf(text: string, tokens: readonly Token[], hits: Set<number>, options: EvaluateOptions) {
  const contentCount = tokens.filter((t) => !t.stop).length;
  const words = tokens.length;
  return {
    words,
    numbers: NUMBER.test(text),
    skills: [...new Set(options.skillsIn?.(text) ?? [])],
    firstHand: FIRST_HAND.test(text),
    example: EXAMPLE.test(text),
    density: words ? hits.size / words : 0,
    functionWords: words ? (words - contentCount) / words : 0,
  } satisfies AnswerSignals;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Up to 1: numbers 0.3, a named skill 0.3, a first-hand account 0.25, "for example" 0.15. */
export const specificityOf = (s: AnswerSignals) =>
  clamp01((s.numbers ? 0.3 : 0) + (s.skills.length ? 0.3 : 0) + (s.firstHand ? 0.25 : 0) + (s.example ? 0.15 : 0));

/** Short answers lose up to half; past LONG_WORDS a little is taken off (length is never rewarded). */
export function lengthFactor(words: number): number {
  if (words < SHORT_WORDS) return 0.5 + 0.5 * (words / SHORT_WORDS);
  if (words > LONG_WORDS) return Math.max(0.85, 1 - (words - LONG_WORDS) / 5_000);
  return 1;
}

/** A list of the rubric's words is not an answer: high density or almost no function words cost up to half. */
export function stuffingFactor(s: Pick<AnswerSignals, "density" | "functionWords" | "words">): number {
  const byDensity = s.density <= 0.45 ? 1 : Math.max(0.5, 1 - (s.density - 0.45) * 1.25);
  const byProse = s.words < 8 || s.functionWords >= 0.25 ? 1 : 0.5 + 2 * s.functionWords;
  return Math.min(byDensity, byProse);
}

export function evaluateAnswer(
  answer: string,
  rubric: readonly EvaluatedCriterion[],
  options: EvaluateOptions = {},
): BuiltinEvaluation {
  const tokens = tokenize(answer);
  // Phrases match on content words in order: "cost of writes" is the keyword "cost of writes" with "of" dropped.
  const keys = contentTokens(tokens).map((t) => t.key);
  const hits = new Set<number>();
  const criteria = rubric.map((criterion) => scoreCriterion(criterion, keys, hits));
  const signals = signalsOf(answer, tokens, hits, options);
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);
  const coverage = totalWeight ? criteria.reduce((sum, c) => sum + c.score * c.weight, 0) / totalWeight : 0;
  const factors = {
    specificity: 0.85 + 0.15 * specificityOf(signals),
    length: lengthFactor(signals.words),
    stuffing: stuffingFactor(signals),
  };
  const score = Math.round(100 * clamp01(coverage * factors.specificity * factors.length * factors.stuffing));
  return {
    version: BUILTIN_EVALUATOR_VERSION,
    criteria,
    score,
    feedback: overallFeedback(signals, factors),
    signals,
    factors,
  };
}

function overallFeedback(s: AnswerSignals, factors: BuiltinEvaluation["factors"]): string {
  const specifics = [
    s.numbers && "numbers",
    s.skills.length && `named tools or skills (${s.skills.slice(0, 5).join(", ")})`,
    s.firstHand && "a first-hand account",
    s.example && "an example",
  ].filter((x): x is string => Boolean(x));
  const parts = [
    specifics.length
      ? `Specific: ${specifics.join(", ")}.`
      : "No specifics: numbers, named tools and a first-hand example make an answer stronger.",
  ];
  if (s.words < SHORT_WORDS) parts.push(`Short (${s.words} words).`);
  if (s.words > LONG_WORDS) parts.push(`Long (${s.words} words): length earns nothing.`);
  if (factors.stuffing < 1) parts.push("Reads as a list of keywords rather than an explanation.");
  return parts.join(" ");
}
