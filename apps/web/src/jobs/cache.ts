import type { QueryClient } from "@tanstack/react-query";
import type { Trpc } from "../lib/trpc";
import type { JobDetail } from "./types";

/** A job the server just returned replaces the cached one; lists and counts elsewhere are stale. */
export async function cacheSavedJob(queryClient: QueryClient, trpc: Trpc, job: JobDetail) {
  queryClient.setQueryData(trpc.jobs.get.queryKey({ id: job.id }), job);
  await queryClient.invalidateQueries(trpc.jobs.list.pathFilter());
}
