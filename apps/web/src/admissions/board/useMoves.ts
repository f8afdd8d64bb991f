import { notifications } from "@mantine/notifications";
import type { BatchDto, CycleDto } from "@shortlist/api";
import type { CyclePhase } from "@shortlist/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorDetails, errorMessage, errorReason } from "../../lib/errors";
import { plural } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { PHASE_LABEL } from "../parts/labels";

/** A move refused because the cycle is not (or no longer) in the phase it needs: someone else moved it. */
export const movedMeanwhile = (error: unknown) => {
  const reason = errorReason(error);
  return reason === "precondition_failed" || reason === "stale_version";
};

/** The phase a refused move found, when the server said (`details.phase`). */
const phaseFound = (error: unknown) => errorDetails(error).phase as CyclePhase | undefined;

/**
 * What every move of a cycle does when it answers: the new cycle cached and every admissions view read again (counts,
 * batches, scores change with a phase), a notification; refused because someone else moved the cycle meanwhile, a
 * clear message, and the cycle reloaded.
 */
export function useMoveHandlers(cycleId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admissions.pathKey() });
  return {
    refresh,
    handlers: (done: string) => ({
      async onSuccess(result: unknown) {
        const answer = result as Partial<CycleDto & BatchDto>;
        if (answer.id === cycleId && answer.phase)
          queryClient.setQueryData(trpc.admissions.cycles.get.queryKey({ cycleId }), result as CycleDto);
        const message = answer.phase
          ? `The cycle is in ${PHASE_LABEL[answer.phase]}.`
          : answer.rowCount !== undefined
            ? `${plural(answer.rowCount, "application")} in the batch.`
            : undefined;
        notifications.show({ color: "green", title: done, message });
        await refresh();
      },
      async onError(error: unknown) {
        const moved = movedMeanwhile(error);
        const found = phaseFound(error);
        notifications.show({
          color: moved ? "orange" : "red",
          title: moved ? "Someone else moved this cycle" : "Not done",
          message: moved
            ? `${found ? `It is now in ${PHASE_LABEL[found]}. ` : ""}The cycle was reloaded: look again before you act. (${errorMessage(error)})`
            : errorMessage(error),
          autoClose: moved ? 10_000 : undefined,
        });
        await refresh();
      },
    }),
  };
}

/** The phase moves of a cycle, each a mutation with the board's handlers. */
export function useMoves(cycleId: string) {
  const trpc = useTRPC();
  const { handlers } = useMoveHandlers(cycleId);
  return {
    open: useMutation(trpc.admissions.open.mutationOptions(handlers("Applications open"))),
    freeze: useMutation(trpc.admissions.freeze.mutationOptions(handlers("Applications frozen"))),
    preprocess: useMutation(trpc.admissions.preprocess.mutationOptions(handlers("Preprocessing started"))),
    startBatchPrep: useMutation(trpc.admissions.startBatchPrep.mutationOptions(handlers("Batch prep started"))),
    exportBatch: useMutation(trpc.admissions.exportBatch.mutationOptions(handlers("Batch exported"))),
    startProcessing: useMutation(trpc.admissions.startProcessing.mutationOptions(handlers("Processing started"))),
    score: useMutation(trpc.admissions.score.mutationOptions(handlers("Scores computed"))),
    select: useMutation(trpc.admissions.select.mutationOptions(handlers("Selection run"))),
    publish: useMutation(trpc.admissions.publish.mutationOptions(handlers("Outcomes published"))),
    complete: useMutation(trpc.admissions.complete.mutationOptions(handlers("Cycle completed"))),
  };
}
export type Moves = ReturnType<typeof useMoves>;
