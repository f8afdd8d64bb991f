import { linkToken } from "@shortlist/api/schemas";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { errorReason } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import type { CandidateInterview } from "./types";

/** The link's refusals that mean "this link leads nowhere now" (words for the candidate in the message). */
export const linkGone = (error: unknown) => {
  const reason = errorReason(error);
  return reason === "not_found" || reason === "precondition_failed";
};

/**
 * The interview behind a link, as `interviewLink.open` answers it; every other call's answer (start, answer,
 * awaitTurn, finish) replaces it through `apply`, so the page always shows the server's latest word.
 */
export function useCandidateInterview(token: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const checked = linkToken.safeParse(token);
  const open = useQuery(
    trpc.interviewLink.open.queryOptions({ token }, { enabled: checked.success, staleTime: Infinity }),
  );
  const queryKey = useMemo(() => trpc.interviewLink.open.queryKey({ token }), [trpc, token]);
  const apply = useCallback(
    (next: CandidateInterview) => queryClient.setQueryData(queryKey, next),
    [queryClient, queryKey],
  );
  const reload = useCallback(() => void queryClient.refetchQueries({ queryKey, exact: true }), [queryClient, queryKey]);
  const invalid = checked.success ? null : (checked.error.issues[0]?.message ?? "This interview link is not valid.");
  return { open, apply, reload, invalid };
}
