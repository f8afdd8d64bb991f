/**
 * The candidate's turns (pure): when an answer earns a follow-up, and the clock (seconds left on a question,
 * over time, the whole interview's deadline).
 */

/** Answers shorter than this many words are followed up (when the question has a follow-up to ask). */
export const SHORT_ANSWER_WORDS = 25;

/** Hedges that, in an answer with no example, no number and no first-person action, mark it as vague. */
const HEDGES =
  /\b(it depends|depends on|not sure|i don'?t know|no idea|maybe|probably|generally|usually|in general|sort of|kind of|etc\.?|and so on|things like that)\b/i;
/** What a concrete answer tends to hold: a number, an example, or something the candidate did. */
const SPECIFIC =
  /\d|\b(for example|for instance|e\.g\.|once|last year|in my (last|previous|current) (role|job|team)|i (led|built|wrote|designed|fixed|reduced|improved|migrated|ran|set up|introduced|handled|managed|talked|explained|noticed|decided|measured|changed|created|organised|organized|trained|resolved))\b/i;

const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Why the answer earns a follow-up ("short", "vague"), or null when it stands on its own. */
export function followUpReason(answer: string): "short" | "vague" | null {
  if (words(answer) < SHORT_ANSWER_WORDS) return "short";
  if (HEDGES.test(answer) && !SPECIFIC.test(answer)) return "vague";
  return null;
}

/** Asked when a question has no follow-up of its own. */
export const GENERIC_FOLLOW_UP =
  "Could you give one concrete example: the situation, what you did yourself, and what came of it?";

/** The follow-up to ask: the question's own first one, else the generic request for an example. */
export const followUpPrompt = (followUps: readonly string[]) => followUps.find((f) => f.trim()) ?? GENERIC_FOLLOW_UP;

/** Extra time on top of the questions' limits before the whole interview times out. */
export const INTERVIEW_GRACE_SECONDS = 300;

/** When the whole interview runs out: its start plus every question's limit plus a grace. */
export function interviewDeadline(startedAt: Date, limitsSeconds: readonly number[]): Date {
  const total = limitsSeconds.reduce((sum, s) => sum + s, 0) + INTERVIEW_GRACE_SECONDS;
  return new Date(startedAt.getTime() + total * 1000);
}

/** Whole seconds left on a question asked at `askedAt` (never below 0); its full limit before it is asked. */
export function secondsLeft(askedAt: Date | null, limitSeconds: number, now: Date): number {
  if (!askedAt) return limitSeconds;
  return Math.max(0, limitSeconds - Math.floor((now.getTime() - askedAt.getTime()) / 1000));
}

/** Whole seconds since the question was asked (null before it was). */
export function secondsTaken(askedAt: Date | null, now: Date): number | null {
  return askedAt ? Math.max(0, Math.round((now.getTime() - askedAt.getTime()) / 1000)) : null;
}

/** The candidate's first name for the greeting (the whole name when it has no space). */
export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? "";
