import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useRef, useState } from "react";
import { useTRPC } from "../../lib/trpc";
import type { ChatMessage } from "../types";
import { upsertMessage } from "./view";

/** A reply's text so far, from its latest `delta` event. */
export interface StreamingText {
  text: string;
  reasoning: string;
}

/**
 * Follows a conversation's live events: each reply's latest `delta` text is kept until its `message` event
 * replaces it in the cached view. Events come in order on one stream and always win; a snapshot (a mutation's
 * answer, the view read again) is older than any event that arrived after it was asked for, so it never
 * overwrites one: with the built-in provider a reply's `complete` event often beats `send`'s own answer.
 * Events are not stored on the server, so each (re)connection reads the view again.
 */
export function useConversationStream(conversationId: string, onMessage?: (message: ChatMessage) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [streaming, setStreaming] = useState<Record<string, StreamingText>>({});
  const onMessageRef = useRef(onMessage);
  onMessageRef.current = onMessage;
  /** Counts message events; `seen` holds each message's last event and its count. */
  const eventCount = useRef(0);
  const seen = useRef(new Map<string, { at: number; message: ChatMessage }>());

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

  /** Where the event stream is now: take it before asking for a snapshot, give it to `applySnapshot`. */
  const mark = useCallback(() => eventCount.current, []);
  /** A message read at `since`: applied unless an event about it arrived since. */
  const applySnapshot = useCallback(
    (message: ChatMessage, since: number) => {
      if ((seen.current.get(message.id)?.at ?? 0) <= since) applyMessage(message);
    },
    [applyMessage],
  );

  const refetchView = async () => {
    const since = mark();
    await queryClient.invalidateQueries({ queryKey: trpc.conversations.get.queryKey({ id: conversationId }) });
    // The view read may be older than events that arrived meanwhile: those are put back.
    for (const { at, message } of seen.current.values()) if (at > since) applyMessage(message);
  };

  const subscription = useSubscription(
    trpc.conversations.events.subscriptionOptions(
      { conversationId },
      {
        onStarted() {
          void refetchView();
        },
        onData(event) {
          if (event.type === "delta") {
            // Each delta carries the reply's whole text so far (published at most every 50 ms).
            setStreaming((all) => ({ ...all, [event.messageId]: { text: event.text, reasoning: event.reasoning } }));
          } else {
            eventCount.current += 1;
            seen.current.set(event.message.id, { at: eventCount.current, message: event.message });
            applyMessage(event.message);
            onMessageRef.current?.(event.message);
          }
        },
      },
    ),
  );

  return { streaming, mark, applySnapshot, connection: subscription.status, connectionError: subscription.error };
}
