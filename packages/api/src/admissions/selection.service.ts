/**
 * SCORED → SELECTION: includes (overrides) first by rank, then the rest by rank skipping excludes, until capacity;
 * every run (the first and each re-run in SELECTION) writes a selection log with its inputs, the rule and the result.
 */
import type { OverrideDecision } from "@shortlist/db/constants";
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { dbRows } from "../db-rows";
import { Conflict } from "../errors";
import { lockCycle, movePhase, requirePhase, type LockedCycle } from "./cycle-lock";
import { getCycle } from "./cycles.service";
import type { CycleDto, ScoreRowDto, SelectedApplicantDto, SelectionLogDto } from "./dto";
import { applicationCycle, assertCycle, overrideOf, scoreRowOf } from "./score-rows";
import type { overrideInput } from "./schemas";

/** Written into every selection log: what the run did, in words. */
export const SELECTION_RULE =
  "Applications with an include override are selected first, by rank; then every other scored application by rank, " +
  "skipping those with an exclude override, until the capacity is reached. Rank: final score (6 decimals) " +
  "descending, then more evaluations, then earlier submission, then the lower number. Applications without a final " +
  "score are never selected. More includes than the capacity is refused.";

const OVERRIDE_PHASES = ["SCORED", "SELECTION"] as const;

async function includesOf(ctx: Pick<ProcedureContext, "em">, cycleId: string, exceptApplicationId?: string) {
  const [row] = dbRows<{ n: number }>(
    await ctx.em.execute(
      "select count(*)::int as n from admission_overrides where cycle_id = ? and decision = 'include' and application_id <> ?",
      [cycleId, exceptApplicationId ?? "00000000-0000-0000-0000-000000000000"],
    ),
  );
  return row?.n ?? 0;
}

function refuseTooManyIncludes(includes: number, cycle: LockedCycle) {
  throw new Conflict(
    `${includes} applications have an include override, more than the capacity of ${cycle.capacity}`,
    "precondition_failed",
    { includes, capacity: cycle.capacity },
  );
}

interface Chosen {
  number: number;
  score: number;
}

export async function runSelection(ctx: ProcedureContext, cycleId: string): Promise<CycleDto> {
  const cycle = await lockCycle(ctx, cycleId);
  requirePhase(cycle, ["SCORED", "SELECTION"], "run selection");
  const includes = await includesOf(ctx, cycleId);
  if (includes > cycle.capacity) refuseTooManyIncludes(includes, cycle);
  const chosen = dbRows<Chosen>(
    await ctx.em.execute(
      `with chosen as (
         select f.application_id, an.number, f.score, f.rank, (o.decision is distinct from 'include') as by_rule
           from admission_final_scores f
           join admission_anonymized an on an.application_id = f.application_id
           left join admission_overrides o on o.application_id = f.application_id
          where f.cycle_id = ? and o.decision is distinct from 'exclude'
          order by by_rule, f.rank
          limit ?
       ), marked as (
         update admission_applications a
            set status = case when a.id in (select application_id from chosen) then 'SELECTED' else 'NOT_SELECTED' end::admission_status,
                updated_at = now()
          where a.cycle_id = ?
            and a.status is distinct from (case when a.id in (select application_id from chosen) then 'SELECTED' else 'NOT_SELECTED' end)::admission_status
       )
       select number, score from chosen order by by_rule, rank`,
      [cycleId, cycle.capacity, cycleId],
    ),
  );
  const [inputs] = dbRows<{ scored: number; applications: number; runs: number; overrides: unknown[] }>(
    await ctx.em.execute(
      `select (select count(*)::int from admission_final_scores where cycle_id = ?) as scored,
              (select count(*)::int from admission_applications where cycle_id = ?) as applications,
              (select count(*)::int from admission_selection_logs where cycle_id = ?) as runs,
              coalesce((select jsonb_agg(jsonb_build_object('applicationId', o.application_id, 'number', an.number,
                                 'decision', o.decision, 'reason', o.reason) order by an.number)
                          from admission_overrides o join admission_anonymized an on an.application_id = o.application_id
                         where o.cycle_id = ?), '[]'::jsonb) as overrides`,
      [cycleId, cycleId, cycleId, cycleId],
    ),
  );
  const run = (inputs?.runs ?? 0) + 1;
  const cutoffScore = chosen.length ? Math.min(...chosen.map((c) => c.score)) : null;
  const result = { run, selected: chosen.map((c) => c.number), selectedCount: chosen.length, cutoffScore };
  const logInputs = {
    capacity: cycle.capacity,
    scored: inputs?.scored ?? 0,
    applications: inputs?.applications ?? 0,
    overrides: inputs?.overrides ?? [],
  };
  const auth = await ctx.getAuth();
  const [log] = dbRows<{ id: string }>(
    await ctx.em.execute(
      "insert into admission_selection_logs (cycle_id, run_by_id, rule, inputs, result) values (?, ?, ?, ?::jsonb, ?::jsonb) returning id",
      [cycleId, auth?.user.id ?? null, SELECTION_RULE, JSON.stringify(logInputs), JSON.stringify(result)],
    ),
  );
  ctx.audit.record({
    entity: { kind: "admission_selection_log", id: log!.id },
    after: { cycleId, run, capacity: cycle.capacity, selectedCount: chosen.length, cutoffScore },
  });
  if (cycle.phase === "SCORED") await movePhase(ctx, cycle, "SCORED", "SELECTION", { selectionRun: run });
  return getCycle(ctx, cycleId);
}

