/**
 * The pipeline with a model (the openai-compatible provider against a local fake /v1/chat/completions server):
 * what the model is sent (rendered system prompt with the fired modules' content, the history), what is stored
 * (text, reasoning, the server's token counts), and the ways a reply ends early: cancelled mid-stream (incomplete,
 * the text so far kept, retryable), timed out and refused by the server (failed, said so a person can act on it).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startFakeLlm, type FakeLlm } from "./fixtures/fake-llm-server";
import { useTestApi } from "./helpers";

const api = useTestApi();
let recruiter: Awaited<ReturnType<typeof api.signedIn>>["caller"];
let llm: FakeLlm;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

beforeAll(async () => {
  recruiter = (await api.signedIn("recruiter")).caller;
  llm = await startFakeLlm();
});
afterAll(() => llm?.close());

async function modelConversation(timeoutMs = 10_000) {
  const [module] = await sql<{ id: string }>(
    "insert into chat_modules (name, content, trigger_kind, trigger_keywords) values (?, ?, 'keywords', '{salary}') returning id",
    [`Salary ${randomUUID()}`, "When salary comes up, ask for a range."],
  );
  const [persona] = await sql<{ id: string }>(
    `insert into personas (name, template, provider, model, provider_options)
     values (?, 'You interview {{ variables.name }}.', 'openai-compatible', 'test-model', ?::jsonb) returning id`,
    [`Model persona ${randomUUID()}`, JSON.stringify({ baseUrl: llm.baseUrl, timeoutMs })],
  );
  await sql("insert into persona_modules (persona_id, module_id, position) values (?, ?, 0)", [
    persona!.id,
    module!.id,
  ]);
  const { conversation } = await recruiter.conversations.start({ personaId: persona!.id, variables: { name: "Ada" } });
  return conversation.id;
}

async function send(conversationId: string, content: string) {
  const { reply } = await recruiter.conversations.send({ conversationId, content });
  return reply;
}
const settle = (id: string) => recruiter.conversations.awaitReply({ messageId: id, timeoutMs: 15_000 });

test("the model gets the rendered prompt with the fired module's content and the history; text, reasoning and tokens are stored", async () => {
  const conversationId = await modelConversation();
  llm.setScript([
    { kind: "reply", text: "Hello Ada.", usage: { prompt_tokens: 11, completion_tokens: 3 } },
    {
      kind: "reply",
      text: "What range?",
      reasoning: "They raised pay.",
      usage: { prompt_tokens: 30, completion_tokens: 2 },
    },
  ]);
  const first = await settle((await send(conversationId, "Hi")).id);
  expect([first.status, first.content, first.inputTokens, first.outputTokens]).toEqual([
    "complete",
    "Hello Ada.",
    11,
    3,
  ]);
  const second = await settle((await send(conversationId, "What about salary?")).id);
  expect([second.content, second.reasoning, second.inputTokens]).toEqual(["What range?", "They raised pay.", 30]);
  expect(second.latencyMs).toBeGreaterThanOrEqual(0);
  expect(second.trace[0]).toMatchObject({ stage: "IMMEDIATE", fired: true });

  const sent = llm.requests.at(-1)!.body.messages!;
  expect(sent[0]).toEqual({ role: "system", content: "You interview Ada.\n\nWhen salary comes up, ask for a range." });
  expect(sent.slice(1).map((m) => [m.role, m.content])).toEqual([
    ["user", "Hi"],
    ["assistant", "Hello Ada."],
    ["user", "What about salary?"],
  ]);
});

test("cancel mid-stream: the reply is kept incomplete with its text so far; retried, it completes", async () => {
  const conversationId = await modelConversation();
  llm.setScript([
    { kind: "stall", text: "Half a" },
    { kind: "reply", text: "A whole answer." },
  ]);
  const reply = await send(conversationId, "Tell me everything");
  for (let i = 0; i < 100; i++) {
    const [row] = await sql<{ status: string }>("select status from chat_messages where id = ?", [reply.id]);
    if (row!.status === "streaming" && llm.requests.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // The stalled chunk has arrived once the delta is out; give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const cancelled = await recruiter.conversations.cancel({ id: reply.id });
  expect(cancelled.status).toBe("incomplete");
  expect(cancelled.content).toBe("Half a");
  expect(cancelled.error).toMatch(/retry/i);
  await recruiter.conversations.retry({ id: reply.id });
  const done = await settle(reply.id);
  expect([done.status, done.content, done.error]).toEqual(["complete", "A whole answer.", null]);
});

test("a model that stalls past the timeout: the reply fails saying so; the user's message stays", async () => {
  const conversationId = await modelConversation(1_000);
  llm.setScript([{ kind: "stall" }]);
  const reply = await settle((await send(conversationId, "Slow?")).id);
  expect(reply.status).toBe("failed");
  expect(reply.error).toMatch(/time|respond|finish/i);
  const { messages } = await recruiter.conversations.get({ id: conversationId });
  expect(messages.find((m) => m.role === "user")).toMatchObject({ content: "Slow?", status: "complete" });
});

test("a server that refuses: the reply fails with its reason, retryable", async () => {
  const conversationId = await modelConversation();
  llm.setScript([
    { kind: "error", status: 400, message: "model 'test-model' not found" },
    { kind: "reply", text: "Back." },
  ]);
  const reply = await settle((await send(conversationId, "Hi")).id);
  expect(reply.status).toBe("failed");
  expect(reply.error).toBeTruthy();
  expect(reply.error).not.toMatch(/internal error/);
  await recruiter.conversations.retry({ id: reply.id });
  expect((await settle(reply.id)).content).toBe("Back.");
});
