import { readdir } from "node:fs/promises";
import { checkpointsFolder, saveCheckpoint, signCheckpoint } from "@shortlist/api";
import type { Config } from "@shortlist/config";
import { chainHead, chainPending, type Checkpoint, type Keyring, type MikroORM } from "@shortlist/db";
import type { Logger } from "pino";

export interface CheckpointWriter {
  /** Writes a checkpoint now if one is due; resolves with it, null when none was due, or undefined when the pass failed. */
  runOnce(options?: { force?: boolean }): Promise<Checkpoint | null | undefined>;
  /** Clears the timer, waits for a pass in progress and writes a last checkpoint if events arrived since the previous one. */
  stop(): Promise<void>;
}

/** The sequence number of the newest checkpoint file already in the folder (0 when there is none). */
async function lastSavedSeq(config: Pick<Config, "dataDir">): Promise<number> {
  const names = await readdir(checkpointsFolder(config)).catch(() => [] as string[]);
  const seqs = names.map((n) => /^checkpoint-(\d+)-.*\.json$/.exec(n)?.[1]).filter((s): s is string => !!s);
  return Math.max(0, ...seqs.map(Number));
}

/**
 * Signs the audit chain's head into `<dataDir>/checkpoints/` after `config.checkpoints.everyEvents` new
 * events, or every `config.checkpoints.everyMs` when any arrived. Kept outside the database, these are what
 * prove a rewritten history (docs/audit.md). The timer is unref'd; a failed pass is logged and retried.
 */
export function startCheckpointWriter(
  { orm, config, log, keyring }: { orm: MikroORM; config: Config; log: Logger; keyring: Keyring },
  { pollMs = 10_000 }: { pollMs?: number } = {},
): CheckpointWriter {
  let last: { seq: number; atMs: number } | null = null;
  let inFlight: Promise<Checkpoint | null | undefined> | null = null;

  const pass = async (force: boolean): Promise<Checkpoint | null> => {
    last ??= { seq: await lastSavedSeq(config), atMs: Date.now() };
    const em = orm.em.fork();
    // Also what chains events a crash left unchained (committed, the process gone before chaining them).
    await chainPending(em);
    const head = await chainHead(em);
    const fresh = head.seq - last.seq;
    const due =
      fresh > 0 &&
      (force || fresh >= config.checkpoints.everyEvents || Date.now() - last.atMs >= config.checkpoints.everyMs);
    if (!due) return null;
    const checkpoint = await signCheckpoint(em, keyring);
    const path = await saveCheckpoint(config, checkpoint);
    last = { seq: checkpoint.seq, atMs: Date.now() };
    log.info({ seq: checkpoint.seq, path }, "audit checkpoint written");
    return checkpoint;
  };

  const runOnce = ({ force = false } = {}) =>
    (inFlight ??= pass(force)
      .catch((error: unknown) => {
        log.error({ err: error }, "writing an audit checkpoint failed; will try again");
        return undefined;
      })
      .finally(() => (inFlight = null)));

  const timer = setInterval(() => void runOnce(), pollMs).unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await inFlight;
      await runOnce({ force: true });
    },
  };
}
