import { Button, Group, NumberInput, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { InterviewDTO } from "@shortlist/api";
import { sendLinkInput } from "@shortlist/api/schemas";
import { IconSend } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { errorReason, fieldErrors } from "../../lib/errors";
import { applyFieldErrors, fieldResolver } from "../../lib/form-errors";
import { useTRPC } from "../../lib/trpc";
import { FormError, StaleVersionAlert } from "../../ui/ErrorState";
import { Section } from "../../ui/Section";
import { useInterviewCache } from "./cache";

const daysOnly = sendLinkInput.pick({ days: true });
/** The server's default (7). */
const DEFAULT_DAYS = daysOnly.parse({}).days;

/** PREPARING → READY: issues the candidate's link (its URL comes back once) and emails it through the outbox. */
export function SendLinkForm({
  interview,
  planDirty,
  onIssued,
}: {
  interview: InterviewDTO;
  planDirty: boolean;
  onIssued: (url: string) => void;
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
        if (updated.link?.url) onIssued(updated.link.url);
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
    <Section title="Send the link">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            The candidate gets an email with a private link (no account needed) to answer the questions with the
            interviewer. You see the link once, when it is sent.
          </Text>
          <Group align="flex-end" gap="sm">
            <NumberInput
              label="Days until the link expires"
              min={1}
              max={60}
              allowDecimal={false}
              w={220}
              {...form.getInputProps("days")}
            />
            <Button
              type="submit"
              loading={send.isPending}
              disabled={planDirty}
              leftSection={<IconSend size={16} aria-hidden />}
            >
              Send link
            </Button>
          </Group>
          {planDirty && (
            <Text size="sm" c="orange.8">
              Save the plan first: the link asks the saved questions.
            </Text>
          )}
          {errorReason(send.error) === "stale_version" ? (
            <StaleVersionAlert what="interview" onReload={() => void cache.reload(interview.id)} />
          ) : (
            !shownOnForm && <FormError error={send.error} title="Link not sent" />
          )}
        </Stack>
      </form>
    </Section>
  );
}
