import type { Trpc } from "../../lib/trpc";

/** A person has few interviews: their newest hundred cover every application shown on their page. */
const CANDIDATE_INTERVIEWS = 100;

/**
 * The candidate page's interviews (writers): one definition for the Applications section that reads it and the page
 * that starts it with its other queries (one batched request).
 */
export const candidateInterviewsQuery = (trpc: Trpc, candidateId: string) =>
  trpc.interviews.list.queryOptions({ candidateId, limit: CANDIDATE_INTERVIEWS });
