/**
 * A job's vacancy profile (the slot intake fills): read it, save it with its version bumped and an audited change,
 * open a draft job for an intake, and the pipeline of the jobs with a title and company. Jobs stores the profile
 * as JSON; its shape is intake's (`VacancyProfile`).
 */
import type { EntityManager } from "@shortlist/db";
import { NotFound, StaleVersion } from "../errors";
import { changed, recordJob, recordUnchanged, type JobsTx } from "./audit";
import { createJob } from "./jobs.service";

export interface StoredVacancyProfile {
  jobId: string;
  title: string;
  company: string;
  status: string;
  /** Null until someone starts one. */
  profile: Record<string, unknown> | null;
  version: number;
  stageNames: string[];
}

/** The job's profile; `lock` holds the job row until the transaction ends (a save follows). */
export async function readVacancyProfile(
  em: EntityManager,
  jobId: string,
  { lock = false } = {},
): Promise<StoredVacancyProfile> {
  const [row] = await em.execute<
    {
      id: string;
      title: string;
      company: string;
      status: string;
      vacancy_profile: unknown;
      vacancy_profile_version: number;
    }[]
  >(
    `select id, title, company, status, vacancy_profile, vacancy_profile_version from jobs where id = ?${lock ? " for no key update" : ""}`,
    [jobId],
  );
  if (!row) throw new NotFound("job", jobId);
  const stages = await em.execute<{ name: string }[]>(
    "select name from job_stages where job_id = ? order by position, id",
    [jobId],
  );
  const profile =
    typeof row.vacancy_profile === "string" ? JSON.parse(row.vacancy_profile) : (row.vacancy_profile ?? null);
  return {
    jobId: row.id,
    title: row.title,
    company: row.company,
    status: row.status,
    profile: profile as Record<string, unknown> | null,
    version: Number(row.vacancy_profile_version),
    stageNames: stages.map((s) => s.name),
  };
}

export interface SaveVacancyProfile {
  jobId: string;
  profile: Record<string, unknown>;
  /** The version the caller read: a different current one is refused with StaleVersion. Omitted: no check. */
  expectedVersion?: number;
  /** The job's own title and company follow the profile's when it names them. */
  title?: string | null;
  company?: string | null;
}

/**
 * Saves the whole profile: the version goes up by one when anything changed, and the changed fields are recorded
 * on the job's audit trail (the job's title and company too, when they follow the profile). Answers the version.
 */
export async function saveVacancyProfile(ctx: Pick<JobsTx, "em" | "audit">, input: SaveVacancyProfile) {
  const current = await readVacancyProfile(ctx.em, input.jobId, { lock: true });
  if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
    throw new StaleVersion("vacancy profile", { version: current.version });
  }
  const beforeProfile = current.profile ?? {};
  const profileChange = changed(beforeProfile, input.profile);
  const jobNext = {
    title: input.title?.trim() ? input.title.trim().slice(0, 255) : current.title,
    company: input.company?.trim() ? input.company.trim().slice(0, 255) : current.company,
  };
  const jobChange = changed({ title: current.title, company: current.company }, jobNext);
  const profileChanged = Object.keys(profileChange.after).length > 0 || current.profile === null;
  if (!profileChanged && Object.keys(jobChange.after).length === 0) {
    recordUnchanged(ctx, { kind: "job", id: input.jobId });
    return { version: current.version, changed: false };
  }
  const version = profileChanged ? current.version + 1 : current.version;
  await ctx.em.execute(
    `update jobs set vacancy_profile = ?::jsonb, vacancy_profile_version = ?, title = ?, company = ?,
       version = version + (case when title <> ? or company <> ? then 1 else 0 end), updated_at = now()
     where id = ?`,
    [
      JSON.stringify(input.profile),
      version,
      jobNext.title,
      jobNext.company,
      jobNext.title,
      jobNext.company,
      input.jobId,
    ],
  );
  recordJob(
    ctx,
    input.jobId,
    {
      ...jobChange.before,
      ...(profileChanged ? { vacancyProfile: profileChange.before, vacancyProfileVersion: current.version } : {}),
    },
    {
      ...jobChange.after,
      ...(profileChanged ? { vacancyProfile: profileChange.after, vacancyProfileVersion: version } : {}),
    },
  );
  return { version, changed: true };
}

/** A draft job for an intake, made as every job is (its default stages, its counters, its audited creation). */
export async function openDraftJob(ctx: JobsTx, input: { title: string; company: string }): Promise<string> {
  const job = await createJob(ctx, {
    title: input.title.slice(0, 255),
    company: input.company.slice(0, 255),
    status: "draft",
    ownerIds: [],
  });
  return job.id;
}

export interface RolePipeline {
  jobs: number;
  active: number;
  hired: number;
  rejected: number;
  /** Active applications by stage name, merged across the jobs, in stage order. */
  byStage: { stage: string; count: number }[];
}

/** The candidates in the pipelines of every job with this title and company (compared case-insensitively). */
export async function pipelineForRole(em: EntityManager, title: string, company: string): Promise<RolePipeline> {
  const [totals] = await em.execute<{ jobs: string; active: string; hired: string; rejected: string }[]>(
    `select count(*) as jobs, coalesce(sum(active_count), 0) as active, coalesce(sum(hired_count), 0) as hired,
            coalesce(sum(rejected_count), 0) as rejected
       from jobs where lower(title) = lower(?) and lower(company) = lower(?)`,
    [title, company],
  );
  const stages = await em.execute<{ stage: string; count: string }[]>(
    `select s.name as stage, count(a.id) as count
       from jobs j join job_stages s on s.job_id = j.id
       left join applications a on a.stage_id = s.id and a.outcome = 'active'
      where lower(j.title) = lower(?) and lower(j.company) = lower(?)
      group by s.name order by min(s.position), s.name`,
    [title, company],
  );
  return {
    jobs: Number(totals?.jobs ?? 0),
    active: Number(totals?.active ?? 0),
    hired: Number(totals?.hired ?? 0),
    rejected: Number(totals?.rejected ?? 0),
    byStage: stages.map((s) => ({ stage: s.stage, count: Number(s.count) })),
  };
}
