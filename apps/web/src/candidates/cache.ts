import type { QueryClient } from "@tanstack/react-query";
import type { Trpc } from "../lib/trpc";

/** After any candidate write: every list page and every count is stale. */
export function invalidateCandidateLists(queryClient: QueryClient, trpc: Trpc) {
  return Promise.all([
    queryClient.invalidateQueries(trpc.candidates.list.pathFilter()),
    queryClient.invalidateQueries(trpc.candidates.stats.pathFilter()),
  ]);
}
