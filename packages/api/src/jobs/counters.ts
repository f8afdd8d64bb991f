import type { EntityManager } from "@shortlist/db";
import type { ApplicationOutcome } from "@shortlist/db/constants";
import { countsInStage } from "./logic/rules";

export interface Placement {
  jobId: string;
  stageId: string;
  outcome: ApplicationOutcome;
}

/**
 * Keeps the board's counters right in the caller's transaction: the stage columns (active and hired applications)
 * and the job's count per outcome. `from` null: a new application; `to` null: one removed.
 */
export async function countChange(em: EntityManager, from: Placement | null, to: Placement | null) {
  await countChanges(em, [{ from, to }]);
}

/** Many changes' counters in at most one statement for the stages and one per job, whatever their number. */
export async function countChanges(
  em: EntityManager,
  changes: readonly { from: Placement | null; to: Placement | null }[],
) {
  const stageDelta = new Map<string, number>();
  const add = (stageId: string, n: number) => stageDelta.set(stageId, (stageDelta.get(stageId) ?? 0) + n);
  const jobDelta = new Map<string, Map<ApplicationOutcome, number>>();
  const addJob = (p: Placement, n: number) => {
    const perOutcome = jobDelta.get(p.jobId) ?? new Map<ApplicationOutcome, number>();
    perOutcome.set(p.outcome, (perOutcome.get(p.outcome) ?? 0) + n);
    jobDelta.set(p.jobId, perOutcome);
  };
  for (const { from, to } of changes) {
    if (from && countsInStage(from.outcome)) add(from.stageId, -1);
    if (to && countsInStage(to.outcome)) add(to.stageId, +1);
    if (from) addJob(from, -1);
    if (to) addJob(to, +1);
  }
  const stages = [...stageDelta].filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b));
  if (stages.length === 1) {
    // One stage (a single application's change): by its key, not a join the planner may answer with a scan.
    await em.execute("update job_stages set app_count = app_count + ? where id = ?", [stages[0]![1], stages[0]![0]]);
  } else if (stages.length > 0) {
    await em.execute(
      `update job_stages s set app_count = s.app_count + d.n from jsonb_to_recordset(?::jsonb) as d(id uuid, n int)
       where s.id = d.id`,
      [JSON.stringify(stages.map(([id, n]) => ({ id, n })))],
    );
  }
  for (const [jobId, perOutcome] of [...jobDelta].sort(([a], [b]) => a.localeCompare(b))) {
    const sets = [...perOutcome]
      .filter(([, n]) => n !== 0)
      .map(([outcome, n]) => `${outcome}_count = ${outcome}_count + ${n}`);
    if (sets.length > 0) await em.execute(`update jobs set ${sets.join(", ")} where id = ?`, [jobId]);
  }
}
