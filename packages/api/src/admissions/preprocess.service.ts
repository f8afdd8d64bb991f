/** PREPROCESSING: FROZEN → PREPROCESSING, then scrubbing and metrics in the background, in chunks (resumable). */
import { actorOf } from "../audit-trail";
import type { ProcedureContext } from "../context";
import { Conflict } from "../errors";
import { lockCycle, movePhase, requirePhase } from "./cycle-lock";
import { getCycle } from "./cycles.service";
import type { CycleDto } from "./dto";
import { claimPreprocessing, preprocessingRunning, startPreprocessing } from "./preprocess-runner";

/**
 * From FROZEN: moves to PREPROCESSING and starts the runner once committed. In PREPROCESSING with no runner at work
 * (a stop, a restart, a failure): resumes it (audited as a resume). Otherwise CONFLICT (precondition_failed).
 */
export async function preprocessCycle(ctx: ProcedureContext, cycleId: string): Promise<CycleDto> {
  const cycle = await lockCycle(ctx, cycleId);
  if (cycle.phase === "PREPROCESSING") {
    if (preprocessingRunning(cycleId))
      throw new Conflict("Preprocessing is already running for this cycle", "precondition_failed", {
        phase: cycle.phase,
        running: true,
      });
    ctx.audit.record({ entity: { kind: "admission_cycle", id: cycleId }, after: { preprocessing: "resumed" } });
  } else {
    requirePhase(cycle, ["FROZEN", "PREPROCESSING"], "start preprocessing");
    await movePhase(ctx, cycle, "FROZEN", "PREPROCESSING");
  }
  const release = claimPreprocessing(cycleId);
  try {
    const start = { actor: await actorOf(ctx), requestId: ctx.requestId };
    const deps = { orm: ctx.orm, config: ctx.config, log: ctx.log, keyring: ctx.keyring, auditOff: ctx.auditOff };
    ctx.afterCommit(() => startPreprocessing(deps, cycleId, start));
    return await getCycle(ctx, cycleId);
  } catch (error) {
    release();
    throw error;
  }
}
