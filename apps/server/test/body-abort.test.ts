/**
 * Request bodies that never arrive (issue #7, finding 1): clients that declare a body, send part of
 * it and hang up, or trickle it byte by byte. None of them may hold a database connection, let alone
 * an open transaction: the app keeps answering, and PostgreSQL has no session idle in a transaction.
 */
import { connect, type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { initOrm } from "@shortlist/db";
import { useTestDatabase } from "@shortlist/db/testing";
import { createUser, PASSWORD, testConfig } from "../../../packages/api/test/helpers";
import { serveApp, tokenClient } from "./faults/helpers";

const DECLARED = 100;

const db = useTestDatabase({ env: { DB_POOL_MAX: "5" } });
let app: Awaited<ReturnType<typeof serveApp>>;
let admin: { email: string; password: string };
let bearer: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  app = await serveApp(db, testConfig(db.config, { DB_POOL_MAX: "5", SHORTLIST_BODY_TIMEOUT_MS: "2000" }));
  admin = await createUser(db.orm, "admin");
  bearer = (await tokenClient(app.url, admin.email, PASSWORD)).headers.authorization!;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await app?.close();
});

/** A POST that declares DECLARED bytes of JSON and sends only the first one; what the server answers is collected. */
function partialPost(path: string, headers: Record<string, string> = {}) {
  const socket = connect(app.port, "127.0.0.1");
  sockets.push(socket);
  const state = { answer: "", closed: false };
  socket.on("data", (d) => (state.answer += d.toString("latin1")));
  socket.on("error", () => {});
  socket.on("close", () => (state.closed = true));
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${app.port}\r\nContent-Type: application/json\r\n` +
      `${extra.join("")}Content-Length: ${DECLARED}\r\n\r\n{`,
  );
  return { socket, state };
}

async function pollUntil<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, limitMs = 20_000) {
  const until = Date.now() + limitMs;
  let last: T | undefined;
  while (Date.now() < until) {
    last = await probe().catch(() => undefined);
    if (last !== undefined && done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: still ${JSON.stringify(last)} after ${limitMs} ms`);
}

async function idleInTransaction(): Promise<number> {
  // A connection of its own: the app's pool may be the thing that is exhausted.
  const client = new pg.Client({ ...db.config, database: db.config.dbName });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "select count(*) as n from pg_stat_activity where datname = $1 and state like 'idle in transaction%'",
      [db.config.dbName],
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

const login = () =>
  fetch(`${app.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { email: admin.email, password: PASSWORD } }),
    signal: AbortSignal.timeout(5_000),
  });

test("50 aborted and 50 trickled bodies (anonymous sign-ins and signed-in mutations) hold no connection", async () => {
  const targets = (i: number) =>
    i % 2 === 0 ? partialPost("/trpc/auth.login") : partialPost("/trpc/candidates.create", { authorization: bearer });

  // Fifty hang up right after the first byte.
  const aborted = Array.from({ length: 50 }, (_, i) => targets(i));
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (const { socket } of aborted) socket.destroy();

  // Fifty trickle a byte at a time and would need far longer than the body timeout to finish.
  const slow = Array.from({ length: 50 }, (_, i) => targets(i));
  const trickle = setInterval(() => {
    for (const { socket } of slow) if (!socket.destroyed) socket.write(" ");
  }, 250);

  try {
    // While they trickle, the app answers.
    const health = await pollUntil(
      "GET /api/health/db",
      () => fetch(`${app.url}/api/health/db`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status),
      (status) => status === 200,
    );
    expect(health).toBe(200);
    const signedIn = await login();
    expect(signedIn.status).toBe(200);
    expect(await idleInTransaction()).toBe(0);

    // The server gives up on each slow body (408) and closes its connection.
    await pollUntil(
      "slow bodies closed by the server",
      async () => slow.filter(({ state }) => !state.closed).length,
      (open) => open === 0,
    );
    for (const { state } of slow) expect(state.answer).toMatch(/^HTTP\/1\.1 408 [^]*did not arrive within 2000 ms/);
  } finally {
    clearInterval(trickle);
  }

  await pollUntil("idle in transaction sessions", idleInTransaction, (n) => n === 0);
  expect((await fetch(`${app.url}/api/health/db`)).status).toBe(200);
  expect((await login()).status).toBe(200);
});

test("a session left idle inside a transaction by any other path is ended by PostgreSQL, and the pool recovers", async () => {
  const orm = await initOrm({ ...db.config, idleInTransactionTimeoutMs: 300, pool: { ...db.config.pool, max: 1 } });
  try {
    const em = orm.em.fork();
    await em.begin();
    await em.execute("select 1");
    expect(await idleInTransaction()).toBe(1);
    await pollUntil("idle in transaction sessions", idleInTransaction, (n) => n === 0);
    // The pool's only connection was the one PostgreSQL ended: it was given back and replaced.
    expect(await orm.em.fork().execute("select 1 as one")).toEqual([{ one: 1 }]);
  } finally {
    await orm.close(true);
  }
});
