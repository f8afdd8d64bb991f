import type { ChatMessage, ConversationView } from "../types";

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
