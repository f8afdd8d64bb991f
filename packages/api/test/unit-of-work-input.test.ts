/**
 * The unit of work takes no connection (and opens no transaction) until the whole input is read,
 * whatever HTTP adapter hands tRPC the body: here tRPC's own fetch adapter with a body that stalls.
 */
import { randomUUID } from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import pino from "pino";
import { expect, test } from "vitest";
import { appRouter, createRequestContext } from "@shortlist/api";
import { testKeyring, useTestDatabase } from "@shortlist/db/testing";
import { testConfig } from "./helpers";

const db = useTestDatabase({ env: { DB_POOL_MAX: "1", DB_CONNECT_TIMEOUT_MS: "2000" } });

test("a mutation whose body stalls holds no connection while tRPC waits for the rest", async () => {
  let firstRead!: () => void;
  const reading = new Promise<void>((resolve) => (firstRead = resolve));
  let cutOff!: (error: Error) => void;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        cutOff = (error) => controller.error(error);
        firstRead();
        controller.enqueue(new TextEncoder().encode('{"json":{"email":"a@example.com",'));
        return new Promise<void>(() => {}); // the rest never comes
      },
    },
    { highWaterMark: 0 },
  );
  const config = testConfig(db.config);
  const answer = fetchRequestHandler({
    endpoint: "/trpc",
    router: appRouter,
    req: new Request("http://localhost/trpc/auth.login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit),
    createContext: () =>
      createRequestContext(
        { orm: db.orm, config, log: pino({ level: "silent" }), keyring: testKeyring() },
        { sessionToken: null, bearerToken: null },
        {
          requestId: randomUUID(),
          ip: "127.0.0.1",
          userAgent: "vitest",
          cookies: { setSession() {}, clearSession() {} },
        },
      ),
  });

  await reading;
  // The pool's only connection is free: nothing of the procedure holds it while the body is awaited.
  const [row] = await db.orm.em
    .fork()
    .execute<{ n: string }[]>(
      "select count(*) as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'",
    );
  expect(Number(row!.n)).toBe(0);

  cutOff(new Error("the client went away"));
  const res = await answer;
  expect(res.status).toBeGreaterThanOrEqual(400);
});
