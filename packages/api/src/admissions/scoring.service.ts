/**
 * PROCESSING → SCORED: final scores by the formula of docs/admissions.md ("The final score"), computed by one
 * statement whatever the number of applications; the scores table (keyset-paged on the (cycle, rank) index) and its
 * distribution.
 */
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { dbRows } from "../db-rows";
import { InvalidInput } from "../errors";
import { lockCycle, movePhase, requirePhase } from "./cycle-lock";
import { getCycle } from "./cycles.service";
import type { CycleDto, DistributionDto, ScoreRowDto } from "./dto";
import { assertCycle, SCORE_ROW_SQL, toScoreRows } from "./score-rows";
import type { distributionInput, scoresListInput } from "./schemas";

/** Scores are kept to this many decimals: equal at this precision is a tie (then the tie rule decides). */
export const SCORE_DECIMALS = 6;

/**
 * The whole aggregation (parameters: cycle id three times). A worker result counts unless a judge rejected it; a
 * judge's `adjust` replaces the criteria it names (several adjusting judges: their mean); a reviewer's result (no
 * batch) counts as it is. Per criterion the mean over the counted results that scored it; the final score is the
 * weighted mean of those means over the criteria that have one. Rank: score desc, more evaluations, earlier
 * submission, lower number. Answers how many applications got a final score (each now SCORED).
 *
 * Shaped for 100,000 applications with the planner's statistics stale (as they are right after an import): every
 * join is between tables through an index, never between two intermediate results (such a join, estimated at one
 * row, ran as a nested loop over every pair); the rest is aggregation. One cell per (result, criterion) from the
 * worker and one per adjusting judge; per (result, criterion) the judges' mean wins; then per (application,
 * criterion) and per application, with the evaluations counted in the same pass (grouping sets).
 */
const AGGREGATE_SQL = `
with crit as materialized (
  select c.key, c.weight
    from admission_cycles cy, jsonb_to_recordset(cy.criteria) as c(key text, weight float8)
   where cy.id = ?
), cells as (
  select w.id as result_id, w.application_id, k.key, k.weight, (w.scores ->> k.key)::float8 as score, false as judged
    from admission_anonymized an
    join admission_worker_results w on w.application_id = an.application_id
    cross join crit k
   where an.cycle_id = ? and (w.scores ->> k.key) is not null
     and (w.batch_id is null or not exists (
       select 1 from admission_judge_results r where r.worker_result_id = w.id and r.verdict = 'reject'))
  union all
  select w.id, w.application_id, k.key, k.weight, (j.adjusted_scores ->> k.key)::float8, true
    from admission_anonymized an
    join admission_worker_results w on w.application_id = an.application_id
    join admission_judge_results j on j.worker_result_id = w.id and j.verdict = 'adjust'
    cross join crit k
   where an.cycle_id = ? and w.batch_id is not null and (j.adjusted_scores ->> k.key) is not null
     and not exists (select 1 from admission_judge_results r where r.worker_result_id = w.id and r.verdict = 'reject')
), effective as (
  select result_id, application_id, key, weight,
         coalesce(avg(score) filter (where judged), avg(score) filter (where not judged)) as score
    from cells group by result_id, application_id, key, weight
), per_criterion as (
  select application_id, key, weight, avg(score) as mean, count(*)::int as n,
         count(distinct result_id)::int as results, grouping(key) as whole
    from effective group by grouping sets ((application_id, key, weight), (application_id))
), finals as (
  select application_id,
         round((sum(weight * mean) filter (where whole = 0) / sum(weight) filter (where whole = 0))::numeric, ${SCORE_DECIMALS})::float8 as score,
         jsonb_object_agg(key, jsonb_build_object('mean', round(mean::numeric, ${SCORE_DECIMALS})::float8, 'count', n))
           filter (where whole = 0) as criteria,
         max(results) filter (where whole = 1) as evaluations
    from per_criterion group by application_id
), inserted as (
  insert into admission_final_scores (application_id, cycle_id, score, criteria, evaluations, rank)
  select f.application_id, an.cycle_id, f.score, f.criteria, f.evaluations,
         row_number() over (order by f.score desc, f.evaluations desc, a.created_at, an.number)
    from finals f
    join admission_applications a on a.id = f.application_id
    join admission_anonymized an on an.application_id = f.application_id
  returning application_id
), marked as (
  update admission_applications a set status = 'SCORED', updated_at = now()
    from inserted i where a.id = i.application_id
  returning a.id
)
select count(*)::int as scored from marked`;

