import type { Trpc } from "../../lib/trpc";

/** The candidate page's CV panel (writers): one definition for the panel and the page that starts it with the rest. */
export const candidateCvQuery = (trpc: Trpc, candidateId: string) =>
  trpc.cvs.forCandidate.queryOptions({ candidateId });
