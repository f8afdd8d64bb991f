import type { CycleDto } from "@shortlist/api";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";

/** How often the board reads the cycle again while preprocessing runs (ms). */
const WORK_POLL_MS = 1_000;

const working = (cycle: CycleDto | undefined) => !!cycle?.work?.running;

/** The cycle (admissions.cycles.get), read again every second while its long work runs. */
export function useCycle(cycleId: string, enabled = true) {
  const trpc = useTRPC();
  return useQuery(
    trpc.admissions.cycles.get.queryOptions(
      { cycleId },
      { enabled, refetchInterval: (query) => (working(query.state.data) ? WORK_POLL_MS : false) },
    ),
  );
}
