/**
 * Text analysis behind the sophistication rubric (docs/scoring.md §2):
 * the question type and the concepts (content words) a question names.
 */

export const QUESTION_TYPES = ["what", "how", "why", "compare", "what-if"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Points per question type: recall 1, procedure 2, cause or comparison 3, hypothesis 4. */
export const TYPE_POINTS: Record<QuestionType, number> = { what: 1, how: 2, why: 3, compare: 3, "what-if": 4 };

/** Checked highest level first; the first match decides. Anything else is a recall ("what") question. */
const TYPE_PATTERNS: readonly [QuestionType, RegExp][] = [
  ["what-if", /\b(what if|what would happen|what happens (if|when)|suppose|imagine|hypothetically)\b/],
  [
    "compare",
    /\b(difference between|differences between|compare|compared|versus|vs|trade-?offs?|when should|which is better|pros and cons)\b/,
  ],
  ["why", /\bwhy\b/],
  ["how", /\bhow\b/],
];

export function questionType(text: string): QuestionType {
  const lower = text.toLowerCase();
  for (const [type, pattern] of TYPE_PATTERNS) if (pattern.test(lower)) return type;
  return "what";
}

/** Function words and question words: never concepts. */
const STOP_WORDS = new Set(
  (
    "a about above after again against all also am an and any are aren't as at be because been before being below between both but by " +
    "can can't cannot could couldn't did didn't do does doesn't doing don't down during each else ever every few for from further get gets " +
    "getting give given go goes going good got had has have having he her here hers him his how however i if in into is isn't it it's its " +
    "just know let like make makes making many may me might more most much must my need needs no nor not now of off often on once one only " +
    "or other others our ours out over own please quite rather really right same say says see seem seems shall she should shouldn't so some " +
    "something still such sure take tell than that that's the their theirs them then there these they thing things this those though " +
    "through to too two under until up upon us use used uses using very want was wasn't way ways we well were weren't what what's when " +
    "where whether which while who whom whose why will with within without won't work works would wouldn't yes yet you your yours " +
    "compare compared difference differences versus vs happen happens happened suppose imagine hypothetically explain mean means " +
    "better best trade tradeoff tradeoffs trade-off trade-offs pros cons example examples"
  ).split(" "),
);

const TOKEN = /[a-z0-9][a-z0-9+#]*(?:[._'-][a-z0-9+#]+)*/g;

/** A light plural rule for plain words, so "queries"/"query" and "indexes"/"index" meet: ies→y, (x|ch|sh|ss)es→stem, s→stem. */
export function stem(word: string): string {
  if (!/^[a-z]+$/.test(word)) return word;
  if (word.length >= 5 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length >= 5 && /(x|ch|sh|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.length >= 4 && word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * The concepts a text names: its lower-cased words of three or more characters
 * that are not stop words or plain numbers, plural-folded, without repeats, in order of appearance.
 */
export function concepts(text: string): string[] {
  const found = new Set<string>();
  for (const raw of text.toLowerCase().match(TOKEN) ?? []) {
    if (raw.length < 3 || STOP_WORDS.has(raw) || /^[0-9._'-]+$/.test(raw)) continue;
    const word = raw.endsWith("'s") ? raw.slice(0, -2) : raw;
    if (word.length < 3 || STOP_WORDS.has(word)) continue;
    found.add(stem(word));
  }
  return [...found];
}

/** Domains compare trimmed and case-insensitively. */
export const domainKey = (domain: string) => domain.trim().toLowerCase();
