import type { CandidateDTO } from "@shortlist/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../lib/trpc";
import { cacheSavedCandidate, invalidateCandidateLists } from "./cache";

/** candidates.update for the detail page: the answer replaces the cached candidate; lists and counts refresh. */
export function useUpdateCandidate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.candidates.update.mutationOptions({
      async onSuccess(saved: CandidateDTO) {
        cacheSavedCandidate(queryClient, trpc, saved);
        await invalidateCandidateLists(queryClient, trpc);
      },
    }),
  );
}

export type UpdateCandidate = ReturnType<typeof useUpdateCandidate>;
