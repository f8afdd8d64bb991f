import { Alert, Button, Code, Group, Paper, SimpleGrid, Stack, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { MailMessageDTO } from "@shortlist/api";
import { IconSend } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { MouseEvent } from "react";
import { formatDateTime } from "../lib/format";
import { useTRPC } from "../lib/trpc";
import { ActionError } from "../ui/ErrorState";

/** Why "Send again" is not offered for this message, or null when it is. */
function retryBlocked(message: MailMessageDTO, smtpConfigured: boolean): string | null {
  if (message.erased) return "The recipient was erased: the message can no longer be read or sent";
  if (message.status !== "failed" && message.status !== "held") return null;
  if (!smtpConfigured) return "No mail server is configured (SMTP_URL): the message stays held";
  return null;
}

/** One message as its recipient gets it (the text part), with its delivery state and, when failed or held, Send. */
export function MessageView({ message, smtpConfigured }: { message: MailMessageDTO; smtpConfigured: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retry = useMutation(
    trpc.mail.retry.mutationOptions({
      onSuccess() {
        notifications.show({ color: "green", title: "Queued", message: "The message will be sent in a moment." });
        void queryClient.invalidateQueries({ queryKey: trpc.mail.list.pathKey() });
      },
    }),
  );
  const canRetry = message.status === "failed" || message.status === "held";
  const blocked = retryBlocked(message, smtpConfigured);

  return (
    <Stack gap="sm" data-testid="mail-message">
      {message.content ? (
        <Paper withBorder p="md">
          <Stack gap={4}>
            <Text size="sm">
              <b>To:</b> {message.content.to.name} &lt;{message.content.to.email}&gt;
            </Text>
            <Text size="sm">
              <b>Subject:</b> {message.content.subject}
            </Text>
            <Text size="sm" mt="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="mail-body">
              {message.content.text}
            </Text>
          </Stack>
        </Paper>
      ) : (
        <Alert color="gray" variant="light" title="Erased">
          This message was to a person whose data was erased: it can no longer be read.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <Text size="xs" c="dimmed">
          Attempts: {message.attempts}
        </Text>
        {message.sentAt && (
          <Text size="xs" c="dimmed">
            Sent {formatDateTime(message.sentAt)}
          </Text>
        )}
        {message.nextAttemptAt && (
          <Text size="xs" c="dimmed">
            Next attempt {formatDateTime(message.nextAttemptAt)}
          </Text>
        )}
        {message.providerMessageId && (
          <Text size="xs" c="dimmed">
            Server: <Code>{message.providerMessageId}</Code>
          </Text>
        )}
      </SimpleGrid>
      {message.lastError && (
        <Alert color={message.status === "failed" ? "red" : "yellow"} variant="light" title="Last error">
          <Text size="sm">{message.lastError}</Text>
        </Alert>
      )}
      {canRetry && (
        <Group>
          {/* Looks disabled but stays focusable, so the reason shows on hover and keyboard focus. */}
          <Tooltip
            label={blocked}
            disabled={!blocked}
            multiline
            maw={280}
            events={{ hover: true, focus: true, touch: true }}
          >
            <Button
              size="xs"
              leftSection={<IconSend size={14} aria-hidden />}
              loading={retry.isPending}
              {...(blocked
                ? {
                    "data-disabled": true,
                    "aria-disabled": true,
                    onClick: (event: MouseEvent) => event.preventDefault(),
                  }
                : { onClick: () => retry.mutate({ id: message.id }) })}
            >
              {message.status === "held" ? "Send" : "Send again"}
            </Button>
          </Tooltip>
        </Group>
      )}
      <ActionError error={retry.error} title="Not queued" onDismiss={() => retry.reset()} />
    </Stack>
  );
}
