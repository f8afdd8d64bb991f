import type { Config } from "@shortlist/config";
import type { EntityManager } from "@shortlist/db";

export interface CleanupCounts {
  sessions: number;
  loginThrottles: number;
}

const BATCH = 500;
/** Throttle rows are kept this long past their window and lock at least, so no rule ever reads a deleted count. */
const THROTTLE_KEEP_MS = 24 * 3_600_000;

/** Deletes the rows `selectIds` picks, BATCH at a time (short statements, short row locks), until none is left. */
async function deleteInBatches(em: EntityManager, table: string, column: string, where: string, params: unknown[]) {
  let total = 0;
  for (;;) {
    const deleted = await em.execute<{ n: string }[]>(
      `with gone as (
         delete from ${table} where ${column} in (select ${column} from ${table} where ${where} limit ${BATCH})
         returning 1)
       select count(*) as n from gone`,
      params,
    );
    const n = Number(deleted[0]?.n ?? 0);
    total += n;
    if (n < BATCH) return total;
  }
}

/**
 * Deletes sessions past their absolute expiry or idle too long (they are refused anyway), and
 * sign-in throttle rows whose counting window and lock ended long ago (they count for nothing).
 */
export async function deleteExpiredAuthRows(
  em: EntityManager,
  config: Config,
  now: Date = new Date(),
): Promise<CleanupCounts> {
  const idleSince = new Date(now.getTime() - config.auth.sessionIdleMs);
  const sessions = await deleteInBatches(em, "sessions", "id", "expires_at <= ? or last_seen_at < ?", [now, idleSince]);
  const stale = new Date(now.getTime() - Math.max(THROTTLE_KEEP_MS, 2 * config.auth.lockoutMs));
  const loginThrottles = await deleteInBatches(
    em,
    "login_throttles",
    "key",
    "window_started_at < ? and (locked_until is null or locked_until < ?)",
    [stale, stale],
  );
  return { sessions, loginThrottles };
}