export async function scoreCycle(ctx: ProcedureContext, cycleId: string): Promise<CycleDto> {
  const cycle = await lockCycle(ctx, cycleId);
  requirePhase(cycle, ["PROCESSING"], "score the cycle");
  await ctx.em.execute("delete from admission_final_scores where cycle_id = ?", [cycleId]);
  // The aggregation sorts a row per (result, criterion): in memory rather than spilled to disk (this transaction only).
  await ctx.em.execute("set local work_mem = '64MB'");
  const [result] = dbRows<{ scored: number }>(await ctx.em.execute(AGGREGATE_SQL, [cycleId, cycleId, cycleId]));
  const [total] = dbRows<{ n: number }>(
    await ctx.em.execute("select count(*) as n from admission_applications where cycle_id = ?", [cycleId]),
    { numbers: ["n"] },
  );
  const scored = result?.scored ?? 0;
  await movePhase(ctx, cycle, "PROCESSING", "SCORED", { scored, unscored: (total?.n ?? 0) - scored });
  return getCycle(ctx, cycleId);
}

const badCursor = () => InvalidInput.field("cursor", "Not a cursor of scores.list; start again without one");

/** By rank, keyset-paged on the (cycle, rank) index; the cursor is the last row's rank. */
export async function listScores(
  ctx: ProcedureContext,
  input: z.output<typeof scoresListInput>,
): Promise<{ items: ScoreRowDto[]; nextCursor: string | null }> {
  if (input.cursor && !/^\d{1,9}$/.test(input.cursor)) throw badCursor();
  const after = input.cursor ? Number(input.cursor) : 0;
  const rows = await ctx.em.execute(`${SCORE_ROW_SQL} where f.cycle_id = ? and f.rank > ? order by f.rank limit ?`, [
    input.cycleId,
    after,
    input.limit + 1,
  ]);
  if (rows.length === 0 && after === 0) await assertCycle(ctx, input.cycleId);
  const items = toScoreRows(rows.slice(0, input.limit));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? String(last.rank) : null };
}

/** Buckets of equal width over 0–10 (a 10 falls in the last), mean, median, and the cutoff once selection ran. */
export async function scoreDistribution(
  ctx: ProcedureContext,
  input: z.output<typeof distributionInput>,
): Promise<DistributionDto> {
  await assertCycle(ctx, input.cycleId);
  const [summary] = dbRows<{ count: number; mean: number | null; median: number | null }>(
    await ctx.em.execute(
      `select count(*)::int as count, avg(score) as mean, percentile_cont(0.5) within group (order by score) as median
         from admission_final_scores where cycle_id = ?`,
      [input.cycleId],
    ),
  );
  const counts = dbRows<{ bucket: number; count: number }>(
    await ctx.em.execute(
      `select least(width_bucket(score, 0, 10, ?), ?) as bucket, count(*)::int as count
         from admission_final_scores where cycle_id = ? group by 1`,
      [input.buckets, input.buckets, input.cycleId],
    ),
  );
  const width = 10 / input.buckets;
  const buckets = Array.from({ length: input.buckets }, (_, i) => ({
    from: round(i * width),
    to: round((i + 1) * width),
    count: counts.find((c) => c.bucket === i + 1)?.count ?? 0,
  }));
  const [log] = dbRows<{ cutoff: number | null }>(
    await ctx.em.execute(
      `select (result ->> 'cutoffScore')::float8 as cutoff from admission_selection_logs
        where cycle_id = ? order by (result ->> 'run')::int desc limit 1`,
      [input.cycleId],
    ),
  );
  return {
    count: summary?.count ?? 0,
    mean: summary?.mean ?? null,
    median: summary?.median ?? null,
    buckets,
    cutoff: log?.cutoff ?? null,
  };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