async function currentOverride(ctx: Pick<ProcedureContext, "em">, applicationId: string) {
  const [row] = dbRows<{ decision: OverrideDecision; reason: string }>(
    await ctx.em.execute("select decision, reason from admission_overrides where application_id = ?", [applicationId]),
  );
  return row ?? null;
}

/** Include or exclude one scored application (with a reason); it takes effect at the next `select`. */
export async function setOverride(ctx: ProcedureContext, input: z.output<typeof overrideInput>): Promise<ScoreRowDto> {
  const { cycleId } = await applicationCycle(ctx, input.applicationId);
  const cycle = await lockCycle(ctx, cycleId);
  requirePhase(cycle, OVERRIDE_PHASES, "override the selection");
  await scoreRowOf(ctx, input.applicationId); // only scored applications are in the selection
  if (input.decision === "include") {
    const includes = (await includesOf(ctx, cycleId, input.applicationId)) + 1;
    if (includes > cycle.capacity) refuseTooManyIncludes(includes, cycle);
  }
  const before = await currentOverride(ctx, input.applicationId);
  const auth = await ctx.getAuth();
  await ctx.em.execute(
    `insert into admission_overrides (cycle_id, application_id, decision, reason, decided_by_id) values (?, ?, ?, ?, ?)
     on conflict (application_id) do update
       set decision = excluded.decision, reason = excluded.reason, decided_by_id = excluded.decided_by_id, updated_at = now()`,
    [cycleId, input.applicationId, input.decision, input.reason, auth?.user.id ?? null],
  );
  ctx.audit.record({
    entity: { kind: "admission_application", id: input.applicationId },
    before: { override: before },
    after: { override: { decision: input.decision, reason: input.reason } },
  });
  return scoreRowOf(ctx, input.applicationId);
}

export async function removeOverride(ctx: ProcedureContext, applicationId: string): Promise<ScoreRowDto> {
  const { cycleId } = await applicationCycle(ctx, applicationId);
  const cycle = await lockCycle(ctx, cycleId);
  requirePhase(cycle, OVERRIDE_PHASES, "remove an override");
  const before = await currentOverride(ctx, applicationId);
  if (before) await ctx.em.execute("delete from admission_overrides where application_id = ?", [applicationId]);
  ctx.audit.record({
    entity: { kind: "admission_application", id: applicationId },
    before: { override: before },
    after: { override: null },
  });
  return scoreRowOf(ctx, applicationId);
}

/** Every run, newest first. */
export async function selectionLogs(ctx: ProcedureContext, cycleId: string): Promise<SelectionLogDto[]> {
  await assertCycle(ctx, cycleId);
  const rows = dbRows<SelectionLogDto>(
    await ctx.em.execute(
      `select l.id, l.created_at, u.name as run_by_name, l.rule, l.inputs, l.result
         from admission_selection_logs l left join users u on u.id = l.run_by_id
        where l.cycle_id = ? order by (l.result ->> 'run')::int desc`,
      [cycleId],
    ),
    { dates: ["createdAt"] },
  );
  return rows;
}

/** The selected, by rank: anonymized (identities only through `admissions.reveal`). */
export async function selectedApplicants(ctx: ProcedureContext, cycleId: string): Promise<SelectedApplicantDto[]> {
  await assertCycle(ctx, cycleId);
  const rows = dbRows<{
    applicationId: string;
    number: number;
    rank: number;
    score: number;
    overrideDecision: OverrideDecision | null;
    overrideReason: string | null;
    candidateId: string | null;
  }>(
    await ctx.em.execute(
      `select a.id as application_id, an.number, f.rank, f.score, o.decision as override_decision,
              o.reason as override_reason, a.promoted_candidate_id as candidate_id
         from admission_applications a
         join admission_final_scores f on f.application_id = a.id
         join admission_anonymized an on an.application_id = a.id
         left join admission_overrides o on o.application_id = a.id
        where a.cycle_id = ? and a.status = 'SELECTED'
        order by f.rank`,
      [cycleId],
    ),
  );
  return rows.map(({ overrideDecision, overrideReason, ...row }) => ({
    ...row,
    override: overrideOf(overrideDecision, overrideReason),
  }));
}
