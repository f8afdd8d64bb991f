import { Button, Modal, Stack, Text, type ButtonProps } from "@mantine/core";
import type { UseMutationResult } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { FormActions } from "../../ui/FormActions";

type Move = Pick<UseMutationResult<unknown, unknown, { cycleId: string }>, "mutate" | "isPending">;

interface Props extends ButtonProps {
  cycleId: string;
  move: Move;
  /** The button's name, and the confirmation's: "Freeze applications". */
  label: string;
  /** What the move does, asked in a dialog first (set for the moves that cannot be undone, and for selection). */
  confirm?: ReactNode;
  /** A move that can be run again (selection): its dialog does not say it cannot be undone. */
  repeatable?: boolean;
  /** In the dialog, under what the move does: something it would leave undone for good. */
  warning?: ReactNode;
  icon?: ReactNode;
}

/** One move of the cycle; one that asks first does so in a dialog whose button has the same name. */
export function MoveButton({ cycleId, move, label, confirm, repeatable = false, warning, icon, ...button }: Props) {
  const [asking, setAsking] = useState(false);
  const run = () => move.mutate({ cycleId }, { onSettled: () => setAsking(false) });
  return (
    <>
      <Button
        leftSection={icon}
        loading={move.isPending && !asking}
        onClick={() => (confirm ? setAsking(true) : run())}
        {...button}
      >
        {label}
      </Button>
      {confirm && (
        <Modal opened={asking} onClose={() => !move.isPending && setAsking(false)} title={`${label}?`}>
          <Stack>
            <Text size="sm">{confirm}</Text>
            {warning && (
              <Text size="sm" c="orange.8" fw={500} data-testid="move-warning">
                {warning}
              </Text>
            )}
            {!repeatable && (
              <Text size="sm" c="dimmed">
                A cycle only moves forward: this cannot be undone.
              </Text>
            )}
            <FormActions onCancel={() => setAsking(false)} onClick={run} loading={move.isPending} data-autofocus>
              {label}
            </FormActions>
          </Stack>
        </Modal>
      )}
    </>
  );
}
