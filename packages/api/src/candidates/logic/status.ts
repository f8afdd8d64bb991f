import type { CandidateStatus } from "@shortlist/db/constants";

/** pending → invited → in_progress → completed; rejected or hired from any open state. */
const NEXT: Record<CandidateStatus, readonly CandidateStatus[]> = {
  pending: ["invited", "rejected", "hired"],
  invited: ["in_progress", "rejected", "hired"],
  in_progress: ["completed", "rejected", "hired"],
  completed: ["rejected", "hired"],
  rejected: [],
  hired: [],
};

export const allowedNextStatuses = (from: CandidateStatus) => NEXT[from];

export const canMove = (from: CandidateStatus, to: CandidateStatus) => from === to || NEXT[from].includes(to);
