/**
 * When a chat module fires: always, on an RE2 pattern (linear time: a hostile pattern cannot hang the server;
 * flags inline, e.g. `(?i)`), or on keywords (case-insensitive, whole words or phrases).
 */
import { RE2JS, RE2JSException, RE2JSSyntaxException } from "re2js";
import type { TriggerKind } from "@shortlist/db";

const PATTERN_CACHE_MAX = 200;
const compiled = new Map<string, RE2JS>();

/** The pattern compiled by RE2 (cached: modules run on every message); throws RE2JSException when RE2 refuses it. */
export function compilePattern(pattern: string): RE2JS {
  const hit = compiled.get(pattern);
  if (hit) return hit;
  const re = RE2JS.compile(pattern);
  if (compiled.size >= PATTERN_CACHE_MAX) compiled.delete(compiled.keys().next().value!);
  compiled.set(pattern, re);
  return re;
}

/** Why RE2 refuses the pattern, with the offset of the part at fault when RE2 names it; null when it compiles. */
export function patternProblem(pattern: string): string | null {
  try {
    compilePattern(pattern);
    return null;
  } catch (error) {
    if (error instanceof RE2JSSyntaxException) {
      const offset = error.input ? pattern.indexOf(error.input) : -1;
      const at = offset >= 0 ? ` at offset ${offset}` : "";
      return `RE2 refuses the pattern: ${error.error}${error.input ? ` \`${error.input}\`` : ""}${at}`;
    }
    if (error instanceof RE2JSException) return `RE2 refuses the pattern: ${error.message}`;
    throw error;
  }
}

const WORD = String.raw`[\p{L}\p{N}_]`;
// No "-" or "/": outside a class they need no escape, and the "u" flag refuses escapes that mean nothing.
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A keyword or phrase as a whole-word, case-insensitive matcher. Built from the escaped literal only (no
 * quantifier over user text), so JavaScript's engine is safe here; spaces inside a phrase match any run of space.
 */
function keywordMatcher(keyword: string): RegExp {
  const words = keyword
    .trim()
    .split(/\s+/)
    .map(escapeRegExp)
    .join(String.raw`\s+`);
  return new RegExp(`(?<!${WORD})${words}(?!${WORD})`, "iu");
}

export function matchedKeyword(keywords: readonly string[], message: string): string | null {
  for (const keyword of keywords) {
    if (keyword.trim() && keywordMatcher(keyword).test(message)) return keyword;
  }
  return null;
}

export interface TriggerOutcome {
  fired: boolean;
  reason: string;
  /** The trigger could not be evaluated (e.g. a stored pattern RE2 refuses). */
  error?: string;
}

const quoted = (text: string, max = 60) => JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

export function evaluateTrigger(
  trigger: { triggerKind: TriggerKind; triggerPattern: string | null; triggerKeywords: readonly string[] },
  message: string,
): TriggerOutcome {
  switch (trigger.triggerKind) {
    case "always":
      return { fired: true, reason: "fires on every message" };
    case "regex": {
      if (!trigger.triggerPattern) return { fired: false, reason: "no pattern", error: "The module has no pattern" };
      const problem = patternProblem(trigger.triggerPattern);
      if (problem) return { fired: false, reason: "pattern refused", error: problem };
      const matcher = compilePattern(trigger.triggerPattern).matcher(message);
      return matcher.find()
        ? { fired: true, reason: `pattern matched ${quoted(matcher.group() ?? "")}` }
        : { fired: false, reason: "pattern did not match" };
    }
    case "keywords": {
      const keyword = matchedKeyword(trigger.triggerKeywords, message);
      return keyword
        ? { fired: true, reason: `keyword ${quoted(keyword)}` }
        : { fired: false, reason: "no keyword matched" };
    }
  }
}
