import type { InterviewStatus, QuestionType } from "@shortlist/api/schemas";

export const INTERVIEW_STATUS_LABEL: Record<InterviewStatus, string> = {
  PREPARING: "Preparing",
  READY: "Link sent",
  IN_PROGRESS: "In progress",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
  EXPIRED: "Expired",
};

export const INTERVIEW_STATUS_COLOR: Record<InterviewStatus, string> = {
  PREPARING: "gray",
  READY: "blue",
  IN_PROGRESS: "orange",
  COMPLETED: "green",
  CANCELLED: "red",
  EXPIRED: "red",
};

/** An interview in one of these has ended one way or another: a new one may be prepared for the application. */
export const ENDED_STATUSES: readonly InterviewStatus[] = ["COMPLETED", "CANCELLED", "EXPIRED"];

export const QUESTION_TYPE_LABEL: Record<QuestionType, string> = {
  technical: "Technical",
  behavioural: "Behavioural",
  situational: "Situational",
  system_design: "System design",
  coding: "Coding",
  role_specific: "Role-specific",
};

/** A 0–100 score's colour: the same bands as the scorecard's recommendation (≥80, ≥65, ≥45). */
export function scoreColor(score: number | null): string {
  if (score === null) return "gray";
  if (score >= 80) return "green";
  if (score >= 65) return "teal";
  if (score >= 45) return "yellow";
  return "red";
}

/** "45 s", "5 min", "1 min 30 s". */
export function durationLabel(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}
