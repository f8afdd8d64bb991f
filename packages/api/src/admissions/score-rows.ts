/** The scores table's rows (scores.list, the overrides' answers) read with one indexed query on (cycle, rank). */
import type { AdmissionStatus, OverrideDecision } from "@shortlist/db/constants";
import type { ProcedureContext } from "../context";
import { dbRows } from "../db-rows";
import { Conflict, NotFound } from "../errors";
import type { ScoreRowDto } from "./dto";

type Em = Pick<ProcedureContext, "em">;

/** A final score with its application's number, status and override; the `where` names `f`. */
export const SCORE_ROW_SQL = `
  select f.application_id, an.number, f.rank, f.score, f.evaluations, f.criteria, a.status,
         o.decision as override_decision, o.reason as override_reason
    from admission_final_scores f
    join admission_applications a on a.id = f.application_id
    join admission_anonymized an on an.application_id = f.application_id
    left join admission_overrides o on o.application_id = f.application_id`;

interface ScoreRow {
  applicationId: string;
  number: number;
  rank: number;
  score: number;
  evaluations: number;
  criteria: Record<string, { mean: number; count: number }>;
  status: AdmissionStatus;
  overrideDecision: OverrideDecision | null;
  overrideReason: string | null;
}

export const overrideOf = (decision: OverrideDecision | null, reason: string | null) =>
  decision ? { decision, reason: reason ?? "" } : null;

export function toScoreRows(rows: readonly Record<string, unknown>[]): ScoreRowDto[] {
  return dbRows<ScoreRow>(rows).map(({ overrideDecision, overrideReason, ...row }) => ({
    ...row,
    override: overrideOf(overrideDecision, overrideReason),
  }));
}

/** One application's row of the scores table; refused when it has no final score (it is not in the table). */
export async function scoreRowOf(ctx: Em, applicationId: string): Promise<ScoreRowDto> {
  const [row] = toScoreRows(await ctx.em.execute(`${SCORE_ROW_SQL} where f.application_id = ?`, [applicationId]));
  if (row) return row;
  const known = await ctx.em.execute("select 1 from admission_applications where id = ?", [applicationId]);
  if (known.length === 0) throw new NotFound("admission application", applicationId);
  throw new Conflict(
    "This application has no final score (no evaluation counted), so it is not in the scores table",
    "precondition_failed",
    { scored: false },
  );
}

/** The cycle an application belongs to, and its status (NotFound when there is no such application). */
export async function applicationCycle(
  ctx: Em,
  applicationId: string,
): Promise<{ cycleId: string; status: AdmissionStatus }> {
  const [row] = dbRows<{ cycleId: string; status: AdmissionStatus }>(
    await ctx.em.execute("select cycle_id, status from admission_applications where id = ?", [applicationId]),
  );
  if (!row) throw new NotFound("admission application", applicationId);
  return row;
}

/** NotFound unless the cycle exists (queries that would otherwise answer an empty page for a wrong id). */
export async function assertCycle(ctx: Em, cycleId: string): Promise<void> {
  const rows = await ctx.em.execute("select 1 from admission_cycles where id = ?", [cycleId]);
  if (rows.length === 0) throw new NotFound("admission cycle", cycleId);
}
