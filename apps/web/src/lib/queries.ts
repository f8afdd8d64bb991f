import type { QueryClient } from "@tanstack/react-query";

/** Drops every cached query but the auth ones, so one user's data never shows to the next. */
export function forgetOtherQueries(queryClient: QueryClient) {
  queryClient.removeQueries({
    predicate: (query) => (query.queryKey[0] as string[] | undefined)?.[0] !== "auth",
  });
}
