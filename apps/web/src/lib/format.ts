import type { CandidateStatus, UserRole } from "@shortlist/api/schemas";

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

export const ROLE_LABEL: Record<UserRole, string> = {
  admin: "Admin",
  recruiter: "Recruiter",
  reviewer: "Reviewer",
  viewer: "Viewer",
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export const formatDate = (d: Date | null | undefined) => (d ? dateFormat.format(d) : "—");
export const formatDateTime = (d: Date | null | undefined) => (d ? dateTimeFormat.format(d) : "—");

/** Takes what the DTOs carry (MikroORM brands the entity's enum type), returns the label. */
export const statusLabel = (status: CandidateStatus) => STATUS_LABEL[status];
