/**
 * The database stops while requests are in flight, then starts again — twice.
 * The same server process must answer SERVICE_UNAVAILABLE (HTTP 503) for
 * procedures and 503 on /api/health/db while it is down, recover on its own
 * once it is back, and every write it acknowledged before a stop must be there
 * afterwards.
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
const POOL_MAX = 10;

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
      DB_POOL_MAX: String(POOL_MAX),
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
  await server?.stop().catch(() => {});
  await cluster?.destroy();
});

async function storedEmails(): Promise<Set<string>> {
  const client = new pg.Client({
    host: "127.0.0.1",
    port: cluster.port,
    user: "postgres",
    password: cluster.password,
    database: "shortlist",
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ email: string }>("select email from candidates");
    return new Set(rows.map((r) => r.email));
  } finally {
    await client.end();
  }
}

/** Retries `probe` until it says yes; the bound is a number of tries, never a duration to assert. */
async function eventually(probe: () => Promise<boolean>, tries = 150, pauseMs = 200): Promise<void> {
  for (let attempt = 1; attempt <= tries; attempt++) {
    if (await probe()) return;
    await sleep(pauseMs);
  }
  throw new Error(`still not so after ${tries} tries`);
}

type Phase = "up" | "stopping" | "down";

/** Writers stream creates; the cluster is stopped under them, checked while down, started again, and recovery awaited. */
async function outage(round: number, acknowledged: string[]) {
  const failures: { phase: Phase; result: TrpcResult }[] = [];
  let phase: Phase = "up";
  let writing = true;
  const ackedAtStart = acknowledged.length;

  // More clients than pooled connections, each writing one candidate after another as fast as the server answers.
  const writers = Array.from({ length: POOL_MAX + 6 }, async (_, w) => {
    for (let n = 0; writing; n++) {
      const result = await api.mutation<{ email: string }>("candidates.create", {
        name: `Writer ${w} #${n}`,
        email: `round${round}-writer${w}-${n}@example.com`,
        role: "Engineer",
        company: "OutageCo",
      });
      if (result.ok) acknowledged.push(result.data.email);
      else {
        failures.push({ phase, result });
        // While the database is down every call fails at once; do not spin.
        await sleep(20);
      }
    }
  });

  await eventually(async () => acknowledged.length - ackedAtStart >= 40, 500, 20);
  expect(failures).toEqual([]);

  phase = "stopping";
  await cluster.stop();
  phase = "down";
  // Let the writers meet the stopped database a number of times.
  await eventually(async () => failures.filter((f) => f.phase === "down").length >= 20, 500, 20);

  const health = await fetch(`${server.url}/api/health/db`);
  expect(health.status).toBe(503);
  expect(await health.json()).toMatchObject({ status: "unavailable" });
  const list = await api.query("candidates.list", {});
  expect(list).toMatchObject({ ok: false, status: 503, error: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 } });

  writing = false;
  await Promise.all(writers);

  // Every failed call, in flight when the stop hit or sent while it was down, is a 503 SERVICE_UNAVAILABLE.
  for (const { result } of failures) {
    expect(result).toMatchObject({ ok: false, status: 503, error: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 } });
    if (!result.ok) expect(result.error.message).toMatch(/database is unavailable/i);
  }

  await cluster.start();
  // The same process, untouched: its pool finds the database again by itself.
  await eventually(async () => (await fetch(`${server.url}/api/health/db`)).status === 200, 40, 250);
  await eventually(async () => (await api.query("candidates.list", {})).ok, 40, 250);

  // Recovered means the whole pool is usable again: a burst wider than the pool all succeeds.
  const burst = await Promise.all(
    Array.from({ length: POOL_MAX * 2 }, (_, i) =>
      api.mutation<{ email: string }>("candidates.create", {
        name: `After ${round} #${i}`,
        email: `after${round}-${i}@example.com`,
        role: "Engineer",
        company: "OutageCo",
      }),
    ),
  );
  expect(burst.filter((r) => !r.ok)).toEqual([]);
  for (const r of burst) if (r.ok) acknowledged.push(r.data.email);
}

test("stopping PostgreSQL mid-flight, twice: 503 / SERVICE_UNAVAILABLE while down, recovery in the same process, every acknowledged write kept", async () => {
  const acknowledged: string[] = [];
  await outage(1, acknowledged);
  await outage(2, acknowledged);

  const stored = await storedEmails();
  expect(acknowledged.filter((email) => !stored.has(email))).toEqual([]);
  expect(acknowledged.length).toBeGreaterThanOrEqual(2 * (40 + POOL_MAX * 2));
}, 240_000);
