import type { Trpc } from "../lib/trpc";

/**
 * The candidate page's vetting queries, one definition for the sections that read them and the page that starts
 * them with its own (so they travel in one batched request).
 */
export const candidateAssessmentsQuery = (trpc: Trpc, candidateId: string) =>
  trpc.assessments.listForCandidate.queryOptions({ candidateId });

export const candidateReportsQuery = (trpc: Trpc, candidateId: string) =>
  trpc.reports.listForCandidate.queryOptions({ candidateId });
