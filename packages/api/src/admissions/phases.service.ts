/** The explicit phase moves that need no long work; each locks the cycle row, checks the phase, audits. */
import type { CyclePhase } from "@shortlist/db/constants";
import type { ProcedureContext } from "../context";
import { Conflict } from "../errors";
import { lockCycle, movePhase, phaseName, requirePhase, type LockedCycle } from "./cycle-lock";
import { getCycle } from "./cycles.service";
import type { CycleDto } from "./dto";
import { preprocessingRunning } from "./preprocess-runner";

type Ctx = ProcedureContext;

async function count(ctx: Ctx, sql: string, cycleId: string): Promise<number> {
  const [row] = await ctx.em.execute<{ n: string }[]>(sql, [cycleId]);
  return Number(row?.n ?? 0);
}

/** Locks the cycle, checks it is in `from`, runs `check` (which may refuse), then moves it on. */
async function move(
  ctx: Ctx,
  cycleId: string,
  from: CyclePhase,
  to: CyclePhase,
  check?: (cycle: LockedCycle) => Promise<Record<string, unknown> | void>,
): Promise<CycleDto> {
  const cycle = await lockCycle(ctx, cycleId);
  requirePhase(cycle, [from], `move the cycle to the ${phaseName(to)} phase`);
  const extra = (await check?.(cycle)) ?? {};
  await movePhase(ctx, cycle, from, to, extra);
  return getCycle(ctx, cycleId);
}

const notYet = (message: string, details: Record<string, unknown>) =>
  new Conflict(message, "precondition_failed", details);

/** DRAFT → SUBMISSION: the public form opens (within its dates). */
export const openCycle = (ctx: Ctx, cycleId: string) => move(ctx, cycleId, "DRAFT", "SUBMISSION");

/** SUBMISSION → FROZEN: no more applications (a submission in flight holds the cycle's row until it commits). */
export const freezeCycle = (ctx: Ctx, cycleId: string) =>
  move(ctx, cycleId, "SUBMISSION", "FROZEN", async (cycle) => ({
    applications: await count(ctx, "select count(*) as n from admission_applications where cycle_id = ?", cycle.id),
  }));

/** PREPROCESSING → BATCH_PREP, once every application is scrubbed and no runner is still at work. */
export const startBatchPrep = (ctx: Ctx, cycleId: string) =>
  move(ctx, cycleId, "PREPROCESSING", "BATCH_PREP", async (cycle) => {
    if (preprocessingRunning(cycle.id))
      throw notYet("Preprocessing is still running; wait for it to finish", { phase: cycle.phase, running: true });
    const waiting = await count(
      ctx,
      "select count(*) as n from admission_applications where cycle_id = ? and status = 'SUBMITTED'",
      cycle.id,
    );
    if (waiting > 0)
      throw notYet(`${waiting} application(s) are not anonymized yet; resume preprocessing first`, {
        phase: cycle.phase,
        waiting,
      });
  });

/** BATCH_PREP → PROCESSING, once at least one batch was exported. */
export const startProcessing = (ctx: Ctx, cycleId: string) =>
  move(ctx, cycleId, "BATCH_PREP", "PROCESSING", async (cycle) => {
    const batches = await count(ctx, "select count(*) as n from admission_batches where cycle_id = ?", cycle.id);
    if (batches === 0) throw notYet("Export a batch before processing starts", { phase: cycle.phase, batches });
    return { batches };
  });

/** SELECTION → PUBLISHED (applicants see their outcome), once selection has run. */
export const publishCycle = (ctx: Ctx, cycleId: string) =>
  move(ctx, cycleId, "SELECTION", "PUBLISHED", async (cycle) => {
    const runs = await count(ctx, "select count(*) as n from admission_selection_logs where cycle_id = ?", cycle.id);
    if (runs === 0) throw notYet("Run selection before publishing", { phase: cycle.phase, selectionRuns: runs });
  });

/** PUBLISHED → COMPLETED: the cycle is frozen for good. */
export const completeCycle = (ctx: Ctx, cycleId: string) => move(ctx, cycleId, "PUBLISHED", "COMPLETED");
