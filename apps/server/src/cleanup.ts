import { deleteExpiredAuthRows, type CleanupCounts } from "@shortlist/api";
import type { Config } from "@shortlist/config";
import type { MikroORM } from "@shortlist/db";
import type { Logger } from "pino";

export interface PeriodicCleanup {
  /** Runs one pass now (the interval runs them too); resolves with what it deleted, or null when it failed. */
  runOnce(): Promise<CleanupCounts | null>;
  /** Clears the interval and waits for a pass in progress. */
  stop(): Promise<void>;
  readonly running: boolean;
}

/**
 * Deletes expired sessions and old sign-in throttle rows every `config.cleanupIntervalMs`. The
 * timer is unref'd (it never keeps the process alive); a failed pass is logged and the next one tries again.
 */
export function startPeriodicCleanup({ orm, config, log }: { orm: MikroORM; config: Config; log: Logger }) {
  let inFlight: Promise<CleanupCounts | null> | null = null;
  const runOnce = () =>
    (inFlight ??= deleteExpiredAuthRows(orm.em.fork(), config)
      .then((counts) => {
        if (counts.sessions || counts.loginThrottles) log.info(counts, "cleanup: deleted expired auth rows");
        return counts;
      })
      .catch((error: unknown) => {
        log.error({ err: error }, "cleanup of expired sessions and throttle rows failed; will try again");
        return null;
      })
      .finally(() => (inFlight = null)));

  let timer: NodeJS.Timeout | null = setInterval(() => void runOnce(), config.cleanupIntervalMs).unref();
  const cleanup: PeriodicCleanup = {
    runOnce,
    get running() {
      return timer !== null;
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await inFlight;
    },
  };
  return cleanup;
}
