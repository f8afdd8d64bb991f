/**
 * Episodic memory's pure rules: what the built-in path remembers from an exchange, and the constants of retrieval's
 * score (docs/conversations.md, "Memory").
 *
 * Extraction (`extractMemories`), deterministic, on the user's message only (the reply is the persona's own words):
 * 1. The message is cut into sentences (at `.`, `!`, `?` followed by a space, and at line breaks).
 * 2. A sentence is skipped when it is a question (ends with `?`, or opens like one: "what …", "do you …") or has
 *    fewer than 4 words.
 * 3. The first rule that matches gives its type:
 *    - commitment: "I will", "I'll", "we'll", "I promise", "I'm going to", "let's", "by Friday", "by tomorrow", …
 *    - preference: "I prefer", "I like", "I love", "I hate", "I don't want", "I would rather", "I'd rather", …
 *    - event: a date or a time word: "yesterday", "last year", "next week", "on Monday", "in 2024", "in March", …
 *    - fact: about the speaker ("I am", "I'm", "we are", "our team", "we have", "my …") or the subject ("the role
 *      is …", "the team has …").
 *    A sentence that matches none is not remembered.
 * 4. Importance, 0..1: 0.3, plus 0.15 for a number, 0.1 per proper noun (at most 0.2), 0.15 for an emphasis word
 *    ("must", "really", "always", "never", "critical", "!") and up to 0.1 for length (a word each of 1/200),
 *    plus 0.1 for a commitment and 0.05 for a preference or an event; rounded to two decimals.
 * 5. Duplicates (same words, case, spacing and end punctuation ignored) are kept once; at most 5 memories per
 *    exchange, the most important ones, in the message's order.
 */
import type { MemoryType } from "@shortlist/db/constants";

export interface ExtractedMemory {
  content: string;
  type: MemoryType;
  importance: number;
}

/**
 * Retrieval's score: `ts_rank_cd(to_tsvector('english', content), websearch_to_tsquery('english', query))
 * × (IMPORTANCE_BASE + importance) × exp(-ln 2 × age_days / HALF_LIFE_DAYS)`, age counted from the last access
 * (or creation when never accessed). IMPORTANCE_BASE keeps an unimportant but relevant memory in play (0.5..1.5×);
 * the half-life halves a memory's weight every 30 days without use. Without a query (or one with no words left
 * after stop words): the BROWSE_WINDOW newest memories by importance × recency alone, newest first on ties (a bounded
 * window, so that a conversation of 100,000 memories is an index read, not a scan of all of them).
 */
export const MEMORY_SCORE = {
  IMPORTANCE_BASE: 0.5,
  HALF_LIFE_DAYS: 30,
  TEXT_SEARCH_CONFIG: "english",
  BROWSE_WINDOW: 200,
} as const;

export const MAX_MEMORIES_PER_EXCHANGE = 5;
const MIN_WORDS = 4;
const MAX_CONTENT_CHARS = 500;

const DAY = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const MONTH = "(?:january|february|march|april|may|june|july|august|september|october|november|december)";
const PERIOD = `(?:week|month|year|quarter|weekend|spring|summer|autumn|fall|winter|${DAY})`;

const QUESTION_START =
  /^(?:who|what|when|where|why|how|which|whose|whom|(?:do|does|did|is|are|was|were|can|could|would|should|shall|will|may|might|have|has|had|am)\s+(?:i|you|we|they|he|she|it|there|this|that|your|our)\b)/i;

