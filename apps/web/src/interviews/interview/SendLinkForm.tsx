import { Button, Group, Modal, NumberInput, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { InterviewDTO } from "@shortlist/api";
import { sendLinkInput } from "@shortlist/api/schemas";
import { IconSend } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorReason, fieldErrors } from "../../lib/errors";
import { applyFieldErrors, fieldResolver } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { FormError, StaleVersionAlert } from "../../ui/ErrorState";
import { FormActions } from "../../ui/FormActions";
import { Section } from "../../ui/Section";
import { useInterviewCache } from "./cache";

const daysOnly = sendLinkInput.pick({ days: true });
/** The server's default (7). */
const DEFAULT_DAYS = daysOnly.parse({}).days;

interface Props {
  interview: InterviewDTO;
  planDirty: boolean;
  onIssued: (url: string) => void;
}

/** PREPARING → READY: issues the candidate's link (its URL comes back once) and emails it through the outbox. */
export function SendLinkForm({ interview, planDirty, onIssued }: Props) {
  const [opened, setOpened] = useState(false);
  return (
    <Section title="Send the link">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          The candidate gets an email with a private link (no account needed) to answer the questions with the
          interviewer. You see the link once, when it is sent.
        </Text>
        <Group gap="sm">
          <Button disabled={planDirty} leftSection={<IconSend size={16} aria-hidden />} onClick={() => setOpened(true)}>
            Send link
          </Button>
          {planDirty && (
            <Text size="sm" c="orange.8">
              Save the plan first: the link asks the saved questions.
            </Text>
          )}
        </Group>
      </Stack>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={`Send the interview link to ${interview.candidate.name}`}
      >
        {opened && (
          <SendForm
            interview={interview}
            onIssued={(url) => {
              setOpened(false);
              onIssued(url);
            }}
            onClose={() => setOpened(false)}
          />
        )}
      </Modal>
    </Section>
  );
}

function SendForm({
  interview,
  onIssued,
  onClose,
}: {
  interview: InterviewDTO;
  onIssued: (url: string) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const cache = useInterviewCache();
  const form = useForm({
    initialValues: { days: DEFAULT_DAYS as number | string },
    validate: fieldResolver(daysOnly),
  });
  const send = useMutation(
    trpc.interviews.sendLink.mutationOptions({
      onSuccess(updated) {
        notifications.show({
          color: "green",
          title: "Link sent",
          message: `The invitation to ${updated.candidate.name} is in the outbox.`,
        });
        if (updated.link?.url) onIssued(updated.link.url);
        else onClose();
        cache.interview(updated);
      },
      onError: (error) => void applyFieldErrors(form, error),
    }),
  );
  const submit = form.onSubmit(({ days }) =>
    send.mutate({ id: interview.id, version: interview.version, days: Number(days) }),
  );
  const shownOnForm = fieldErrors(send.error).some((e) => e.path === "days");
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {interview.plan.length} questions. The email goes out through the outbox (held in the Mailbox when no mail
          server is configured).
        </Text>
        <NumberInput
          label="Days until the link expires"
          min={1}
          max={60}
          allowDecimal={false}
          data-autofocus
          {...form.getInputProps("days")}
        />
        {errorReason(send.error) === "stale_version" ? (
          <StaleVersionAlert
            what="interview"
            onReload={() => {
              onClose();
              void cache.reload(interview.id);
            }}
          />
        ) : (
          !shownOnForm && <FormError error={send.error} title="Link not sent" />
        )}
        <FormActions onCancel={onClose} loading={send.isPending} leftSection={<IconSend size={16} aria-hidden />}>
          Send link
        </FormActions>
      </Stack>
    </form>
  );
}
