/** deleteExpiredAuthRows: what the server's periodic cleanup deletes, and what it keeps, on a real database. */
import { randomBytes } from "node:crypto";
import { beforeAll, expect, test } from "vitest";
import { deleteExpiredAuthRows } from "@shortlist/api";
import type { Config } from "@shortlist/config";
import { useTestDatabase } from "@shortlist/db/testing";
import { createUser, testConfig } from "./helpers";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const db = useTestDatabase();
let config: Config;
let userId: string;
beforeAll(async () => {
  config = testConfig(db.config, { SESSION_IDLE_MINUTES: "120", LOGIN_LOCKOUT_MINUTES: "15" });
  userId = (await createUser(db.orm, "recruiter")).id;
});

const em = () => db.orm.em.fork();
const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);
const ahead = (now: Date, ms: number) => new Date(now.getTime() + ms);

async function addSession(label: string, lastSeenAt: Date, expiresAt: Date) {
  await em().execute(
    "insert into sessions (token_hash, user_id, last_seen_at, expires_at, user_agent) values (?, ?, ?, ?, ?)",
    [randomBytes(32).toString("hex"), userId, lastSeenAt, expiresAt, label],
  );
}

async function addThrottle(key: string, windowStartedAt: Date, lockedUntil: Date | null) {
  await em().execute(
    "insert into login_throttles (key, failures, window_started_at, locked_until) values (?, 3, ?, ?)",
    [key, windowStartedAt, lockedUntil],
  );
}

const sessionLabels = async () =>
  (await em().execute<{ user_agent: string }[]>("select user_agent from sessions order by user_agent")).map(
    (r) => r.user_agent,
  );
const throttleKeys = async () =>
  (await em().execute<{ key: string }[]>("select key from login_throttles order by key")).map((r) => r.key);

test("deletes sessions past their absolute expiry or idle too long, and throttle rows long past their window and lock", async () => {
  const now = new Date();
  await addSession("active", ago(now, MINUTE), ahead(now, HOUR));
  await addSession("idle-but-not-yet", ago(now, 119 * MINUTE), ahead(now, HOUR));
  await addSession("expired", ago(now, MINUTE), ago(now, 1));
  await addSession("idle-too-long", ago(now, 121 * MINUTE), ahead(now, HOUR));

  await addThrottle("account:current", ago(now, MINUTE), null);
  await addThrottle("pair:locked-now", ago(now, 2 * HOUR), ahead(now, 10 * MINUTE));
  await addThrottle("address:window-ended-today", ago(now, 3 * HOUR), ago(now, 2 * HOUR));
  await addThrottle("address:old", ago(now, 30 * HOUR), null);
  await addThrottle("pair:old-lock", ago(now, 40 * HOUR), ago(now, 39 * HOUR));

  expect(await deleteExpiredAuthRows(em(), config, now)).toEqual({ sessions: 2, loginThrottles: 2 });
  expect(await sessionLabels()).toEqual(["active", "idle-but-not-yet"]);
  expect(await throttleKeys()).toEqual(["account:current", "address:window-ended-today", "pair:locked-now"]);

  // Nothing left to do: a second pass deletes nothing.
  expect(await deleteExpiredAuthRows(em(), config, now)).toEqual({ sessions: 0, loginThrottles: 0 });
});

test("works through more rows than one batch", async () => {
  const now = new Date();
  const expired = ago(now, HOUR);
  await em().execute(
    `insert into sessions (token_hash, user_id, last_seen_at, expires_at, user_agent)
     select md5(random()::text || g::text) || md5(g::text), ?, ?, ?, 'bulk' from generate_series(1, 1203) g`,
    [userId, expired, expired],
  );
  await em().execute(
    `insert into login_throttles (key, failures, window_started_at, locked_until)
     select 'address:bulk-' || g, 1, ?, null from generate_series(1, 1001) g`,
    [ago(now, 48 * HOUR)],
  );
  expect(await deleteExpiredAuthRows(em(), config, now)).toEqual({ sessions: 1203, loginThrottles: 1001 });
  expect(await sessionLabels()).not.toContain("bulk");
  expect((await throttleKeys()).some((k) => k.startsWith("address:bulk-"))).toBe(false);
});
