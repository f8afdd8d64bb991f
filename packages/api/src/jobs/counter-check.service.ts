/**
 * `npm run db:check`: every stage's app_count and every job's counters against a full count of the applications. The
 * counters are written in the same transaction as each change they count, so one snapshot must agree exactly.
 */
import type { EntityManager } from "@shortlist/db";
import { APPLICATION_OUTCOMES } from "@shortlist/db/constants";

export interface CounterDrift {
  kind: "stage" | "job";
  /** The stage's or the job's id. */
  id: string;
  jobId: string;
  /** What the counter counts: the stage's name, or the job's outcome. */
  counter: string;
  job: string;
  stored: number;
  counted: number;
}

export interface CounterCheck {
  stages: number;
  jobs: number;
  drift: CounterDrift[];
}

const JOB_COUNTERS = APPLICATION_OUTCOMES.map((o) => `j.${o}_count`).join(", ");
const JOB_COUNTED = APPLICATION_OUTCOMES.map((o) => `coalesce(n.${o}, 0)`).join(", ");
const PER_OUTCOME = APPLICATION_OUTCOMES.map((o) => `count(*) filter (where outcome = '${o}')::int as ${o}`).join(", ");

/** One statement, so one snapshot: counters and counts are read as of the same moment. */
export async function checkCounters(em: EntityManager): Promise<CounterCheck> {
  const rows = await em.execute<Record<string, unknown>[]>(
    `with stage_counts as (
       select stage_id, count(*)::int as n from applications where outcome in ('active', 'hired') group by stage_id
     ), job_counts as (
       select job_id, ${PER_OUTCOME} from applications group by job_id
     ), stage_drift as (
       select 'stage' as kind, s.id, s.job_id, s.name as counter, j.title || ' at ' || j.company as job,
              s.app_count as stored, coalesce(c.n, 0) as counted
       from job_stages s join jobs j on j.id = s.job_id left join stage_counts c on c.stage_id = s.id
       where s.app_count <> coalesce(c.n, 0)
     ), job_drift as (
       select 'job' as kind, j.id, j.id as job_id, o.outcome as counter, j.title || ' at ' || j.company as job,
              o.stored, o.counted
       from jobs j left join job_counts n on n.job_id = j.id
       cross join lateral unnest(array[${APPLICATION_OUTCOMES.map((o) => `'${o}'`).join(", ")}], array[${JOB_COUNTERS}], array[${JOB_COUNTED}])
         as o(outcome, stored, counted)
       where o.stored <> o.counted
     )
     select kind, id, job_id, counter, job, stored, counted, null::int as stages, null::int as jobs from stage_drift
     union all select kind, id, job_id, counter, job, stored, counted, null, null from job_drift
     union all select 'total', null, null, null, null, null, null, (select count(*)::int from job_stages), (select count(*)::int from jobs)`,
  );
  const total = rows.find((r) => r.kind === "total")!;
  const drift = rows
    .filter((r) => r.kind !== "total")
    .map((r): CounterDrift => ({
      kind: r.kind as CounterDrift["kind"],
      id: r.id as string,
      jobId: r.job_id as string,
      counter: r.counter as string,
      job: r.job as string,
      stored: Number(r.stored),
      counted: Number(r.counted),
    }))
    .sort((a, b) => a.jobId.localeCompare(b.jobId) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
  return { stages: Number(total.stages), jobs: Number(total.jobs), drift };
}

export const describeDrift = (d: CounterDrift) =>
  d.kind === "stage"
    ? `stage ${d.id} "${d.counter}" of job ${d.jobId} (${d.job}): app_count ${d.stored}, counted ${d.counted}`
    : `job ${d.id} (${d.job}): ${d.counter}_count ${d.stored}, counted ${d.counted}`;
