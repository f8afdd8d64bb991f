import type { Trpc } from "../lib/trpc";

/** The candidate page's History (admins): shared by the section and the page that starts it with its other queries. */
export const candidateHistoryQuery = (trpc: Trpc, candidateId: string) =>
  trpc.audit.list.infiniteQueryOptions(
    { subjectId: candidateId, limit: 20 },
    { getNextPageParam: (page) => page.nextCursor },
  );
