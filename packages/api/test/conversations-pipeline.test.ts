/**
 * The staged reply pipeline through the caller on a real database, with the built-in provider: the user's message
 * and a pending reply committed by `send`, the reply written in the background in seq order per conversation,
 * modules that fail never failing a reply, a provider that fails leaving a retryable `failed` reply, cancel,
 * recovery after a stop, runModule, list paging, and delete cascading to messages, state and memories.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { recoverConversations } from "@shortlist/api";
import { BUILTIN_ACKNOWLEDGEMENT } from "../src/conversations/providers/builtin";
import { rejection, useTestApi } from "./helpers";

const api = useTestApi();
let recruiter: Awaited<ReturnType<typeof api.signedIn>>["caller"];

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

beforeAll(async () => {
  recruiter = (await api.signedIn("recruiter")).caller;
});

interface ModuleRow {
  name?: string;
  content?: string;
  type?: "simple" | "advanced";
  script?: string | null;
  executionContext?: "IMMEDIATE" | "POST_RESPONSE" | "ON_DEMAND";
  stagePriority?: number;
  requiresAi?: boolean;
}

async function newModule(module: ModuleRow): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `insert into chat_modules (name, content, type, script, execution_context, stage_priority, requires_ai)
     values (?, ?, ?, ?, ?, ?, ?) returning id`,
    [
      module.name ?? `Module ${randomUUID()}`,
      module.content ?? "",
      module.type ?? (module.script ? "advanced" : "simple"),
      module.script ?? null,
      module.executionContext ?? "IMMEDIATE",
      module.stagePriority ?? 100,
      module.requiresAi ?? false,
    ],
  );
  return row!.id;
}

async function newPersona(
  options: { modules?: string[]; firstMessage?: string; provider?: string; baseUrl?: string; active?: boolean } = {},
) {
  const [row] = await sql<{ id: string }>(
    `insert into personas (name, template, first_message, provider, model, provider_options, active)
     values (?, 'You interview {{ variables.name | default: "someone" }}.', ?, ?, ?, ?::jsonb, ?) returning id`,
    [
      `Persona ${randomUUID()}`,
      options.firstMessage ?? null,
      options.provider ?? "builtin",
      options.provider === "openai-compatible" ? "test-model" : null,
      JSON.stringify(options.baseUrl ? { baseUrl: options.baseUrl, timeoutMs: 5_000 } : {}),
      options.active ?? true,
    ],
  );
  for (const [position, moduleId] of (options.modules ?? []).entries()) {
    await sql("insert into persona_modules (persona_id, module_id, position) values (?, ?, ?)", [
      row!.id,
      moduleId,
      position,
    ]);
  }
  return row!.id;
}

const start = async (personaId: string, variables: Record<string, string | number> = {}) =>
  (await recruiter.conversations.start({ personaId, variables })).conversation;

async function sendAndAwait(conversationId: string, content: string) {
  const { message, reply } = await recruiter.conversations.send({ conversationId, content });
  return { message, reply: await recruiter.conversations.awaitReply({ messageId: reply.id, timeoutMs: 10_000 }) };
}

describe("send and reply", () => {
  test("the message is stored with a pending reply; the built-in provider completes it with its acknowledgement", async () => {
    const conversation = await start(await newPersona(), { name: "Ada" });
    expect(conversation.title).toMatch(/^Persona .* · \d{4}-\d\d-\d\d$/);
    const { message, reply } = await recruiter.conversations.send({ conversationId: conversation.id, content: "Hi" });
    expect([message.seq, message.role, message.status]).toEqual([1, "user", "complete"]);
    expect([reply.seq, reply.role, reply.status, reply.replyToId]).toEqual([2, "assistant", "pending", message.id]);
    const done = await recruiter.conversations.awaitReply({ messageId: reply.id, timeoutMs: 10_000 });
    expect(done.status).toBe("complete");
    expect(done.content).toBe(BUILTIN_ACKNOWLEDGEMENT);
    expect(done.outputTokens).toBe(BUILTIN_ACKNOWLEDGEMENT.split(" ").length);
    expect(done.inputTokens).toBeGreaterThan(0);
    const view = await recruiter.conversations.get({ id: conversation.id });
    expect(view.messages.map((m) => [m.seq, m.role, m.status])).toEqual([
      [1, "user", "complete"],
      [2, "assistant", "complete"],
    ]);
    expect(view.conversation.messageCount).toBe(2);
  });

  test("the persona's first message opens the conversation, rendered with its variables", async () => {
    const personaId = await newPersona({ firstMessage: "Hello {{ variables.name }}, shall we begin?" });
    const view = await recruiter.conversations.start({ personaId, variables: { name: "Grace" }, title: "Intro" });
    expect(view.conversation.title).toBe("Intro");
    expect(view.messages.map((m) => [m.seq, m.role, m.content])).toEqual([
      [1, "assistant", "Hello Grace, shall we begin?"],
    ]);
    const { message } = await sendAndAwait(view.conversation.id, "Yes");
    expect(message.seq).toBe(2);
  });

  test("an inactive persona starts nothing; an unknown candidate is not found", async () => {
    const inactive = await newPersona({ active: false });
    const refused = await rejection(recruiter.conversations.start({ personaId: inactive }));
    expect(refused.cause).toMatchObject({ reason: "precondition_failed" });
    const missing = await rejection(
      recruiter.conversations.start({ personaId: await newPersona(), candidateId: randomUUID() }),
    );
    expect(missing.code).toBe("NOT_FOUND");
  });

  test("ten messages sent in a tight loop: replies in order, seqs gap-free, each answering its own message", async () => {
    const counter = await newModule({
      script: `{"state": {"count": ($exists(state.count) ? state.count : 0) + 1}, "say": "Message " & message}`,
    });
    const conversation = await start(await newPersona({ modules: [counter] }));
    const sent = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        recruiter.conversations.send({ conversationId: conversation.id, content: `m${i}` }),
      ),
    );
    await Promise.all(sent.map(({ reply }) => recruiter.conversations.awaitReply({ messageId: reply.id })));
    const { messages } = await recruiter.conversations.get({ id: conversation.id });
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (let i = 0; i < 20; i += 2) {
      const [user, reply] = [messages[i]!, messages[i + 1]!];
      expect([user.role, reply.role, reply.status, reply.replyToId]).toEqual([
        "user",
        "assistant",
        "complete",
        user.id,
      ]);
      expect(reply.content).toBe(`Message ${user.content}`);
      // Replies ran one at a time in seq order: the n-th reply saw the counter at n.
      expect(reply.trace[0]!.stateChanges).toEqual([{ key: "count", before: i / 2 || null, after: i / 2 + 1 }]);
    }
  });

  test("two conversations interleave, each in its own order", async () => {
    const personaId = await newPersona();
    const [a, b] = [await start(personaId), await start(personaId)];
    const replies = [];
    for (let i = 0; i < 4; i++) {
      for (const conversation of [a, b]) {
        replies.push((await recruiter.conversations.send({ conversationId: conversation.id, content: `x${i}` })).reply);
      }
    }
    const done = await Promise.all(replies.map((r) => recruiter.conversations.awaitReply({ messageId: r.id })));
    expect(done.every((r) => r.status === "complete")).toBe(true);
    for (const conversation of [a, b]) {
      const { messages } = await recruiter.conversations.get({ id: conversation.id });
      expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });
});

describe("modules in the pipeline", () => {
  test("a module failing at run time is skipped with its error in the trace; the reply still completes", async () => {
    const failing = await newModule({ name: `Failing ${randomUUID()}`, script: `$error("boom")` });
    const greeter = await newModule({ script: `{"say": "Welcome."}`, stagePriority: 200 });
    const skipped = await newModule({ requiresAi: true, content: "needs a model" });
    const after = await newModule({ executionContext: "POST_RESPONSE", script: `{"state": {"replied": reply}}` });
    const conversation = await start(await newPersona({ modules: [greeter, failing, skipped, after] }));
    const { reply } = await sendAndAwait(conversation.id, "Hello");
    expect(reply.status).toBe("complete");
    expect(reply.content).toBe("Welcome.");
    expect(reply.trace.map((t) => [t.stage, t.fired])).toEqual([
      ["IMMEDIATE", false],
      ["IMMEDIATE", false],
      ["IMMEDIATE", true],
      ["POST_RESPONSE", true],
    ]);
    expect(reply.trace[0]!.error).toMatch(/boom/);
    expect(reply.trace[1]!.reason).toMatch(/built-in provider/);
    const state = await recruiter.conversations.state({ conversationId: conversation.id });
    expect(state.map((s) => [s.key, s.value])).toEqual([["replied", "Welcome."]]);
  });

  test("state: listed with module names; setState is optimistic (a stale version is refused)", async () => {
    const name = `Mood ${randomUUID()}`;
    const mood = await newModule({ name, script: `{"state": {"mood": "calm"}}` });
    const conversation = await start(await newPersona({ modules: [mood] }));
    await sendAndAwait(conversation.id, "How are you?");
    const [row] = await recruiter.conversations.state({ conversationId: conversation.id });
    expect(row).toMatchObject({ moduleId: mood, moduleName: name, key: "mood", value: "calm", version: 1 });
    const saved = await recruiter.conversations.setState({ id: row!.id, value: { level: 3 }, version: row!.version });
    expect([saved.value, saved.version]).toEqual([{ level: 3 }, 2]);
    const stale = await rejection(recruiter.conversations.setState({ id: row!.id, value: "x", version: 1 }));
    expect(stale.cause).toMatchObject({ reason: "stale_version" });
    const [after] = await recruiter.conversations.state({ conversationId: conversation.id });
    expect(after!.value).toEqual({ level: 3 });
  });

  test("runModule runs an ON_DEMAND module against the last message and writes its state", async () => {
    const onDemand = await newModule({
      executionContext: "ON_DEMAND",
      script: `{"state": {"summary": "Said: " & message}}`,
    });
    const immediate = await newModule({});
    const conversation = await start(await newPersona({ modules: [onDemand, immediate] }));
    await sendAndAwait(conversation.id, "I like Postgres");
    const result = await recruiter.conversations.runModule({ conversationId: conversation.id, moduleId: onDemand });
    expect(result.stateChanges).toEqual([{ key: "summary", before: null, after: "Said: I like Postgres" }]);
    const state = await recruiter.conversations.state({ conversationId: conversation.id });
    expect(state.find((s) => s.key === "summary")!.value).toBe("Said: I like Postgres");
    const refused = await rejection(
      recruiter.conversations.runModule({ conversationId: conversation.id, moduleId: immediate }),
    );
    expect(refused.cause).toMatchObject({ reason: "invalid_input" });
  });
});

describe("failures, cancel and recovery", () => {
  test("a provider that cannot be reached: the reply fails with a clear error, the message stays, retry fails the same way", async () => {
    const personaId = await newPersona({ provider: "openai-compatible", baseUrl: "http://127.0.0.1:9/v1" });
    const conversation = await start(personaId);
    const { message, reply } = await sendAndAwait(conversation.id, "Anyone there?");
    expect(reply.status).toBe("failed");
    expect(reply.error).toBeTruthy();
    expect(reply.error).not.toMatch(/internal error/);
    const retried = await recruiter.conversations.retry({ id: reply.id });
    expect([retried.status, retried.error]).toEqual(["pending", null]);
    const again = await recruiter.conversations.awaitReply({ messageId: reply.id, timeoutMs: 10_000 });
    expect([again.status, again.error]).toEqual(["failed", reply.error]);
    const { messages } = await recruiter.conversations.get({ id: conversation.id });
    expect(messages.find((m) => m.id === message.id)).toMatchObject({ status: "complete", content: "Anyone there?" });
  });

  test("retry refuses a reply that is complete", async () => {
    const conversation = await start(await newPersona());
    const { reply } = await sendAndAwait(conversation.id, "Hi");
    const refused = await rejection(recruiter.conversations.retry({ id: reply.id }));
    expect(refused.cause).toMatchObject({ reason: "precondition_failed" });
  });

  async function insertExchange(conversationId: string, status: "pending" | "streaming") {
    const [user] = await sql<{ id: string }>(
      "insert into chat_messages (conversation_id, seq, role, content) values (?, 1, 'user', ?) returning id",
      [conversationId, "Still there?"],
    );
    const [reply] = await sql<{ id: string }>(
      `insert into chat_messages (conversation_id, seq, role, status, content, reply_to_id)
       values (?, 2, 'assistant', ?, 'Half a sen', ?) returning id`,
      [conversationId, status, user!.id],
    );
    await sql("update conversations set last_seq = 2 where id = ?", [conversationId]);
    return reply!.id;
  }

  test("cancel: a pending reply is kept as incomplete and can be retried", async () => {
    const conversation = await start(await newPersona());
    const replyId = await insertExchange(conversation.id, "pending");
    const cancelled = await recruiter.conversations.cancel({ id: replyId });
    expect(cancelled.status).toBe("incomplete");
    await recruiter.conversations.retry({ id: replyId });
    const done = await recruiter.conversations.awaitReply({ messageId: replyId });
    expect([done.status, done.content]).toEqual(["complete", BUILTIN_ACKNOWLEDGEMENT]);
  });

  test("recovery: a reply left streaming by a stopped server becomes incomplete; retried, it completes", async () => {
    const conversation = await start(await newPersona());
    const replyId = await insertExchange(conversation.id, "streaming");
    const recovered = await recoverConversations(api.deps);
    expect(recovered.incomplete).toBeGreaterThanOrEqual(1);
    const [left] = await sql<{ status: string; error: string }>(
      "select status, error from chat_messages where id = ?",
      [replyId],
    );
    expect(left!.status).toBe("incomplete");
    expect(left!.error).toMatch(/server stopped/);
    const { messages } = await recruiter.conversations.get({ id: conversation.id });
    expect(messages[0]).toMatchObject({ role: "user", status: "complete", content: "Still there?" });
    await recruiter.conversations.retry({ id: replyId });
    const done = await recruiter.conversations.awaitReply({ messageId: replyId });
    expect(done.status).toBe("complete");
  });

  test("recovery resumes pending replies", async () => {
    const conversation = await start(await newPersona());
    const replyId = await insertExchange(conversation.id, "pending");
    await recoverConversations(api.deps);
    const done = await recruiter.conversations.awaitReply({ messageId: replyId });
    expect(done.status).toBe("complete");
  });
});

describe("list and delete", () => {
  test("list pages by the last change, newest first", async () => {
    const personaId = await newPersona();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await start(personaId)).id);
    await sendAndAwait(ids[0]!, "bump");
    const first = await recruiter.conversations.list({ personaId, limit: 2 });
    expect(first.items.map((c) => c.id)).toEqual([ids[0], ids[2]]);
    const second = await recruiter.conversations.list({ personaId, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((c) => c.id)).toEqual([ids[1]]);
    expect(second.nextCursor).toBeNull();
  });

  test("delete cascades to the messages, state and memories", async () => {
    const writer = await newModule({ script: `{"state": {"seen": true}}` });
    const conversation = await start(await newPersona({ modules: [writer] }));
    await sendAndAwait(conversation.id, "I prefer remote work and I will send my CV tomorrow");
    await recruiter.conversations.addMemory({ conversationId: conversation.id, content: "Likes tea" });
    const tables = ["chat_messages", "conversation_states", "conversation_memories"];
    const count = async (table: string) =>
      Number(
        (
          await sql<{ n: string }>(`select count(*) as n from ${table} where conversation_id = ?`, [conversation.id])
        )[0]!.n,
      );
    for (const table of tables) expect(await count(table), table).toBeGreaterThan(0);
    await recruiter.conversations.delete({ id: conversation.id });
    for (const table of tables) expect(await count(table), table).toBe(0);
    expect((await rejection(recruiter.conversations.get({ id: conversation.id }))).code).toBe("NOT_FOUND");
  });
});
