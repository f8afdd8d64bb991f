import { InvalidInput } from "../errors";
import { recordApplication, type JobsTx } from "./audit";
import { findOrCreateJobs } from "./jobs.service";

export interface Filing {
  candidateId: string;
  title: string;
  company: string;
}

/**
 * The import's path: files many new people under their jobs (found or created by title and company) in a few
 * statements, whatever the count: each person in their job's first stage, with the history row, the counters and one
 * audit event each. The jobs are locked in one order (by id), so two imports cannot deadlock on them.
 */
export async function fileManyUnderJobs(
  ctx: JobsTx,
  filings: readonly Filing[],
  byJobId: readonly { candidateId: string; jobId: string }[] = [],
) {
  if (filings.length === 0 && byJobId.length === 0) return;
  const { em } = ctx;
  const filedJobIds = await findOrCreateJobs(ctx, filings);
  const jobIds = [...new Set([...filedJobIds, ...byJobId.map((f) => f.jobId)])].sort();
  const open = await em.execute<{ id: string }[]>(
    // A semi-join (not `= any(array(…))`, which the planner answers by scanning every job against the whole list).
    "select id from jobs where id in (select jsonb_array_elements_text(?::jsonb)::uuid) and status <> 'closed' order by id for no key update",
    [JSON.stringify(jobIds)],
  );
  const missing = jobIds.filter((id) => !open.some((job) => job.id === id));
  if (missing.length > 0) throw InvalidInput.field("jobId", `No open job has the id ${missing.join(", ")}`);
  const actor = (await ctx.getAuth())?.user.id ?? null;
  const payload = [
    ...filings.map((f, i) => ({ candidate_id: f.candidateId, job_id: filedJobIds[i] })),
    ...byJobId.map((f) => ({ candidate_id: f.candidateId, job_id: f.jobId })),
  ];
  const inserted = await em.execute<{ id: string; candidate_id: string; job_id: string; stage_name: string }[]>(
    `with firsts as (
       select distinct on (job_id) job_id, id, name, kind from job_stages where job_id = any(array(select jsonb_array_elements_text(?::jsonb))::uuid[]) order by job_id, position, id
     ), added as (
       insert into applications (candidate_id, job_id, stage_id, outcome, stage_entered_at, last_activity_at)
       select r.candidate_id, r.job_id, f.id, case when f.kind = 'hired' then 'hired' else 'active' end::application_outcome, now(), now()
       from jsonb_to_recordset(?::jsonb) as r(candidate_id uuid, job_id uuid) join firsts f on f.job_id = r.job_id
       on conflict (candidate_id, job_id) do nothing
       returning id, candidate_id, job_id, stage_id, outcome
     ), moved as (
       insert into application_moves (application_id, job_id, to_stage_id, to_stage_name, to_outcome, actor_id)
       select a.id, a.job_id, a.stage_id, f.name, a.outcome, ?::uuid from added a join firsts f on f.id = a.stage_id
     ), staged as (
       update job_stages s set app_count = s.app_count + n.count
       from (select stage_id, count(*)::int as count from added group by stage_id) n where s.id = n.stage_id
     ), counted as (
       update jobs j set active_count = j.active_count + n.active, hired_count = j.hired_count + n.hired
       from (select job_id, count(*) filter (where outcome = 'active')::int as active,
                    count(*) filter (where outcome = 'hired')::int as hired from added group by job_id) n
       where j.id = n.job_id
     )
     select a.id, a.candidate_id, a.job_id, f.name as stage_name from added a join firsts f on f.id = a.stage_id`,
    [JSON.stringify(jobIds), JSON.stringify(payload), actor],
  );
  for (const row of inserted) {
    recordApplication(
      ctx,
      { id: row.id, candidateId: row.candidate_id },
      null,
      { jobId: row.job_id, stage: row.stage_name, outcome: "active" },
      "applications.create",
    );
  }
}
