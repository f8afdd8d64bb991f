import type { CandidateDTO } from "@shortlist/api";
import type { QueryClient } from "@tanstack/react-query";
import type { Trpc } from "../lib/trpc";

/** After any candidate write: every list page and every count is stale. */
export function invalidateCandidateLists(queryClient: QueryClient, trpc: Trpc) {
  return Promise.all([
    queryClient.invalidateQueries(trpc.candidates.list.pathFilter()),
    queryClient.invalidateQueries(trpc.candidates.stats.pathFilter()),
  ]);
}

/** A candidate the server just saved replaces the cached one (a saved candidate is never an erased placeholder). */
export function cacheSavedCandidate(queryClient: QueryClient, trpc: Trpc, saved: CandidateDTO) {
  queryClient.setQueryData(trpc.candidates.get.queryKey({ id: saved.id }), { ...saved, erased: false });
}
