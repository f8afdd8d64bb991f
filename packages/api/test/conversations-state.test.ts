/**
 * Conversation state and persona drivers: a driver's opening turn and its turns on each message (its state is the
 * persona's own, module null), module state beside it, the list with module names, optimistic setState with its
 * audit event, and every write bumping the row's version.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, expect, test } from "vitest";
import { registerDriver } from "../src/conversations";
import { rejection, useTestApi } from "./helpers";

const api = useTestApi();
let recruiter: Awaited<ReturnType<typeof api.signedIn>>["caller"];

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

/** A scripted interviewer: asks planned questions in order, keeping its place in the persona's own state. */
const QUESTIONS = ["What do you do?", "Where do you work?", "Why this role?"];
registerDriver("interviewer", {
  async start() {
    return { state: { asked: 1 }, directives: { say: ["Welcome."], ask: QUESTIONS[0]!, quickReplies: ["Skip"] } };
  },
  async onMessage({ state }, message) {
    const asked = Number(state.asked ?? 0);
    const next = QUESTIONS[asked];
    return {
      state: { asked: asked + 1, [`answer${asked}`]: message },
      directives: next ? { ask: next } : { say: ["That is all, thank you."], end: true },
      note: `question ${asked + 1}`,
    };
  },
});

let personaId: string;
let moduleId: string;
const moduleName = `Tone ${randomUUID()}`;
beforeAll(async () => {
  recruiter = (await api.signedIn("recruiter")).caller;
  const [module] = await sql<{ id: string }>(
    `insert into chat_modules (name, type, script) values (?, 'advanced', ?) returning id`,
    [moduleName, `{"state": {"tone": $contains(message, "!") ? "excited" : "calm"}}`],
  );
  moduleId = module!.id;
  const [persona] = await sql<{ id: string }>(
    "insert into personas (name, template, mode) values (?, 'Interview. Asked so far: {{ state.asked }}', 'interviewer') returning id",
    [`Interviewer ${randomUUID()}`],
  );
  personaId = persona!.id;
  await sql("insert into persona_modules (persona_id, module_id, position) values (?, ?, 0)", [personaId, moduleId]);
});

async function send(conversationId: string, content: string) {
  const { reply } = await recruiter.conversations.send({ conversationId, content });
  return recruiter.conversations.awaitReply({ messageId: reply.id, timeoutMs: 10_000 });
}

test("a driver opens the conversation, says what comes next on each message, and keeps the persona's own state", async () => {
  const view = await recruiter.conversations.start({ personaId });
  expect(view.messages).toHaveLength(1);
  expect(view.messages[0]).toMatchObject({
    role: "assistant",
    content: `Welcome.\n\n${QUESTIONS[0]}`,
    quickReplies: ["Skip"],
  });
  expect(view.messages[0]!.trace[0]).toMatchObject({ stage: "DRIVER", moduleId: null });
  const conversationId = view.conversation.id;

  const first = await send(conversationId, "I nurse!");
  expect(first.content).toBe(QUESTIONS[1]);
  expect(first.trace.map((t) => [t.stage, t.reason])).toEqual([
    ["DRIVER", "question 2"],
    ["IMMEDIATE", expect.any(String)],
  ]);
  expect(first.trace[0]!.stateChanges).toEqual([
    { key: "asked", before: 1, after: 2 },
    { key: "answer1", before: null, after: "I nurse!" },
  ]);
  await send(conversationId, "At the hospital");
  await send(conversationId, "Because I care");
  const last = await send(conversationId, "Done");
  expect(last.content).toBe("That is all, thank you.");

  const state = await recruiter.conversations.state({ conversationId });
  // The persona's own state first (module null), then each module's, by key.
  expect(state.map((s) => [s.moduleName, s.key, s.value])).toEqual([
    [null, "answer1", "I nurse!"],
    [null, "answer2", "At the hospital"],
    [null, "answer3", "Because I care"],
    [null, "answer4", "Done"],
    [null, "asked", 5],
    [moduleName, "tone", "calm"],
  ]);
  // Version 1 at the first write, +1 on each later one: "asked" at the start and on all four messages; "tone"
  // only when its value changed (excited, then calm three times).
  expect(state.find((s) => s.key === "asked")!.version).toBe(5);
  expect(state.find((s) => s.key === "tone")!.version).toBe(2);
});

test("setState: optimistic on the version, audited, refused when stale or unknown", async () => {
  const { conversation } = await recruiter.conversations.start({ personaId });
  await send(conversation.id, "Hi!");
  const tone = (await recruiter.conversations.state({ conversationId: conversation.id })).find(
    (s) => s.key === "tone",
  )!;
  expect(tone).toMatchObject({ moduleId, value: "excited", version: 1 });

  const saved = await recruiter.conversations.setState({ id: tone.id, value: "curious", version: 1 });
  expect([saved.value, saved.version, saved.moduleName]).toEqual(["curious", 2, moduleName]);
  const stale = await rejection(recruiter.conversations.setState({ id: tone.id, value: "bored", version: 1 }));
  expect(stale.cause).toMatchObject({ reason: "stale_version" });
  const unknown = await rejection(recruiter.conversations.setState({ id: randomUUID(), value: 1, version: 1 }));
  expect(unknown.code).toBe("NOT_FOUND");

  const events = await sql<{ change: { before: unknown; after: unknown } }>(
    "select change from audit_events where action = 'conversations.setState' and entity_id = ?",
    [conversation.id],
  );
  expect(events).toHaveLength(1);
  expect(events[0]!.change).toMatchObject({
    before: { state: { key: "tone", value: "excited" } },
    after: { state: { key: "tone", value: "curious" } },
  });

  // The module reads its state as it now is.
  await send(conversation.id, "calm now");
  const after = (await recruiter.conversations.state({ conversationId: conversation.id })).find(
    (s) => s.key === "tone",
  )!;
  expect([after.value, after.version]).toEqual(["calm", 3]);
});

test("state of an unknown conversation is not found", async () => {
  const missing = await rejection(recruiter.conversations.state({ conversationId: randomUUID() }));
  expect(missing.code).toBe("NOT_FOUND");
});
