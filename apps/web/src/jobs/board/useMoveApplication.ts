import { notifications } from "@mantine/notifications";
import { useMutation, useMutationState, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { errorMessage, errorReason } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { refreshJob } from "../refresh";

interface MoveVariables {
  id: string;
  version: number;
  stageId: string;
}

/**
 * Moves an application to another stage. The move shows at once: `pending` (application id → stage id) holds every
 * move not yet settled, and the board draws those cards in their new column. A move the server refuses leaves
 * `pending` at once (the card goes back) with a notification; a move it accepts stays there until the board is
 * refetched, so the card never jumps back in between.
 */
export function useMoveApplication(
  jobId: string,
  nameOf: (applicationId: string) => string | undefined,
  { onMoved }: { onMoved?: (applicationId: string) => void } = {},
) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const names = useRef(nameOf);
  names.current = nameOf;
  const moved = useRef(onMoved);
  moved.current = onMoved;
  const mutationKey = trpc.applications.move.mutationKey();

  const move = useMutation(
    trpc.applications.move.mutationOptions({
      onSuccess(_data, variables) {
        moved.current?.(variables.id);
      },
      onError(error, variables) {
        const name = names.current(variables.id) ?? "This candidate";
        if (errorReason(error) === "stale_version")
          notifications.show({
            color: "orange",
            title: "Not moved",
            message: `${name} was moved by someone else; the board was refreshed.`,
          });
        else notifications.show({ color: "red", title: `${name} was not moved`, message: errorMessage(error) });
      },
      onSettled(_data, error) {
        const refreshed = refreshJob(queryClient, trpc, jobId);
        // A refused move settles at once (its card goes back now); an accepted one waits for the fresh board.
        return error ? undefined : refreshed;
      },
    }),
  );

  const pendingMoves = useMutationState({
    filters: { mutationKey, status: "pending" },
    select: (mutation) => mutation.state.variables as MoveVariables,
  });
  const pending = new Map(pendingMoves.filter(Boolean).map((v) => [v.id, v.stageId]));

  return { move: (variables: MoveVariables) => move.mutate(variables), pending };
}
