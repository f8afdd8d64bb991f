import { Button, Group, ScrollArea, Skeleton, Stack, Text } from "@mantine/core";
import { IconMessages } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "../../lib/trpc";
import { ActionError, ErrorState } from "../../ui/ErrorState";
import { Empty } from "../../ui/Empty";
import type { ChatMessage } from "../types";
import { Composer } from "./Composer";
import { MessageBubble } from "./MessageBubble";
import { useConversationStream } from "./useConversationStream";

export interface ChatPanelProps {
  conversationId: string;
  /** Called with each message the server reports changed (a reply done, a state-writing module run…). */
  onMessage?: (message: ChatMessage) => void;
  /** The assistant message shown as selected (e.g. whose trace is open). */
  selectedMessageId?: string | null;
  /** Makes assistant messages selectable. */
  onSelectMessage?: (message: ChatMessage) => void;
  /** Height of the scrolling message list (default 520). */
  height?: number | string;
}

/** A conversation's chat: its messages, live replies, retry and stop, quick replies and the composer. */
export default function ChatPanel({
  conversationId,
  onMessage,
  selectedMessageId = null,
  onSelectMessage,
  height = 520,
}: ChatPanelProps) {
  const trpc = useTRPC();
  const view = useQuery(trpc.conversations.get.queryOptions({ id: conversationId }));
  const { streaming, mark, applySnapshot } = useConversationStream(conversationId, onMessage);
  const [busyId, setBusyId] = useState<string | null>(null);
  const send = useMutation(trpc.conversations.send.mutationOptions());
  const retry = useMutation(trpc.conversations.retry.mutationOptions({ onSettled: () => setBusyId(null) }));
  const cancel = useMutation(trpc.conversations.cancel.mutationOptions({ onSettled: () => setBusyId(null) }));
  /** Retry or Stop on a reply; its answer is applied unless an event about the reply came first. */
  const replyAction = (mutation: typeof retry | typeof cancel, message: ChatMessage) => {
    setBusyId(message.id);
    const since = mark();
    mutation.mutate({ id: message.id }, { onSuccess: (updated) => applySnapshot(updated, since) });
  };
  const actionError = retry.error ?? cancel.error;

  const viewport = useRef<HTMLDivElement>(null);
  const messages = view.data?.messages;
  const lastText = messages?.length ? (streaming[messages[messages.length - 1]!.id]?.text.length ?? 0) : 0;
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [messages?.length, lastText]);

  if (view.error && !view.data) {
    return (
      <ErrorState
        error={view.error}
        title="Could not load the conversation"
        onRetry={() => void view.refetch()}
        retrying={view.isFetching}
      />
    );
  }
  if (!view.data || !messages) {
    return (
      <Stack aria-busy h={height}>
        <Skeleton h={48} w="60%" />
        <Skeleton h={48} w="50%" ml="auto" />
        <Skeleton h={72} w="70%" />
      </Stack>
    );
  }

  const persona = view.data.conversation.persona;
  const last = messages[messages.length - 1];
  const replying = messages.some((m) => m.role === "assistant" && (m.status === "pending" || m.status === "streaming"));
  const quickReplies = last?.role === "assistant" && last.status === "complete" ? last.quickReplies : [];

  const sendText = async (content: string) => {
    try {
      const since = mark();
      const { message, reply } = await send.mutateAsync({ conversationId, content });
      applySnapshot(message, since);
      applySnapshot(reply, since);
      return true;
    } catch {
      return false;
    }
  };

  return (
    <Stack gap="sm" data-testid="chat-panel">
      <ScrollArea h={height} viewportRef={viewport} type="auto" offsetScrollbars>
        <Stack gap="md" p="xs" role="log" aria-label="Messages" aria-live="polite">
          {messages.length === 0 ? (
            <Empty
              title="No messages yet"
              description={`Write the first message to ${persona.name} below.`}
              icon={<IconMessages aria-hidden />}
            />
          ) : (
            messages.map((message) => (
              <MessageBubble
                key={message.id}
                message={message}
                streaming={streaming[message.id]}
                persona={persona}
                selected={message.id === selectedMessageId}
                onSelect={onSelectMessage}
                busyId={busyId}
                onRetry={(m) => replyAction(retry, m)}
                onStop={(m) => replyAction(cancel, m)}
              />
            ))
          )}
          {quickReplies.length > 0 && (
            <Group gap="xs" pl={44} aria-label="Quick replies" role="group" data-testid="quick-replies">
              {quickReplies.map((reply) => (
                <Button
                  key={reply}
                  size="compact-sm"
                  variant="light"
                  radius="xl"
                  disabled={send.isPending}
                  onClick={() => void sendText(reply)}
                >
                  {reply}
                </Button>
              ))}
            </Group>
          )}
        </Stack>
      </ScrollArea>
      <ActionError
        error={actionError}
        title={retry.error ? "Not retried" : "Not stopped"}
        onDismiss={() => {
          retry.reset();
          cancel.reset();
        }}
      />
      <ActionError error={send.error} title="Message not sent" onDismiss={() => send.reset()} />
      {replying && (
        <Text size="xs" c="dimmed" aria-live="polite">
          {persona.name} is replying; your next message waits its turn.
        </Text>
      )}
      <Composer onSend={sendText} sending={send.isPending} />
    </Stack>
  );
}
