import { describe, expect, test } from "vitest";
import type { ChatMessage, ConversationView } from "../types";
import { upsertMessage } from "./view";

const at = new Date("2026-12-02T10:00:00Z");
const message = (seq: number, patch: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${seq}`,
  conversationId: "c1",
  seq,
  role: seq % 2 ? "user" : "assistant",
  content: `message ${seq}`,
  reasoning: null,
  status: "complete",
  error: null,
  replyToId: null,
  inputTokens: null,
  outputTokens: null,
  latencyMs: null,
  trace: [],
  quickReplies: [],
  createdAt: new Date(at.getTime() + seq * 1000),
  ...patch,
});
const view = (messages: ChatMessage[]): ConversationView => ({
  conversation: {
    id: "c1",
    title: "Chat",
    persona: { id: "p1", name: "Helper", mode: "chat", avatarUrl: null },
    provider: "builtin",
    model: null,
    variables: {},
    subject: null,
    messageCount: messages.length,
    lastMessageAt: messages.at(-1)?.createdAt ?? null,
    createdAt: at,
  },
  messages,
});

describe("upsertMessage", () => {
  test("a new message goes in seq order and counts", () => {
    const next = upsertMessage(view([message(1), message(3)]), message(2))!;
    expect(next.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(next.conversation.messageCount).toBe(3);
  });

  test("a known message is replaced in place, the count unchanged", () => {
    const before = view([message(1), message(2, { status: "pending", content: "" })]);
    const next = upsertMessage(before, message(2, { content: "Done." }))!;
    expect(next.messages.map((m) => [m.seq, m.status, m.content])).toEqual([
      [1, "complete", "message 1"],
      [2, "complete", "Done."],
    ]);
    expect(next.conversation.messageCount).toBe(2);
    expect(before.messages[1]!.status).toBe("pending");
  });

  test("no view cached yet: nothing to update", () => {
    expect(upsertMessage(undefined, message(1))).toBeUndefined();
  });
});
