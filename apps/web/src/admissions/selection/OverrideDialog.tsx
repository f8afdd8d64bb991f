import { Modal, Radio, Group, Stack, Textarea, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { ScoreRowDto } from "@shortlist/api";
import { OVERRIDE_DECISIONS, type OverrideDecision } from "@shortlist/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fieldErrors } from "../../lib/errors";
import { applyFieldErrors } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { FormError } from "../../ui/ErrorState";
import { FormActions } from "../../ui/FormActions";
import { OVERRIDE_LABEL } from "../parts/labels";

const HINT: Record<OverrideDecision, string> = {
  include: "selected whatever the score, within capacity",
  exclude: "never selected, whatever the score",
};

/** Include or exclude one scored application, with the reason the selection log keeps. */
export function OverrideDialog({ row, onClose }: { row: ScoreRowDto | null; onClose: () => void }) {
  return (
    <Modal opened={!!row} onClose={onClose} title={row ? `Override application #${row.number}` : ""}>
      {row && <OverrideForm row={row} onClose={onClose} />}
    </Modal>
  );
}

function OverrideForm({ row, onClose }: { row: ScoreRowDto; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { decision: row.override?.decision ?? "include", reason: row.override?.reason ?? "" },
  });
  const save = useMutation(
    trpc.admissions.selection.override.mutationOptions({
      async onSuccess(saved) {
        notifications.show({
          color: "green",
          title: "Override saved",
          message: `Application #${saved.number}: ${OVERRIDE_LABEL[saved.override?.decision ?? "include"].toLowerCase()}. Run selection again to apply it.`,
        });
        onClose();
        await queryClient.invalidateQueries({ queryKey: trpc.admissions.pathKey() });
      },
      onError: (error) => applyFieldErrors(form, error),
    }),
  );
  const submit = form.onSubmit((values) =>
    save.mutate({
      applicationId: row.applicationId,
      decision: values.decision as OverrideDecision,
      reason: values.reason,
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Radio.Group label="Decision" {...form.getInputProps("decision")}>
          <Group mt={4}>
            {OVERRIDE_DECISIONS.map((d) => (
              <Radio key={d} value={d} label={OVERRIDE_LABEL[d]} description={HINT[d]} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label="Reason"
          description="Required; kept in the selection log and the audit trail"
          required
          autosize
          minRows={2}
          data-autofocus
          {...form.getInputProps("reason")}
        />
        <Text size="xs" c="dimmed">
          The override applies at the next selection run.
        </Text>
        {save.isError && !fieldErrors(save.error).length && <FormError error={save.error} />}
        <FormActions onCancel={onClose} loading={save.isPending}>
          Save override
        </FormActions>
      </Stack>
    </form>
  );
}