const RULES: readonly { type: MemoryType; pattern: RegExp }[] = [
  {
    type: "commitment",
    pattern: new RegExp(
      String.raw`\b(?:i will|i'll|we will|we'll|i shall|we shall|i promise|we promise|i'm going to|i am going to|we're going to|we are going to|let's|let us|i commit|we commit)\b|\bby (?:${DAY}|tomorrow|tonight|end of (?:the )?(?:day|week|month|year)|next ${PERIOD})\b`,
      "i",
    ),
  },
  {
    type: "preference",
    pattern:
      /\b(?:i|we)\s+(?:really\s+|strongly\s+|much\s+|also\s+|(?:do\s+not|don't|never)\s+)?(?:prefer|like|love|hate|dislike|enjoy|want|can't stand|would rather|'d rather)\b|\b(?:i'd|we'd) rather\b/i,
  },
  {
    type: "event",
    pattern: new RegExp(
      String.raw`\b(?:yesterday|today|tomorrow|tonight|(?:last|next|this) ${PERIOD}|on ${DAY}|(?:in|since|until) (?:19|20)\d\d|(?:in|since|until) ${MONTH}|${MONTH} \d{1,2}|\d+ (?:days?|weeks?|months?|years?) ago|\d{4}-\d\d-\d\d)\b`,
      "i",
    ),
  },
  {
    type: "fact",
    pattern:
      /\b(?:i am|i'm|we are|we're|i have|i've|we have|we've|our|my|i work|we work|i live|we use|i use|i need|we need)\b|\b(?:the|this) (?:role|team|position|job|company|candidate|vacancy|salary|budget|manager|office|project)\b.*\b(?:is|are|has|have|needs|requires|pays|includes|uses)\b/i,
  },
];

const EMPHASIS =
  /!|\b(?:must|really|very|always|never|critical|crucial|important|essential|absolutely|definitely|urgent|required)\b/i;
const TYPE_BONUS: Record<MemoryType, number> = { commitment: 0.1, preference: 0.05, event: 0.05, fact: 0 };

/** The sentences of a text, trimmed, without empty ones. */
export function sentencesOf(text: string): string[] {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

const wordsOf = (sentence: string) => sentence.split(" ").filter((w) => /[\p{L}\p{N}]/u.test(w));

export function isQuestion(sentence: string): boolean {
  return sentence.endsWith("?") || QUESTION_START.test(sentence);
}

export function memoryTypeOf(sentence: string): MemoryType | null {
  return RULES.find((rule) => rule.pattern.test(sentence))?.type ?? null;
}

/** 0..1 from the sentence's signals (see the file's comment, step 4). */
export function importanceOf(sentence: string, type: MemoryType): number {
  const words = wordsOf(sentence);
  // Capitalised words after the first, other than "I" and its contractions: names of people, places, products.
  const properNouns = words.slice(1).filter((w) => /^\p{Lu}/u.test(w) && !/^I(?:'|$)/.test(w)).length;
  let score = 0.3;
  if (/\d/.test(sentence)) score += 0.15;
  score += Math.min(0.2, properNouns * 0.1);
  if (EMPHASIS.test(sentence)) score += 0.15;
  score += Math.min(0.1, words.length / 200);
  score += TYPE_BONUS[type];
  return Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
}

/** The key two memories are the same by: case, spacing and end punctuation ignored. */
export const memoryKey = (content: string) =>
  content
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\s.!;:,]+$/, "")
    .trim();

/** What the built-in rules find worth remembering in the user's message (deterministic; see the file's comment). */
export function extractMemories(exchange: { message: string; reply?: string }): ExtractedMemory[] {
  const found: (ExtractedMemory & { at: number })[] = [];
  const seen = new Set<string>();
  for (const sentence of sentencesOf(exchange.message)) {
    if (isQuestion(sentence) || wordsOf(sentence).length < MIN_WORDS) continue;
    const type = memoryTypeOf(sentence);
    if (!type) continue;
    const content = sentence.length > MAX_CONTENT_CHARS ? `${sentence.slice(0, MAX_CONTENT_CHARS - 1)}…` : sentence;
    const key = memoryKey(content);
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({ content, type, importance: importanceOf(sentence, type), at: found.length });
  }
  return found
    .sort((a, b) => b.importance - a.importance || a.at - b.at)
    .slice(0, MAX_MEMORIES_PER_EXCHANGE)
    .sort((a, b) => a.at - b.at)
    .map(({ content, type, importance }) => ({ content, type, importance }));
}
