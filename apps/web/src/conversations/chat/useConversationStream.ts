import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useRef, useState } from "react";
import { useTRPC } from "../../lib/trpc";
import type { ChatMessage, ConversationView } from "../types";

/** A reply's text so far, from its latest `delta` event. */
export interface StreamingText {
  text: string;
  reasoning: string;
}

/** Puts `message` into a conversation's cached view: replaced when known, else added in `seq` order. */
export function upsertMessage(view: ConversationView | undefined, message: ChatMessage): ConversationView | undefined {
  if (!view) return view;
  const others = view.messages.filter((m) => m.id !== message.id);
  const messages = [...others, message].sort((a, b) => a.seq - b.seq);
  const added = others.length === view.messages.length;
  return {
    ...view,
    messages,
    conversation: added
      ? { ...view.conversation, messageCount: messages.length, lastMessageAt: message.createdAt }
      : view.conversation,
  };
}

/**
 * Follows a conversation's live events: each reply's latest `delta` text is kept until the reply's `message` event
 * replaces it in the cached view. Events are not stored on the server, so each (re)connection reads the view again.
 */
export function useConversationStream(conversationId: string, onMessage?: (message: ChatMessage) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [streaming, setStreaming] = useState<Record<string, StreamingText>>({});
  const onMessageRef = useRef(onMessage);
  onMessageRef.current = onMessage;
  const viewKey = trpc.conversations.get.queryKey({ id: conversationId });

  const applyMessage = useCallback(
    (message: ChatMessage) => {
      queryClient.setQueryData(trpc.conversations.get.queryKey({ id: conversationId }), (view) =>
        upsertMessage(view, message),
      );
      if (message.status !== "streaming" && message.status !== "pending")
        setStreaming(({ [message.id]: _done, ...rest }) => rest);
    },
    [queryClient, trpc, conversationId],
  );

  const subscription = useSubscription(
    trpc.conversations.events.subscriptionOptions(
      { conversationId },
      {
        onStarted() {
          void queryClient.invalidateQueries({ queryKey: viewKey });
        },
        onData(event) {
          if (event.type === "delta") {
            // Each delta carries the reply's whole text so far (published at most every 50 ms).
            setStreaming((all) => ({ ...all, [event.messageId]: { text: event.text, reasoning: event.reasoning } }));
          } else {
            applyMessage(event.message);
            onMessageRef.current?.(event.message);
          }
        },
      },
    ),
  );

  return { streaming, applyMessage, connection: subscription.status, connectionError: subscription.error };
}
