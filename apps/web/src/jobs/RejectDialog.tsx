import { Checkbox, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage, errorReason } from "../lib/errors";
import { plural } from "../lib/format";
import { useTRPC } from "../lib/trpc";
import { FormError } from "../ui/ErrorState";
import { FormActions } from "../ui/FormActions";
import { describeBulk } from "./bulk-results";
import { refreshJob } from "./refresh";

export interface RejectTarget {
  applicationId: string;
  version: number;
  name: string;
}

interface Props {
  jobId: string;
  /** Whom to reject; the dialog is closed when null. */
  targets: readonly RejectTarget[] | null;
  onClose: () => void;
  /** After the server answered (e.g. to clear a selection). */
  onDone?: () => void;
}

/** Asks for a reason (required), an optional note and whether to email the candidate, then rejects. */
export function RejectDialog({ jobId, targets, onClose, onDone }: Props) {
  const title = !targets
    ? ""
    : targets.length === 1
      ? `Reject ${targets[0]!.name}`
      : `Reject ${targets.length} candidates`;
  return (
    <Modal opened={targets !== null} onClose={onClose} title={title}>
      {targets && <RejectForm jobId={jobId} targets={targets} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function RejectForm({ jobId, targets, onClose, onDone }: Props & { targets: readonly RejectTarget[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reasons = useQuery(trpc.rejectionReasons.list.queryOptions({ includeRetired: false }));
  const [reasonId, setReasonId] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [notify, setNotify] = useState(false);
  const [missingReason, setMissingReason] = useState(false);

  const finish = async () => {
    onClose();
    onDone?.();
    await refreshJob(queryClient, trpc, jobId);
  };
  const single = useMutation(
    trpc.applications.reject.mutationOptions({
      async onSuccess() {
        notifications.show({ color: "green", title: "Rejected", message: `${targets[0]!.name} was rejected.` });
        await finish();
      },
      async onError(error) {
        if (errorReason(error) === "stale_version") {
          notifications.show({
            color: "orange",
            title: "Not rejected",
            message: `${targets[0]!.name} was changed by someone else; the board was refreshed.`,
          });
          await finish();
        }
      },
    }),
  );
  const bulk = useMutation(
    trpc.applications.bulk.mutationOptions({
      async onSuccess({ results }) {
        const { title, message, color } = describeBulk(results, "rejected");
        notifications.show({ color, title, message });
        await finish();
      },
    }),
  );
  const mutation = targets.length === 1 ? single : bulk;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reasonId) return setMissingReason(true);
    const rejection = { reasonId, note: note.trim() || undefined, notifyCandidate: notify };
    if (targets.length === 1)
      single.mutate({ id: targets[0]!.applicationId, version: targets[0]!.version, ...rejection });
    else bulk.mutate({ ids: targets.map((t) => t.applicationId), action: { type: "reject", ...rejection } });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Select
          label="Reason"
          required
          data-autofocus
          placeholder={reasons.isPending ? "Loading reasons…" : "Choose a reason"}
          data={(reasons.data ?? []).map((reason) => ({ value: reason.id, label: reason.label }))}
          value={reasonId}
          onChange={(value) => {
            setReasonId(value);
            setMissingReason(false);
          }}
          error={
            missingReason
              ? "Choose a reason"
              : reasons.isError
                ? `Could not load the reasons: ${errorMessage(reasons.error)}`
                : undefined
          }
        />
        <Textarea
          label="Note"
          description="Kept with the rejection; not sent to the candidate"
          autosize
          minRows={2}
          maxRows={6}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Checkbox
          label={targets.length === 1 ? "Send the rejection email" : "Send each of them the rejection email"}
          checked={notify}
          onChange={(event) => setNotify(event.currentTarget.checked)}
        />
        {targets.length > 1 && (
          <Text size="sm" c="dimmed">
            {targets.map((t) => t.name).join(", ")}
          </Text>
        )}
        <FormError error={mutation.error} title="Not rejected" />
        <FormActions onCancel={onClose} color="red" loading={mutation.isPending}>
          {targets.length === 1 ? `Reject ${targets[0]!.name}` : `Reject ${plural(targets.length, "candidate")}`}
        </FormActions>
      </Stack>
    </form>
  );
}
