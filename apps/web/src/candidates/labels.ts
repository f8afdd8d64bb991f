import type { CandidateStatus } from "@shortlist/api/schemas";

export const STATUS_LABEL: Record<CandidateStatus, string> = {
  pending: "Pending",
  invited: "Invited",
  in_progress: "In progress",
  completed: "Completed",
  rejected: "Rejected",
  hired: "Hired",
};

export const STATUS_COLOR: Record<CandidateStatus, string> = {
  pending: "gray",
  invited: "blue",
  in_progress: "yellow",
  completed: "violet",
  rejected: "red",
  hired: "green",
};
