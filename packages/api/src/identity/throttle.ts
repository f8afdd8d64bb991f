import type { EntityManager } from "@shortlist/db";

/**
 * Failed sign-in counting per account and per address. A key that reaches its
 * limit inside one window is locked for `lockoutMs`, then starts afresh: a
 * stranger can slow an account down but never lock it out for good.
 */
export interface ThrottleRule {
  key: string;
  maxFailures: number;
}

export async function lockedUntil(em: EntityManager, keys: string[], now: Date): Promise<Date | null> {
  const rows = await em.execute<{ locked_until: string | Date | null }[]>(
    "select max(locked_until) as locked_until from login_throttles where key in (?) and locked_until > ?",
    [keys, now],
  );
  const until = rows[0]?.locked_until;
  return until ? new Date(until) : null;
}

export async function recordFailure(em: EntityManager, rules: ThrottleRule[], lockoutMs: number, now: Date) {
  const windowStart = new Date(now.getTime() - lockoutMs);
  const lockUntil = new Date(now.getTime() + lockoutMs);
  for (const { key, maxFailures } of rules) {
    await em.execute(
      `insert into login_throttles as t (key, failures, window_started_at, locked_until)
       values (?, 1, ?, case when 1 >= ? then ?::timestamptz end)
       on conflict (key) do update set
         failures = case when t.window_started_at < ? then 1 else t.failures + 1 end,
         window_started_at = case when t.window_started_at < ? then excluded.window_started_at else t.window_started_at end,
         locked_until = case
           when (case when t.window_started_at < ? then 1 else t.failures + 1 end) >= ? then ?::timestamptz
           else t.locked_until end`,
      [key, now, maxFailures, lockUntil, windowStart, windowStart, windowStart, maxFailures, lockUntil],
    );
  }
}

export async function clearFailures(em: EntityManager, key: string) {
  await em.execute("delete from login_throttles where key = ?", [key]);
}
