import { createHash } from "node:crypto";
import type { Config } from "@shortlist/config";
import type { EntityManager } from "@shortlist/db";
import { dbRows } from "../db-rows";

/**
 * Failed sign-in counting, after OWASP's guidance, in three keys:
 * - `pair:<email>|<address>`: one address guessing one account is locked out of it for the lockout period;
 * - `address:<address>`: one address guessing many accounts is locked out of all of them;
 * - `account:<email>`: guesses from everywhere only slow the account down, by a wait that doubles
 *   per failure past the limit, capped, so a stranger can never keep the owner out for long.
 * Counting windows last the lockout period from their first failure, then start afresh.
 */
export type ThrottleKind = "pair" | "address" | "account";

export interface ThrottleKey {
  key: string;
  kind: ThrottleKind;
}

type Limits = Config["auth"];

export function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `pair:${email}|${ip ?? "unknown"}`, kind: "pair" }, accountKey(email)];
  // A call with no known address (not over HTTP) has no address to limit.
  if (ip) keys.push({ key: `address:${ip}`, kind: "address" });
  return keys;
}

/** The account's own key, for work on an account from no particular address (unlock, reset). */
export const accountKey = (email: string): ThrottleKey => ({ key: `account:${email}`, kind: "account" });

/**
 * Serialises sign-in attempts that share a key until the calling transaction ends, so a
 * batch of concurrent guesses is checked and counted one after another, like separate requests.
 * The locks are taken in one global order, so two attempts never wait on each other in a cycle.
 */
export async function lockThrottleKeys(em: EntityManager, keys: ThrottleKey[]) {
  const ids = keys.filter((k) => k.kind !== "pair").map((k) => advisoryKey(`shortlist.login:${k.key}`));
  for (const id of [...new Set(ids)].sort()) await em.execute("select pg_advisory_xact_lock(?::bigint)", [id]);
}

/** A 64-bit advisory lock id for a name, as a decimal string. */
export const advisoryKey = (name: string) =>
  BigInt.asIntN(64, BigInt(`0x${createHash("sha256").update(name).digest("hex").slice(0, 16)}`)).toString();

export async function lockedUntil(em: EntityManager, keys: ThrottleKey[], now: Date): Promise<Date | null> {
  const rows = await em.execute<{ locked_until: string | Date | null }[]>(
    "select max(locked_until) as locked_until from login_throttles where key in (?) and locked_until > ?",
    [keys.map((k) => k.key), now],
  );
  const until = rows[0]?.locked_until;
  return until ? new Date(until) : null;
}

/** How long a key is refused after its `failures`-th failure in the window (0: not at all). */
export function refusalMs(kind: ThrottleKind, failures: number, limits: Limits): number {
  if (kind === "account") {
    const past = failures - limits.maxFailuresPerAccount;
    return past < 0 ? 0 : Math.min(1000 * 2 ** Math.min(past, 30), limits.accountDelayMaxMs);
  }
  const max = kind === "pair" ? limits.maxFailuresPerAccount : limits.maxFailuresPerAddress;
  return failures >= max ? limits.lockoutMs : 0;
}

/** Counts one failure on every key; call with the keys locked (lockThrottleKeys). */
export async function recordFailure(em: EntityManager, keys: ThrottleKey[], limits: Limits, now: Date) {
  const windowStart = new Date(now.getTime() - limits.lockoutMs);
  const rows = dbRows<{ key: string; failures: number; windowStartedAt: Date }>(
    await em.execute("select key, failures, window_started_at from login_throttles where key in (?)", [
      keys.map((k) => k.key),
    ]),
    { dates: ["windowStartedAt"] },
  );
  for (const { key, kind } of keys) {
    const row = rows.find((r) => r.key === key);
    const fresh = !row || row.windowStartedAt < windowStart;
    const failures = fresh ? 1 : row.failures + 1;
    const wait = refusalMs(kind, failures, limits);
    await em.execute(
      `insert into login_throttles (key, failures, window_started_at, locked_until) values (?, ?, ?, ?)
       on conflict (key) do update set failures = excluded.failures,
         window_started_at = excluded.window_started_at, locked_until = excluded.locked_until`,
      [key, failures, fresh ? now : row.windowStartedAt, wait ? new Date(now.getTime() + wait) : null],
    );
  }
}

/** A successful sign-in forgets the account's failures and this address's on it (not the address's on others). */
export async function clearFailures(em: EntityManager, keys: ThrottleKey[]) {
  const cleared = keys.filter((k) => k.kind !== "address").map((k) => k.key);
  await em.execute("delete from login_throttles where key in (?)", [cleared]);
}

/** An admin's unlock: every lock and count on the account, from every address. */
export async function clearAccount(em: EntityManager, email: string): Promise<number> {
  const escaped = email.replace(/[\\%_]/g, (c) => `\\${c}`);
  const result = await em.execute(
    "delete from login_throttles where key = ? or key like ?",
    [`account:${email}`, `pair:${escaped}|%`],
    "run",
  );
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}
