/**
 * A conversation's live events over real HTTP (tRPC subscription as SSE, what httpSubscriptionLink reads): a sent
 * message's pending reply, its streamed deltas and the completed reply arrive in order; an open stream ends when
 * the server's conversations stop, so shutdown is not held up by it.
 */
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, expect, test } from "vitest";
import { stopConversations, type ContextDeps } from "@shortlist/api";
import { testKeyring, useTestDatabase } from "@shortlist/db/testing";
import { createUser, PASSWORD, testConfig } from "../../../packages/api/test/helpers";
import { createHttpServer } from "../src/app";

const db = useTestDatabase();
let deps: ContextDeps;
let server: Server;
let base = "";
let cookie = "";
let personaId = "";

beforeAll(async () => {
  deps = { orm: db.orm, config: testConfig(db.config), log: pino({ level: "silent" }), keyring: testKeyring() };
  server = createHttpServer(deps);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const user = await createUser(db.orm, "recruiter");
  const login = await post("auth.login", { email: user.email, password: PASSWORD });
  cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith("shortlist_session="))!
    .split(";")[0]!;
  const [persona] = await db.orm.em
    .fork()
    .execute<{ id: string }[]>(
      "insert into personas (name, template) values ('SSE persona', 'You help.') returning id",
    );
  personaId = persona!.id;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function post(path: string, input: unknown) {
  return fetch(`${base}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ json: input }),
  });
}

async function call<T>(path: string, input: unknown): Promise<T> {
  const res = await post(path, input);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

interface Event {
  type: "delta" | "message";
  messageId?: string;
  text?: string;
  message?: { id: string; status: string; content: string; role: string };
}

/** Opens the stream; `next()` answers the next data event (skipping tRPC's own connected and ping events). */
async function openEvents(conversationId: string, signal: AbortSignal) {
  const input = encodeURIComponent(JSON.stringify({ json: { conversationId } }));
  const res = await fetch(`${base}/trpc/conversations.events?input=${input}`, { headers: { cookie }, signal });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const events: Event[] = [];
  return {
    async next(): Promise<Event | null> {
      for (;;) {
        if (events.length > 0) return events.shift()!;
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split("\n");
          if (lines.some((l) => l.startsWith("event:"))) continue;
          const data = lines.filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim());
          if (data.length > 0) events.push((JSON.parse(data.join("\n")) as { json: Event }).json);
        }
      }
    },
  };
}

test("a sent message's reply streams to subscribers: pending, deltas with the text so far, then complete", async () => {
  const { conversation } = await call<{ conversation: { id: string } }>("conversations.start", { personaId });
  const abort = new AbortController();
  const stream = await openEvents(conversation.id, abort.signal);
  const { reply } = await call<{ reply: { id: string } }>("conversations.send", {
    conversationId: conversation.id,
    content: "Hello there",
  });
  const seen: Event[] = [];
  for (let event = await stream.next(); event; event = await stream.next()) {
    seen.push(event);
    if (event.type === "message" && event.message!.id === reply.id && event.message!.status === "complete") break;
  }
  abort.abort();
  const messages = seen.filter((e) => e.type === "message").map((e) => [e.message!.role, e.message!.status]);
  expect(messages).toEqual([
    ["user", "complete"],
    ["assistant", "pending"],
    ["assistant", "complete"],
  ]);
  const deltas = seen.filter((e) => e.type === "delta");
  expect(deltas.length).toBeGreaterThan(0);
  const final = seen.at(-1)!.message!.content;
  for (const delta of deltas) expect(final.startsWith(delta.text!)).toBe(true);
});

test("an unknown conversation's stream is refused", async () => {
  const input = encodeURIComponent(
    JSON.stringify({ json: { conversationId: "00000000-0000-4000-8000-000000000000" } }),
  );
  const res = await fetch(`${base}/trpc/conversations.events?input=${input}`, { headers: { cookie } });
  const text = await res.text();
  expect(text).toMatch(/not_found|NOT_FOUND/);
});

test("stopping the conversations ends open streams, so the server can close", async () => {
  const { conversation } = await call<{ conversation: { id: string } }>("conversations.start", { personaId });
  const stream = await openEvents(conversation.id, new AbortController().signal);
  const ended = (async () => {
    while ((await stream.next()) !== null);
    return "ended";
  })();
  await stopConversations(deps);
  expect(await Promise.race([ended, new Promise((r) => setTimeout(() => r("still open"), 5_000))])).toBe("ended");
  server.closeIdleConnections();
  const closed = new Promise((resolve) => server.close(() => resolve("closed")));
  expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r("held open"), 5_000))])).toBe("closed");
});
