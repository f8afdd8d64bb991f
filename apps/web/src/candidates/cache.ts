import type { ApplicationDTO, CandidateDTO } from "@shortlist/api";
import type { QueryClient } from "@tanstack/react-query";
import type { Trpc } from "../lib/trpc";

/** After any candidate write: every list page, every count and the suggestions are stale. */
export function invalidateCandidateLists(queryClient: QueryClient, trpc: Trpc) {
  return Promise.all([
    queryClient.invalidateQueries(trpc.candidates.list.pathFilter()),
    queryClient.invalidateQueries(trpc.candidates.stats.pathFilter()),
    queryClient.invalidateQueries(trpc.candidates.suggestions.pathFilter()),
  ]);
}

/**
 * A candidate the server just saved replaces the cached one's fields (a saved candidate is never an erased
 * placeholder); their applications stay as cached, or, for a new person, are the one they were filed under.
 */
export function cacheSavedCandidate(
  queryClient: QueryClient,
  trpc: Trpc,
  saved: CandidateDTO & { application?: ApplicationDTO | null },
) {
  const { application, ...person } = saved;
  queryClient.setQueryData(trpc.candidates.get.queryKey({ id: saved.id }), (cached) =>
    cached
      ? { ...cached, ...person, erased: false }
      : application === undefined
        ? undefined
        : { ...person, erased: false, applications: application ? [application] : [] },
  );
}
