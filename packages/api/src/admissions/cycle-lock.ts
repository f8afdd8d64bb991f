/**
 * The one way admissions changes a cycle's phase or acts on it by phase: lock the cycle row (FOR UPDATE), check the
 * phase, then act. Two admins moving the same cycle at once: the second waits for the first's commit, then finds
 * the phase moved and gets CONFLICT (precondition_failed, with the phase found).
 */
import { CYCLE_PHASES, type CyclePhase } from "@shortlist/db/constants";
import type { ProcedureContext } from "../context";
import { dbRows } from "../db-rows";
import { Conflict, NotFound } from "../errors";

export interface LockedCycle {
  id: string;
  phase: CyclePhase;
  capacity: number;
  version: number;
  name: string;
}

/** Locks the cycle's row for the rest of the transaction (NotFound when there is none). */
export async function lockCycle(ctx: Pick<ProcedureContext, "em">, cycleId: string): Promise<LockedCycle> {
  const rows = dbRows<LockedCycle>(
    await ctx.em.execute("select id, phase, capacity, version, name from admission_cycles where id = ? for update", [
      cycleId,
    ]),
  );
  if (!rows[0]) throw new NotFound("admission cycle", cycleId);
  return rows[0];
}

/** A phase as people read it in a message: "batch prep" (programs read the code in `details.phase`). */
export const phaseName = (phase: CyclePhase) => phase.toLowerCase().replace("_", " ");

/** "selection", "selection or published", "scored, selection or published". */
function eitherPhase(phases: readonly CyclePhase[]): string {
  const names = phases.map(phaseName);
  return names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

/**
 * Refuses (CONFLICT, precondition_failed) unless the cycle is in one of `phases`; `doing` completes "Cannot …".
 * The message names the phases in words, and the ones needed only when they are few (otherwise the list says little).
 */
export function requirePhase(cycle: Pick<LockedCycle, "phase">, phases: readonly CyclePhase[], doing: string): void {
  if (phases.includes(cycle.phase)) return;
  const needs = phases.length <= CYCLE_PHASES.length / 2 ? `, and this needs the ${eitherPhase(phases)} phase` : "";
  throw new Conflict(
    `Cannot ${doing}: the cycle is in the ${phaseName(cycle.phase)} phase${needs}`,
    "precondition_failed",
    { phase: cycle.phase, allowed: phases },
  );
}

/**
 * Moves a locked cycle `from` → `to` (the caller locked it and checked anything else first), bumps its version and
 * records the move as an audit event (`admission_cycle`, before/after phase, plus `extra` in after).
 */
export async function movePhase(
  ctx: Pick<ProcedureContext, "em" | "audit">,
  cycle: LockedCycle,
  from: CyclePhase,
  to: CyclePhase,
  extra: Record<string, unknown> = {},
): Promise<void> {
  requirePhase(cycle, [from], `move the cycle to the ${phaseName(to)} phase`);
  if (CYCLE_PHASES.indexOf(to) <= CYCLE_PHASES.indexOf(from))
    throw new Error(`A cycle only moves forward: ${from} → ${to}`);
  await ctx.em.execute(
    "update admission_cycles set phase = ?, version = version + 1, updated_at = now() where id = ?",
    [to, cycle.id],
  );
  cycle.phase = to;
  cycle.version += 1;
  ctx.audit.record({
    entity: { kind: "admission_cycle", id: cycle.id },
    before: { phase: from },
    after: { phase: to, ...extra },
  });
}
