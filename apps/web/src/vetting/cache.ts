import type { QueryClient } from "@tanstack/react-query";
import { invalidateCandidateLists } from "../candidates";
import type { Trpc } from "../lib/trpc";

/**
 * After an assessment starts or completes: its lists, the candidate (whose status and version
 * moved on the server), the candidate lists and counts, and the role's benchmarks.
 */
export function invalidateAfterAssessment(queryClient: QueryClient, trpc: Trpc, candidateId: string) {
  return Promise.all([
    queryClient.invalidateQueries(trpc.assessments.pathFilter()),
    queryClient.invalidateQueries(trpc.candidates.get.queryFilter({ id: candidateId })),
    queryClient.invalidateQueries(trpc.benchmarks.pathFilter()),
    invalidateCandidateLists(queryClient, trpc),
  ]);
}

/** After activity is recorded: only the assessment's counts changed. */
export function invalidateAssessments(queryClient: QueryClient, trpc: Trpc) {
  return queryClient.invalidateQueries(trpc.assessments.pathFilter());
}

/** After a report is generated. */
export function invalidateReports(queryClient: QueryClient, trpc: Trpc) {
  return queryClient.invalidateQueries(trpc.reports.pathFilter());
}
