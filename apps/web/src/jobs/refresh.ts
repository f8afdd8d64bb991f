import type { QueryClient } from "@tanstack/react-query";
import type { Trpc } from "../lib/trpc";

/** After an application changed in a job: its board, list rows, counters and the jobs list are stale. */
export function refreshJob(queryClient: QueryClient, trpc: Trpc, jobId: string) {
  return Promise.all([
    queryClient.invalidateQueries(trpc.jobs.board.queryFilter({ jobId })),
    queryClient.invalidateQueries(trpc.jobs.get.queryFilter({ id: jobId })),
    queryClient.invalidateQueries(trpc.applications.list.pathFilter()),
    queryClient.invalidateQueries(trpc.jobs.list.pathFilter()),
    queryClient.invalidateQueries(trpc.candidates.pathFilter()),
  ]);
}
