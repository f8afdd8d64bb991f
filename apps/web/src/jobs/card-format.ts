import { ordinal } from "../lib/format";

const DAY_MS = 86_400_000;

/** "72nd pct", or "—" without a completed assessment. */
export const scoreLabel = (score: number | null) => (score === null ? "—" : `${ordinal(score)} pct`);

/** The latest completed interview's overall score as a badge's words ("Interview 72"); null without one. */
export const interviewLabel = (score: number | null) => (score === null ? null : `Interview ${Math.round(score)}`);

/** Whole days since `since` ("today" under one). */
export function daysIn(since: Date, now = new Date()): string {
  const days = Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));
  return days === 0 ? "today" : days === 1 ? "1 day" : `${days} days`;
}
