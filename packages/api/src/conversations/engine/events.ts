/**
 * In-process fan-out of a conversation's live events (reply deltas, message changes) to its subscribers.
 * Events are not stored: a subscriber that reconnects reads the messages again and follows from there.
 */
import { EventEmitter, on } from "node:events";
import type { ConversationEvent } from "../dto";

const bus = new EventEmitter();
bus.setMaxListeners(0);

export function publish(conversationId: string, event: ConversationEvent): void {
  bus.emit(conversationId, event);
}

/** The conversation's events from now on, until `signal` aborts. */
export async function* subscribe(conversationId: string, signal?: AbortSignal): AsyncGenerator<ConversationEvent> {
  for await (const [event] of on(bus, conversationId, { signal })) yield event as ConversationEvent;
}
