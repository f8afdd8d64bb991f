/**
 * The database stops while requests are in flight, then starts again. The same
 * server process must answer SERVICE_UNAVAILABLE (HTTP 503) for procedures and
 * 503 on /api/health/db while it is down, recover on its own once it is back,
 * and every write it acknowledged before the stop must be there afterwards.
 *
 * The cluster is this file's own (stopping the shared test server would take
 * every other test file down with it).
 */
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadConfig } from "@shortlist/config";
import { startServer, type RunningServer } from "../../src/server";
import { freePort, OwnCluster, tokenClient, type TrpcHttp, type TrpcResult } from "./helpers";

const ADMIN = { email: "outage-admin@example.com", password: "outage admin password" };

let cluster: OwnCluster;
let server: RunningServer;
let api: TrpcHttp;

beforeAll(async () => {
  cluster = await OwnCluster.create();
  const config = loadConfig(
    {
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      HOST: "127.0.0.1",
      PORT: String(await freePort()),
      SHORTLIST_WEB_DIST: "/nonexistent",
      SHORTLIST_ADMIN_EMAIL: ADMIN.email,
      SHORTLIST_ADMIN_PASSWORD: ADMIN.password,
      DB_CONNECT_TIMEOUT_MS: "2000",
      ...cluster.env("shortlist"),
    },
    { readFiles: false },
  );
  // The real start path: opens the (external) database, migrates it, creates the first admin, listens.
  server = await startServer(config);
  api = await tokenClient(server.url, ADMIN.email, ADMIN.password);
});

afterAll(async () => {
  const pool = (await server.database.orm.em.getDriver().getConnection().getNativeClient()) as pg.Pool;
  console.log("pool", pool.totalCount, pool.idleCount, pool.waitingCount);
  console.time("orm.close"); await server.database.orm.close(true); console.timeEnd("orm.close");
  console.time("server.stop"); await server?.stop().catch(() => {}); console.timeEnd("server.stop");
  console.time("cluster"); await cluster?.destroy(); console.timeEnd("cluster");
});

async function storedEmails(): Promise<Set<string>> {
  const client = new pg.Client({ host: "127.0.0.1", port: cluster.port, user: "postgres", password: cluster.password, database: "shortlist" });
  await client.connect();
  try {
    const { rows } = await client.query<{ email: string }>("select email from candidates");
    return new Set(rows.map((r) => r.email));
  } finally {
    await client.end();
  }
}

/** Retries `probe` until it says yes; the bound is a number of tries, never a duration to assert. */
async function eventually(probe: () => Promise<boolean>, tries = 150, pauseMs = 200): Promise<number> {
  for (let attempt = 1; attempt <= tries; attempt++) {
    if (await probe()) return attempt;
    await sleep(pauseMs);
  }
  throw new Error(`still not so after ${tries} tries`);
}

test(
  "stopping PostgreSQL mid-flight: 503 / SERVICE_UNAVAILABLE while down, recovery in the same process, every acknowledged write kept",
  async () => {
    const acknowledged: string[] = [];
    const failures: { phase: "up" | "stopping" | "down"; result: TrpcResult }[] = [];
    let phase: "up" | "stopping" | "down" = "up";
    let writing = true;
    let sent = 0;

    // Eight clients writing one candidate after another, as fast as the server answers.
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let n = 0; writing; n++) {
        const email = `writer${w}-${n}@example.com`;
        sent++;
        const result = await api.mutation<{ id: string; email: string }>("candidates.create", {
          name: `Writer ${w} #${n}`,
          email,
          role: "Engineer",
          company: "OutageCo",
        });
        if (result.ok) acknowledged.push(result.data.email);
        else failures.push({ phase, result });
        // While the database is down every call fails at once; do not spin.
        if (!result.ok) await sleep(20);
      }
    });

    await eventually(async () => acknowledged.length >= 40, 500, 20);
    expect(failures).toEqual([]);

    phase = "stopping";
    await cluster.stop();
    phase = "down";
    const acknowledgedBeforeStop = acknowledged.length;
    // Let every writer meet the stopped database a few times.
    await eventually(async () => failures.filter((f) => f.phase === "down").length >= 16, 500, 20);

    const health = await fetch(`${server.url}/api/health/db`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "unavailable" });
    const list = await api.query("candidates.list", {});
    expect(list).toMatchObject({ ok: false, status: 503, error: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 } });

    writing = false;
    await Promise.all(writers);

    // Every failed call, in flight when the stop hit or sent while it was down, is a 503 SERVICE_UNAVAILABLE with its message.
    expect(failures.length).toBeGreaterThan(0);
    for (const { result } of failures) {
      expect(result).toMatchObject({ ok: false, status: 503, error: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 } });
      if (!result.ok) expect(result.error.message).toMatch(/database is unavailable/i);
    }

    await cluster.start();
    // The same process, untouched: its pool finds the database again by itself.
    await eventually(async () => (await fetch(`${server.url}/api/health/db`)).status === 200);
    await eventually(async () => (await api.query("candidates.list", {})).ok);
    const after = await api.mutation<{ email: string }>("candidates.create", {
      name: "After the restart",
      email: "after-restart@example.com",
      role: "Engineer",
      company: "OutageCo",
    });
    expect(after.ok).toBe(true);

    const stored = await storedEmails();
    const lost = acknowledged.filter((email) => !stored.has(email));
    expect(lost).toEqual([]);
    expect(stored.has("after-restart@example.com")).toBe(true);
    // Sanity: the stop really happened mid-stream (writes before it, refusals after it).
    expect(acknowledgedBeforeStop).toBeGreaterThanOrEqual(40);
    expect(sent).toBeGreaterThan(acknowledged.length);
  },
  180_000,
);
