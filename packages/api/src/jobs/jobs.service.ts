import type { EntityManager } from "@shortlist/db";
import { DEFAULT_STAGES, type JobStatus } from "@shortlist/db/constants";
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

/** A job as filing reads it, locked (FOR NO KEY UPDATE) for the rest of the transaction. */
export interface LockedJob {
  id: string;
  status: JobStatus;
  title: string;
  company: string;
}

/**
 * The open (or draft, or on hold) job with this title and company, compared case-insensitively, or a new open one.
 * A transaction-scoped advisory lock on the pair makes two concurrent calls agree on one job. The job found is
 * locked by the same statement (as `lockJob` would), so filing under it needs no second read.
 */
export async function findOrCreateJob(ctx: JobsTx, title: string, company: string): Promise<LockedJob> {
  const { em } = ctx;
  await em.execute("select pg_advisory_xact_lock(hashtextextended(lower(?) || chr(31) || lower(?), 1047))", [
    title,
    company,
  ]);
  // Twice at most: a job closed while this waited for its row lock is passed over, and the second read (a new
  // snapshot) finds the next newest, if any.
  for (let tries = 0; tries < 2; tries++) {
    const [found] = await em.execute<LockedJob[]>(
      `select id, status, title, company from jobs where lower(title) = lower(?) and lower(company) = lower(?)
         and status <> 'closed' order by created_at desc, id limit 1 for no key update`,
      [title, company],
    );
    if (found) return found;
  }
  const job = await insertJob(em, { title, company, status: "open", ownerIds: [] });
  recordJob(ctx, job.id, null, pick(job), "jobs.create");
  return { id: job.id, status: job.status, title: job.title, company: job.company };
}

/**
 * `findOrCreateJob` for many pairs (the import's path) in two statements, whatever their number, plus one job
 * created per pair that has none: the pairs' advisory locks taken in one order (the pairs sorted), so two imports
 * cannot deadlock on them. The jobs are not row-locked here. Answers the job id per pair, in the pairs' order.
 */
export async function findOrCreateJobs(
  ctx: JobsTx,
  pairs: readonly { title: string; company: string }[],
): Promise<string[]> {
  const { em } = ctx;
  if (pairs.length === 0) return [];
  const keyOf = (p: { title: string; company: string }) => `${p.title.toLowerCase()}\u0000${p.company.toLowerCase()}`;
  const sorted = [...new Map(pairs.map((p) => [keyOf(p), p])).values()].sort((a, b) =>
    keyOf(a).localeCompare(keyOf(b)),
  );
  const titles = JSON.stringify(sorted.map((p) => p.title));
  const companies = JSON.stringify(sorted.map((p) => p.company));
  const unnest = `rows from (jsonb_array_elements_text(?::jsonb), jsonb_array_elements_text(?::jsonb)) with ordinality as k(t, c, n)`;
  // The subquery's ORDER BY runs before the outer aggregate calls the lock function: the locks go in the pairs' order.
  await em.execute(
    `select count(pg_advisory_xact_lock(h)) from (
       select hashtextextended(lower(k.t) || chr(31) || lower(k.c), 1047) as h from ${unnest} order by k.n) s`,
    [titles, companies],
  );
  const found = await em.execute<{ n: string; id: string }[]>(
    `select distinct on (k.n) k.n, j.id from ${unnest}
       join jobs j on lower(j.title) = lower(k.t) and lower(j.company) = lower(k.c) and j.status <> 'closed'
      order by k.n, j.created_at desc, j.id`,
    [titles, companies],
  );
  const ids = new Map<string, string>();
  for (const row of found) ids.set(keyOf(sorted[Number(row.n) - 1]!), row.id);
  for (const pair of sorted) {
    if (ids.has(keyOf(pair))) continue;
    const job = await insertJob(em, { title: pair.title, company: pair.company, status: "open", ownerIds: [] });
    recordJob(ctx, job.id, null, pick(job), "jobs.create");
    ids.set(keyOf(pair), job.id);
  }
  return pairs.map((p) => ids.get(keyOf(p))!);
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
