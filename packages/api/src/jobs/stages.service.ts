/**
 * Editing a job's stages: add, rename, reorder, remove (only when no application, of any outcome, is in it). Every
 * change locks the job's row first, as every application change does, so a stage cannot be removed under a move.
 */
import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager } from "@shortlist/db";
import { Conflict, DomainError, InvalidInput, NotFound } from "../errors";
import { recordUnchanged, type JobsTx } from "./audit";
import { getJob } from "./jobs.service";
import type { JobDetailDTO } from "./mappers";
import type { AddStageInput, RenameStageInput, ReorderStagesInput } from "./schemas";

interface StageRow {
  id: string;
  job_id: string;
  name: string;
  kind: string;
  position: number;
}

async function lockJobRow(em: EntityManager, jobId: string) {
  const [job] = await em.execute<{ id: string }[]>("select id from jobs where id = ? for no key update", [jobId]);
  if (!job) throw new NotFound("job", jobId);
}

/** The stage and its job, the job locked. */
async function lockStage(em: EntityManager, id: string): Promise<StageRow> {
  const [peek] = await em.execute<{ job_id: string }[]>("select job_id from job_stages where id = ?", [id]);
  if (!peek) throw new NotFound("stage", id);
  await lockJobRow(em, peek.job_id);
  const [stage] = await em.execute<StageRow[]>("select id, job_id, name, kind, position from job_stages where id = ?", [
    id,
  ]);
  if (!stage) throw new NotFound("stage", id);
  return stage;
}

const stagesOf = (em: EntityManager, jobId: string) =>
  em.execute<StageRow[]>(
    "select id, job_id, name, kind, position from job_stages where job_id = ? order by position, id",
    [jobId],
  );

function duplicateName(name: string): DomainError {
  const message = `This job already has a stage called ${name}`;
  return new DomainError("duplicate", message, {
    details: { fields: ["name"] },
    fieldErrors: [{ path: "name", message }],
  });
}

async function assertNameFree(em: EntityManager, jobId: string, name: string, exceptId?: string) {
  const taken = await em.execute(
    "select 1 from job_stages where job_id = ? and lower(name) = lower(?) and id <> coalesce(?::uuid, '00000000-0000-0000-0000-000000000000')",
    [jobId, name, exceptId ?? null],
  );
  if (taken.length > 0) throw duplicateName(name);
}

/** The unique index decides in the end (a writer that does not lock the job); its refusal names the field. */
async function named<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicateName(name);
    throw error;
  }
}

function recordStage(
  ctx: JobsTx,
  id: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) {
  ctx.audit.record({ entity: { kind: "job_stage", id }, before, after });
}

const positions = (stages: readonly { id: string }[]) => stages.map((s, i) => ({ id: s.id, position: i + 1 }));

async function writePositions(em: EntityManager, stages: readonly { id: string }[]) {
  await em.execute(
    `update job_stages s set position = p.position, updated_at = now()
     from jsonb_to_recordset(?::jsonb) as p(id uuid, position int) where s.id = p.id and s.position <> p.position`,
    [JSON.stringify(positions(stages))],
  );
}

export async function addStage(ctx: JobsTx, input: AddStageInput): Promise<JobDetailDTO> {
  const { em } = ctx;
  await lockJobRow(em, input.jobId);
  const stages = await stagesOf(em, input.jobId);
  let at = stages.length;
  if (input.afterStageId) {
    at = stages.findIndex((s) => s.id === input.afterStageId) + 1;
    if (at === 0) throw InvalidInput.field("afterStageId", "That stage is not one of this job's stages");
  }
  await assertNameFree(em, input.jobId, input.name);
  const [row] = await named(input.name, () =>
    em.execute<{ id: string }[]>(
      "insert into job_stages (job_id, name, kind, position) values (?, ?, ?, ?) returning id",
      [input.jobId, input.name, input.kind, at + 1],
    ),
  );
  const ordered = [...stages.slice(0, at), { id: row!.id }, ...stages.slice(at)];
  await writePositions(em, ordered);
  recordStage(ctx, row!.id, null, { jobId: input.jobId, name: input.name, kind: input.kind, position: at + 1 });
  return getJob(em, input.jobId);
}

export async function renameStage(ctx: JobsTx, input: RenameStageInput): Promise<JobDetailDTO> {
  const { em } = ctx;
  const stage = await lockStage(em, input.id);
  if (stage.name === input.name) {
    recordUnchanged(ctx, { kind: "job_stage", id: stage.id });
    return getJob(em, stage.job_id);
  }
  await assertNameFree(em, stage.job_id, input.name, stage.id);
  await named(input.name, () =>
    em.execute("update job_stages set name = ?, updated_at = now() where id = ?", [input.name, stage.id]),
  );
  recordStage(ctx, stage.id, { name: stage.name }, { name: input.name });
  return getJob(em, stage.job_id);
}

export async function reorderStages(ctx: JobsTx, input: ReorderStagesInput): Promise<JobDetailDTO> {
  const { em } = ctx;
  await lockJobRow(em, input.jobId);
  const stages = await stagesOf(em, input.jobId);
  const known = new Set(stages.map((s) => s.id));
  if (input.stageIds.length !== stages.length || input.stageIds.some((id) => !known.has(id)))
    throw InvalidInput.field(
      "stageIds",
      `Name every one of the job's ${stages.length} stages, once each, in their new order`,
    );
  const before = stages.map((s) => s.name);
  const byId = new Map(stages.map((s) => [s.id, s]));
  const after = input.stageIds.map((id) => byId.get(id)!.name);
  if (before.join("\u0000") === after.join("\u0000") && stages.every((s, i) => s.position === i + 1)) {
    recordUnchanged(ctx, { kind: "job", id: input.jobId });
    return getJob(em, input.jobId);
  }
  await writePositions(
    em,
    input.stageIds.map((id) => ({ id })),
  );
  ctx.audit.record({ entity: { kind: "job", id: input.jobId }, before: { stages: before }, after: { stages: after } });
  return getJob(em, input.jobId);
}

export async function removeStage(ctx: JobsTx, id: string): Promise<JobDetailDTO> {
  const { em } = ctx;
  const stage = await lockStage(em, id);
  const [{ n } = { n: 0 }] = await em.execute<{ n: number }[]>(
    "select count(*)::int as n from applications where stage_id = ?",
    [id],
  );
  if (n > 0)
    throw new Conflict(
      `${stage.name} holds ${n} application${n === 1 ? "" : "s"} (of any outcome); move them to another stage first`,
      "precondition_failed",
      { count: n, stageId: id },
    );
  const [{ left } = { left: 0 }] = await em.execute<{ left: number }[]>(
    "select count(*)::int as left from job_stages where job_id = ? and id <> ?",
    [stage.job_id, id],
  );
  if (left === 0)
    throw new Conflict("A job keeps at least one stage", "precondition_failed", { count: 0, stageId: id, last: true });
  try {
    await em.execute("delete from job_stages where id = ?", [id]);
  } catch (error) {
    // An application filed in the stage by a writer that did not lock the job: the foreign key refuses the delete.
    if (error instanceof ForeignKeyConstraintViolationException)
      throw new Conflict(
        `${stage.name} is not empty; move its applications to another stage first`,
        "precondition_failed",
        {
          stageId: id,
        },
      );
    throw error;
  }
  await writePositions(em, await stagesOf(em, stage.job_id));
  recordStage(ctx, id, { jobId: stage.job_id, name: stage.name, kind: stage.kind }, null);
  return getJob(em, stage.job_id);
}
