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
  /** Set for a move that cannot be undone: what it does, asked in a dialog first. */
  confirm?: ReactNode;
  icon?: ReactNode;
}

/** One move of the cycle; an irreversible one asks first, in a dialog whose button has the same name. */
export function MoveButton({ cycleId, move, label, confirm, icon, ...button }: Props) {
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
            <Text size="sm" c="dimmed">
              A cycle only moves forward: this cannot be undone.
            </Text>
            <FormActions onCancel={() => setAsking(false)} onClick={run} loading={move.isPending} data-autofocus>
              {label}
            </FormActions>
          </Stack>
        </Modal>
      )}
    </>
  );
}
