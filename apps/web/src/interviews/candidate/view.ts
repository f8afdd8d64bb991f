/** What the candidate's page shows, decided from the server's answer (pure: no React, no browser). */
import type { InterviewStatus } from "@shortlist/api/schemas";

interface MessageLike {
  seq: number;
  role: "assistant" | "user";
  status: string;
}

interface InterviewLike {
  status: InterviewStatus;
  closedReason: string | null;
  messages: MessageLike[];
}

export type PageState = "closed" | "welcome" | "in_progress" | "done";

export function pageState({ status, closedReason }: Pick<InterviewLike, "status" | "closedReason">): PageState {
  if (status === "COMPLETED") return "done";
  if (closedReason !== null) return "closed";
  if (status === "READY") return "welcome";
  if (status === "IN_PROGRESS") return "in_progress";
  return "closed";
}

/** Why the link leads nowhere, when the server gave no words of its own. */
export function closedWords(status: InterviewStatus, closedReason: string | null): string {
  if (closedReason) return closedReason;
  switch (status) {
    case "EXPIRED":
      return "This interview link has expired. Ask the recruiter who sent it for a new one.";
    case "CANCELLED":
      return "This interview was cancelled. The recruiter who sent the link can tell you more.";
    default:
      return "This interview link no longer works. Ask the recruiter who sent it for a new one.";
  }
}

const writing = (m: MessageLike) => m.role === "assistant" && (m.status === "pending" || m.status === "streaming");

/** The interviewer's next words are still to come: nothing said yet, the candidate spoke last, or a reply is on its way. */
export function interviewerTyping({ status, messages }: Pick<InterviewLike, "status" | "messages">): boolean {
  if (status !== "IN_PROGRESS") return false;
  const last = messages.at(-1);
  return !last || last.role === "user" || writing(last);
}

/** The last message that is settled (the candidate's, or the interviewer's finished ones): awaitTurn waits past it. */
export function settledSeq(messages: readonly MessageLike[]): number {
  let seq = 0;
  for (const m of messages) if (!writing(m) && m.seq > seq) seq = m.seq;
  return seq;
}

/** "4:05", "0:09"; never negative. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

const minutes = (seconds: number) => Math.max(1, Math.round(seconds / 60));

/** "5 minutes per question, 30 minutes in all" or "2 to 5 minutes per question, 21 minutes in all". */
export function timingWords(limitsSeconds: readonly number[]): string | null {
  if (limitsSeconds.length === 0) return null;
  const low = minutes(Math.min(...limitsSeconds));
  const high = minutes(Math.max(...limitsSeconds));
  const total = minutes(limitsSeconds.reduce((a, b) => a + b, 0));
  const each = low === high ? `${low} ${low === 1 ? "minute" : "minutes"}` : `${low} to ${high} minutes`;
  return `${each} per question, about ${total} ${total === 1 ? "minute" : "minutes"} in all`;
}

/** Where a question's unsent answer is kept in this tab (sessionStorage): a reload keeps it, submitting clears it. */
export const draftKey = (questionId: string) => `shortlist.interview-draft.${questionId}`;
