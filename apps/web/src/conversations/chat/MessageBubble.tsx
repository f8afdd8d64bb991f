import { Alert, Avatar, Box, Button, Group, Loader, Paper, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconAlertTriangle, IconPlayerStop, IconRefresh, IconRobot } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { formatDateTime } from "../../lib/format";
import type { ChatMessage } from "../types";
import type { StreamingText } from "./useConversationStream";

export interface BubbleActions {
  onRetry: (message: ChatMessage) => void;
  onStop: (message: ChatMessage) => void;
  /** The reply whose Retry or Stop is on its way. */
  busyId: string | null;
}

interface Props extends BubbleActions {
  message: ChatMessage;
  streaming: StreamingText | undefined;
  persona: { name: string; avatarUrl: string | null };
  selected: boolean;
  /** When given, an assistant message is a button that selects it (the playground's Trace). */
  onSelect?: (message: ChatMessage) => void;
}

const inProgress = (message: ChatMessage) => message.status === "pending" || message.status === "streaming";

/** One message of the chat: the user's on the right, the persona's on the left with its avatar. */
export function MessageBubble({ message, streaming, persona, selected, onSelect, onRetry, onStop, busyId }: Props) {
  const mine = message.role === "user";
  if (message.role === "system") {
    return (
      <Text size="xs" c="dimmed" ta="center" data-testid="chat-system-message">
        {message.content}
      </Text>
    );
  }
  const live = inProgress(message);
  const text = live ? (streaming?.text ?? message.content) : message.content;
  // A reply that failed before its first word shows only its error (below).
  const body =
    !text && !live ? null : (
      <Paper
        px="md"
        py="xs"
        radius="lg"
        withBorder={!mine}
        bg={mine ? "blue.6" : selected ? "blue.0" : "white"}
        c={mine ? "white" : undefined}
        maw="100%"
      >
        {text ? (
          <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid="chat-message-text">
            {text}
          </Text>
        ) : live ? (
          <Group gap="xs">
            <Loader size="xs" type="dots" aria-hidden />
            <Text size="sm" c="dimmed">
              {persona.name} is writing…
            </Text>
          </Group>
        ) : null}
      </Paper>
    );

  return (
    <Group
      justify={mine ? "flex-end" : "flex-start"}
      align="flex-start"
      wrap="nowrap"
      gap="xs"
      data-testid="chat-message"
      data-role={message.role}
      data-status={message.status}
    >
      {!mine && (
        <Avatar src={persona.avatarUrl} alt={persona.name} radius="xl" size="md" color="violet">
          <IconRobot size={18} aria-hidden />
        </Avatar>
      )}
      <Stack gap={4} maw="80%" align={mine ? "flex-end" : "flex-start"}>
        {body && onSelect && !mine ? (
          <UnstyledButton
            onClick={() => onSelect(message)}
            aria-pressed={selected}
            aria-label={`Show the trace of this reply${selected ? " (shown)" : ""}`}
            style={{ maxWidth: "100%" }}
          >
            {body}
          </UnstyledButton>
        ) : (
          body
        )}
        <MessageFooter message={message} live={live} onRetry={onRetry} onStop={onStop} busyId={busyId} />
      </Stack>
    </Group>
  );
}

function MessageFooter({
  message,
  live,
  onRetry,
  onStop,
  busyId,
}: { message: ChatMessage; live: boolean } & BubbleActions) {
  const broken = message.status === "failed" || message.status === "incomplete";
  let action: ReactNode = null;
  if (live && message.role === "assistant") {
    action = (
      <Button
        size="compact-xs"
        variant="light"
        color="gray"
        leftSection={<IconPlayerStop size={12} aria-hidden />}
        onClick={() => onStop(message)}
        loading={busyId === message.id}
      >
        Stop
      </Button>
    );
  }
  return (
    <Box>
      {broken && (
        <Alert
          color={message.status === "failed" ? "red" : "orange"}
          variant="light"
          p="xs"
          icon={<IconAlertTriangle size={16} aria-hidden />}
          title={message.status === "failed" ? "The reply failed" : "The reply is incomplete"}
          role="alert"
        >
          <Stack gap={6} align="flex-start">
            {message.error && <Text size="xs">{message.error}</Text>}
            <Button
              size="compact-xs"
              variant="white"
              color="red"
              leftSection={<IconRefresh size={12} aria-hidden />}
              onClick={() => onRetry(message)}
              loading={busyId === message.id}
            >
              Retry
            </Button>
          </Stack>
        </Alert>
      )}
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          {formatDateTime(message.createdAt)}
        </Text>
        {action}
      </Group>
    </Box>
  );
}
