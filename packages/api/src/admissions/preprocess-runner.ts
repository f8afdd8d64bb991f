/**
 * The background work of PREPROCESSING: one runner per cycle in this process, in chunks, resumable after a stop.
 * Each chunk (its own transaction) takes the cycle's oldest SUBMITTED applications, opens their identity and
 * answers (one query), scrubs and measures them, inserts their anonymized copies numbered on from the cycle's last
 * number, and sets them ANONYMIZED. A crash loses at most the chunk in flight; running again carries on.
 */
import type { AuditActor } from "@shortlist/db";
import { inBackgroundUnit, type BackgroundContext } from "../background";
import type { ContextDeps } from "../context";
import { anonymizeChunk, type ChunkOutcome } from "./preprocess-chunk";

type Deps = Pick<ContextDeps, "orm" | "config" | "log" | "keyring" | "auditOff">;

/** Applications per chunk (a transaction each). Tests make it small to stop or fail a run part-way. */
export const preprocessTuning = { chunkSize: 500 };

const runners = new Map<string, Promise<void>>();
/** Cycles whose preprocess call has not committed yet: counted as running, so a second call is refused. */
const starting = new Map<string, number>();
const STARTING_GRACE_MS = 60_000;
let stopRequested = false;

/** Whether a runner is working on this cycle in this process (the board's `work.running`). */
export function preprocessingRunning(cycleId: string): boolean {
  if (runners.has(cycleId)) return true;
  const since = starting.get(cycleId);
  return since !== undefined && Date.now() - since < STARTING_GRACE_MS;
}

/**
 * Marks the cycle as about to run, before the caller's transaction commits (a rolled-back call's mark lapses after
 * a minute); `startPreprocessing` after the commit takes it over.
 */
export function claimPreprocessing(cycleId: string): () => void {
  const at = Date.now();
  starting.set(cycleId, at);
  return () => {
    if (starting.get(cycleId) === at) starting.delete(cycleId);
  };
}

export interface RunStart {
  actor: AuditActor;
  requestId: string;
}

/** Starts the cycle's runner unless one is at work here; answers at once. */
export function startPreprocessing(deps: Deps, cycleId: string, start: RunStart): void {
  starting.delete(cycleId);
  if (runners.has(cycleId)) return;
  const run = runChunks(deps, cycleId, start)
    .catch((error: unknown) =>
      deps.log.error(
        { err: error, cycleId, requestId: start.requestId },
        "admissions preprocessing failed and stopped; admissions.preprocess resumes it",
      ),
    )
    .finally(() => runners.delete(cycleId));
  runners.set(cycleId, run);
}

async function runChunks(deps: Deps, cycleId: string, start: RunStart): Promise<void> {
  // After the last application in this cycle, continue past ones that could not be opened (erased).
  let after: ChunkOutcome["last"] = null;
  while (!stopRequested) {
    const outcome: ChunkOutcome = await inBackgroundUnit(
      deps,
      { action: "admissions.preprocess.chunk", actor: start.actor, requestId: start.requestId },
      (ctx: BackgroundContext) => anonymizeChunk(ctx, cycleId, after, preprocessTuning.chunkSize),
    );
    if (outcome.erased > 0)
      deps.log.warn({ cycleId, erased: outcome.erased }, "admissions preprocessing: erased applications left out");
    if (outcome.done) return;
    after = outcome.last;
  }
}

/** Resolves once every running preprocessing has finished (tests call it after `admissions.preprocess`). */
export async function settlePreprocessing(): Promise<void> {
  while (runners.size > 0) await Promise.allSettled([...runners.values()]);
}

/** Asks every runner to stop after its current chunk (server shutdown); resolves when they have. */
export async function stopPreprocessing(): Promise<void> {
  stopRequested = true;
  try {
    await settlePreprocessing();
  } finally {
    stopRequested = false;
  }
}
