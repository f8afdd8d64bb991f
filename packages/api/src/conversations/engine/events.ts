/**
 * In-process fan-out of a conversation's live events (reply deltas, message changes) to its subscribers.
 * Events are not stored: a subscriber that reconnects reads the messages again and follows from there.
 * A `delta` carries the reply's whole text so far (not only what is new), so a late subscriber shows it all.
 */
import { EventEmitter, on } from "node:events";
import type { ChatMessageDTO, ConversationEvent } from "../dto";

const bus = new EventEmitter();
bus.setMaxListeners(0);

export function publish(conversationId: string, event: ConversationEvent): void {
  bus.emit(conversationId, event);
}

export function publishMessage(message: ChatMessageDTO): void {
  publish(message.conversationId, { type: "message", message });
}

/** The conversation's events from now on, until `signal` aborts (then the stream ends cleanly). */
export async function* subscribe(conversationId: string, signal?: AbortSignal): AsyncGenerator<ConversationEvent> {
  if (signal?.aborted) return;
  try {
    for await (const [event] of on(bus, conversationId, { signal })) yield event as ConversationEvent;
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  }
}

/**
 * Resolves with the first `message` event of `messageId` that `done` accepts, or null after `timeoutMs`.
 * Listening starts at once: call it before reading the message's current state, so no change falls in between.
 */
export function nextMessageEvent(
  conversationId: string,
  messageId: string,
  done: (message: ChatMessageDTO) => boolean,
  timeoutMs: number,
): { promise: Promise<ChatMessageDTO | null>; cancel(): void } {
  let cancel = () => {};
  const promise = new Promise<ChatMessageDTO | null>((resolve) => {
    const listener = (event: ConversationEvent) => {
      if (event.type === "message" && event.message.id === messageId && done(event.message)) finish(event.message);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    const finish = (message: ChatMessageDTO | null) => {
      clearTimeout(timer);
      bus.off(conversationId, listener);
      resolve(message);
    };
    cancel = () => finish(null);
    bus.on(conversationId, listener);
  });
  return { promise, cancel };
}
