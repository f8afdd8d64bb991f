import type { EntityManager } from "@shortlist/db";
import { DEFAULT_STAGES } from "@shortlist/db/constants";
import { InvalidInput, NotFound, StaleVersion } from "../errors";
import { changed, recordJob, recordUnchanged, type JobsTx } from "./audit";
import { toJobDTO, toStageDTO, type JobDetailDTO, type JobDTO } from "./mappers";
import type { CreateJobInput, ListJobsInput, UpdateJobInput } from "./schemas";

const JOB_FIELDS = [
  "title",
  "company",
  "department",
  "location",
  "employmentType",
  "status",
  "hiringManagerId",
  "ownerIds",
] as const;

const pick = (job: JobDTO) => Object.fromEntries(JOB_FIELDS.map((key) => [key, job[key] ?? null]));

async function assertUsers(
  em: EntityManager,
  field: "hiringManagerId" | "ownerIds",
  ids: (string | null | undefined)[],
) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return;
  const found = await em.execute<{ id: string }[]>(
    "select id from users where id = any(array(select jsonb_array_elements_text(?::jsonb))::uuid[])",
    [JSON.stringify(wanted)],
  );
  if (found.length !== wanted.length) throw InvalidInput.field(field, "Choose people who have a Shortlist account");
}

async function insertJob(em: EntityManager, input: CreateJobInput) {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `insert into jobs (title, company, department, location, employment_type, status, hiring_manager_id, owner_ids)
     values (?, ?, ?, ?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb))::uuid[]) returning *`,
    [
      input.title,
      input.company,
      input.department ?? null,
      input.location ?? null,
      input.employmentType ?? null,
      input.status,
      input.hiringManagerId ?? null,
      JSON.stringify(input.ownerIds),
    ],
  );
  const job = toJobDTO(row!);
  await em.execute(
    `insert into job_stages (job_id, name, kind, position)
     select ?, name, kind::stage_kind, position from jsonb_to_recordset(?::jsonb) as s(name text, kind text, position int)`,
    [job.id, JSON.stringify(DEFAULT_STAGES.map((stage, i) => ({ ...stage, position: i + 1 })))],
  );
  return job;
}

export async function createJob(ctx: JobsTx, input: CreateJobInput): Promise<JobDetailDTO> {
  await assertUsers(ctx.em, "hiringManagerId", [input.hiringManagerId]);
  await assertUsers(ctx.em, "ownerIds", input.ownerIds);
  const job = await insertJob(ctx.em, input);
  recordJob(ctx, job.id, null, pick(job));
  return getJob(ctx.em, job.id);
}

/**
 * The open (or draft, or on hold) job with this title and company, compared case-insensitively, or a new open one.
 * A transaction-scoped advisory lock on the pair makes two concurrent calls agree on one job.
 */
export async function findOrCreateJob(ctx: JobsTx, title: string, company: string): Promise<string> {
  const { em } = ctx;
  await em.execute("select pg_advisory_xact_lock(hashtextextended(lower(?) || chr(31) || lower(?), 1047))", [
    title,
    company,
  ]);
  const [found] = await em.execute<{ id: string }[]>(
    `select id from jobs where lower(title) = lower(?) and lower(company) = lower(?) and status <> 'closed'
     order by created_at desc, id limit 1`,
    [title, company],
  );
  if (found) return found.id;
  const job = await insertJob(em, { title, company, status: "open", ownerIds: [] });
  recordJob(ctx, job.id, null, pick(job), "jobs.create");
  return job.id;
}

export async function getJob(em: EntityManager, id: string): Promise<JobDetailDTO> {
  const [row] = await em.execute<Record<string, unknown>[]>("select * from jobs where id = ?", [id]);
  if (!row) throw new NotFound("job", id);
  const stages = await em.execute("select * from job_stages where job_id = ? order by position, id", [id]);
  return { ...toJobDTO(row), stages: stages.map(toStageDTO) };
}

export async function listJobs(em: EntityManager, input: ListJobsInput): Promise<JobDTO[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.status) {
    where.push("status = ?");
    params.push(input.status);
  }
  if (input.search) {
    where.push("(title ilike ? or company ilike ?)");
    const like = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like);
  }
  const rows = await em.execute<Record<string, unknown>[]>(
    `select * from jobs ${where.length ? `where ${where.join(" and ")}` : ""}
     order by case status when 'open' then 0 when 'draft' then 1 when 'on_hold' then 2 else 3 end, created_at desc, id
     limit 500`,
    params,
  );
  return rows.map(toJobDTO);
}

export async function updateJob(ctx: JobsTx, input: UpdateJobInput): Promise<JobDetailDTO> {
  const { em } = ctx;
  const [current] = await em.execute<Record<string, unknown>[]>("select * from jobs where id = ? for no key update", [
    input.id,
  ]);
  if (!current) throw new NotFound("job", input.id);
  const before = toJobDTO(current);
  if (before.version !== input.version) throw new StaleVersion("job", { version: before.version });
  await assertUsers(em, "hiringManagerId", [input.hiringManagerId]);
  await assertUsers(em, "ownerIds", input.ownerIds ?? []);
  const next = { ...before };
  for (const key of JOB_FIELDS) if (input[key] !== undefined) Object.assign(next, { [key]: input[key] });
  const change = changed(pick(before), pick(next));
  if (Object.keys(change.after).length === 0) {
    recordUnchanged(ctx, { kind: "job", id: input.id });
    return getJob(em, input.id);
  }
  await em.execute(
    `update jobs set title = ?, company = ?, department = ?, location = ?, employment_type = ?, status = ?,
       hiring_manager_id = ?, owner_ids = array(select jsonb_array_elements_text(?::jsonb))::uuid[], version = version + 1, updated_at = now() where id = ?`,
    [
      next.title,
      next.company,
      next.department,
      next.location,
      next.employmentType,
      next.status,
      next.hiringManagerId,
      JSON.stringify(next.ownerIds),
      input.id,
    ],
  );
  recordJob(ctx, input.id, change.before, change.after);
  return getJob(em, input.id);
}
