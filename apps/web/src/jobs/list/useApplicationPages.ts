import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import type { ApplicationListInput } from "../types";

/**
 * applications.list page after page. Not tRPC's infiniteQueryOptions: those send their own `direction` ("forward")
 * over the procedure's sort direction and leave it out of the cache key. Same key shape, so the
 * applications.list path filter still invalidates these pages.
 */
export function useApplicationPages(input: Omit<ApplicationListInput, "cursor">) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useInfiniteQuery({
    queryKey: [...trpc.applications.list.pathKey(), { input, type: "infinite" }],
    queryFn: ({ pageParam }) => client.applications.list.query({ ...input, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: (previous) => previous,
  });
}
