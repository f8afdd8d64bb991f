import { Button, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { InterviewDTO } from "@shortlist/api";
import { interviewMoveInput } from "@shortlist/api/schemas";
import { IconBan } from "@tabler/icons-react";
import { useState } from "react";
import { fieldErrors } from "../../lib/errors";
import { applyFieldErrors, fieldResolver } from "../../lib/form-errors";
import { FormActions } from "../../ui/FormActions";
import { useMoves } from "./useMoves";

const reasonOnly = interviewMoveInput.pick({ reason: true });

/** Cancel (with an optional reason, kept with the interview): the link stops working; Reopen can bring it back. */
export function CancelButton({ interview }: { interview: InterviewDTO }) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        variant="light"
        color="red"
        leftSection={<IconBan size={16} aria-hidden />}
        onClick={() => setOpened(true)}
      >
        Cancel interview
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Cancel this interview?">
        {opened && <CancelForm interview={interview} onClose={() => setOpened(false)} />}
      </Modal>
    </>
  );
}

function CancelForm({ interview, onClose }: { interview: InterviewDTO; onClose: () => void }) {
  const { cancel } = useMoves(interview.id);
  const form = useForm({ initialValues: { reason: "" }, validate: fieldResolver(reasonOnly) });
  const submit = form.onSubmit(({ reason }) =>
    cancel.mutate(
      { id: interview.id, version: interview.version, ...(reason.trim() && { reason: reason.trim() }) },
      {
        onSuccess: onClose,
        onError: (error) => {
          applyFieldErrors(form, error);
          if (!fieldErrors(error).some((e) => e.path === "reason")) onClose();
        },
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          The candidate&apos;s link stops working and answers given so far are kept. A cancelled interview can be
          reopened.
        </Text>
        <TextInput
          label="Reason"
          description="Optional; kept with the interview"
          data-autofocus
          {...form.getInputProps("reason")}
        />
        <FormActions onCancel={onClose} color="red" loading={cancel.isPending}>
          Cancel interview
        </FormActions>
      </Stack>
    </form>
  );
}
