import type { QueryClient } from "@tanstack/react-query";
import type { Trpc } from "../lib/trpc";

/** After a note is written, edited or deleted: the timelines and the note's history. */
export function invalidateNotes(queryClient: QueryClient, trpc: Trpc) {
  return Promise.all([
    queryClient.invalidateQueries(trpc.timeline.pathFilter()),
    queryClient.invalidateQueries(trpc.notes.history.pathFilter()),
  ]);
}
