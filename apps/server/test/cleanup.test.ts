/** The server runs the expired-session cleanup on an interval from start to stop; a failed pass is logged, not fatal. */
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, expect, test } from "vitest";
import { freePort } from "@shortlist/db/net";
import { useTestDatabase } from "@shortlist/db/testing";
import { initOrm } from "@shortlist/db";
import { createUser, testConfig } from "../../../packages/api/test/helpers";
import { startPeriodicCleanup } from "../src/cleanup";
import { startServer, type RunningServer } from "../src/server";

const db = useTestDatabase();
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop();
});

async function expiredSession(userId: string) {
  const past = new Date(Date.now() - 60_000);
  await db.orm.em
    .fork()
    .execute("insert into sessions (token_hash, user_id, last_seen_at, expires_at) values (?, ?, ?, ?)", [
      randomBytes(32).toString("hex"),
      userId,
      past,
      past,
    ]);
}

const sessionCount = async () =>
  Number((await db.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from sessions"))[0]!.n);

async function eventually(what: string, check: () => Promise<boolean>, limitMs = 20_000) {
  const until = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what}: not within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("startServer runs the cleanup every SHORTLIST_CLEANUP_INTERVAL_MS and stop() ends it", async () => {
  const { id } = await createUser(db.orm, "viewer");
  const config = testConfig(db.ownerConfig, {
    HOST: "127.0.0.1",
    PORT: String(await freePort()),
    SHORTLIST_WEB_DIST: "/nonexistent",
    SHORTLIST_CLEANUP_INTERVAL_MS: "100",
  });
  server = await startServer(config);
  expect(server.cleanup.running).toBe(true);

  // Two rounds: the first pass at start, then the interval.
  for (let round = 0; round < 2; round++) {
    await expiredSession(id);
    await eventually("the expired session is deleted", async () => (await sessionCount()) === 0);
  }

  await server.stop();
  expect(server.cleanup.running).toBe(false);
  server = undefined;
});

test("a failing pass is logged and resolves; the interval keeps going until stopped", async () => {
  const lines: string[] = [];
  const log = pino(
    { level: "error" },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  // An ORM whose database is not there: nothing listens on its port.
  const orm = await initOrm({ ...db.config, port: await freePort(), connectTimeoutMs: 1_000 });
  const cleanup = startPeriodicCleanup({ orm, config: testConfig(db.config), log });
  try {
    expect(await cleanup.runOnce()).toBeNull();
    expect(cleanup.running).toBe(true);
    expect(lines.join("")).toMatch(/cleanup of expired sessions and throttle rows failed/);
  } finally {
    await cleanup.stop();
    await orm.close(true);
  }
  expect(cleanup.running).toBe(false);
});
