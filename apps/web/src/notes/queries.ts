import type { Trpc } from "../lib/trpc";

/** The candidate page's Timeline: shared by the section and the page that starts it with its other queries. */
export const candidateTimelineQuery = (trpc: Trpc, candidateId: string) =>
  trpc.timeline.forCandidate.infiniteQueryOptions(
    { candidateId, limit: 30 },
    { getNextPageParam: (page) => page.nextCursor },
  );
