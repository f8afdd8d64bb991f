import type { EntityManager } from "@shortlist/db";
import { findCandidateSummary } from "../candidates";
import type { ApplicationOutcome, JobStatus, StageKind } from "@shortlist/db/constants";
import { Conflict, Duplicate, InvalidInput, NotFound, StaleVersion } from "../errors";
import { recordApplication, recordUnchanged, type JobsTx } from "./audit";
import { countChange } from "./counters";
import { findOrCreateJob } from "./jobs.service";
import { applicationActionBlocked, jobTakesApplications, outcomeInStage, type ApplicationAction } from "./logic/rules";
import { APPLICATION_SELECT, toApplicationDTO, type ApplicationDTO } from "./mappers";
import { assertReachable, notifyCandidate, type MailingTx } from "./notify";
import type { CreateApplicationInput, MoveApplicationInput, RejectApplicationInput } from "./schemas";

interface StageRow {
  id: string;
  name: string;
  kind: StageKind;
}

/**
 * Locks the job's row for the rest of the transaction: every change to a job's applications goes through it, so
 * the job's status and its counters change one writer at a time, always locked in the same order (job, application,
 * stages).
 */
async function lockJob(em: EntityManager, jobId: string) {
  const [job] = await em.execute<{ id: string; status: JobStatus; title: string; company: string }[]>(
    "select id, status, title, company from jobs where id = ? for no key update",
    [jobId],
  );
  if (!job) throw new NotFound("job", jobId);
  return job;
}

async function stageOfJob(em: EntityManager, jobId: string, stageId: string | undefined): Promise<StageRow> {
  const [stage] = await em.execute<StageRow[]>(
    stageId
      ? "select id, name, kind from job_stages where job_id = ? and id = ?"
      : "select id, name, kind from job_stages where job_id = ? order by position, id limit 1",
    stageId ? [jobId, stageId] : [jobId],
  );
  if (!stage) {
    if (stageId) throw InvalidInput.field("stageId", "That stage is not one of this job's stages");
    throw new Conflict("The job has no stages; add one first", "precondition_failed", { jobId });
  }
  return stage;
}

async function actorId(ctx: JobsTx) {
  return (await ctx.getAuth())?.user.id ?? null;
}

export async function getApplication(em: EntityManager, id: string): Promise<ApplicationDTO> {
  const [row] = await em.execute(`${APPLICATION_SELECT} where a.id = ?`, [id]);
  if (!row) throw new NotFound("application", id);
  return toApplicationDTO(row);
}

export async function listCandidateApplications(em: EntityManager, candidateId: string): Promise<ApplicationDTO[]> {
  const rows = await em.execute(`${APPLICATION_SELECT} where a.candidate_id = ? order by a.created_at desc, a.id`, [
    candidateId,
  ]);
  return rows.map(toApplicationDTO);
}

async function assertCandidateWritable(ctx: JobsTx, candidateId: string) {
  // The FOR KEY SHARE lock orders this write and an erasure (which locks the candidate FOR UPDATE) one after the other.
  const found = await ctx.em.execute("select 1 from candidates where id = ? for key share", [candidateId]);
  if (found.length === 0) throw new NotFound("candidate", candidateId);
  if (await ctx.keyring.isErased(ctx.em, candidateId))
    throw new Conflict(
      `Candidate ${candidateId} was erased; nothing more can be filed about them`,
      "precondition_failed",
      {
        id: candidateId,
        erased: true,
      },
    );
}

/**
 * Files a candidate under a job, in the given stage or the job's first. `newCandidate`: the candidate row was
 * inserted in this same transaction (`candidates.create`), so it exists and cannot have been erased: not read again.
 */
export async function createApplication(
  ctx: JobsTx,
  input: CreateApplicationInput,
  { newCandidate = false }: { newCandidate?: boolean } = {},
): Promise<ApplicationDTO> {
  return fileUnder(ctx, await lockJob(ctx.em, input.jobId), input, newCandidate);
}

/** `createApplication` under a job already locked by this transaction. */
async function fileUnder(
  ctx: JobsTx,
  job: Awaited<ReturnType<typeof lockJob>>,
  input: CreateApplicationInput,
  newCandidate: boolean,
): Promise<ApplicationDTO> {
  const { em } = ctx;
  if (!jobTakesApplications(job.status))
    throw new Conflict(`${job.title} is closed and takes no new applications`, "precondition_failed", {
      jobStatus: job.status,
    });
  if (!newCandidate) await assertCandidateWritable(ctx, input.candidateId);
  const stage = await stageOfJob(em, job.id, input.stageId);
  const outcome = outcomeInStage(stage.kind);
  const [row] = await em.execute<Record<string, unknown>[]>(
    `insert into applications (candidate_id, job_id, stage_id, outcome, stage_entered_at, last_activity_at)
     values (?, ?, ?, ?, now(), now()) on conflict (candidate_id, job_id) do nothing
     returning id, version, candidate_id, job_id, stage_id, outcome, stage_entered_at, last_activity_at, created_at`,
    [input.candidateId, job.id, stage.id, outcome],
  );
  if (!row) {
    const [existing] = await em.execute<{ id: string }[]>(
      "select id from applications where candidate_id = ? and job_id = ?",
      [input.candidateId, job.id],
    );
    throw new Duplicate(`The candidate already applied to ${job.title} at ${job.company}`, ["candidateId", "jobId"], {
      id: existing?.id,
    });
  }
  await countChange(em, null, { jobId: job.id, stageId: stage.id, outcome });
  await em.execute(
    `insert into application_moves (application_id, job_id, to_stage_id, to_stage_name, to_outcome, actor_id)
     values (?, ?, ?, ?, ?, ?)`,
    [row.id, job.id, stage.id, stage.name, outcome, await actorId(ctx)],
  );
  // What APPLICATION_SELECT would read back: this transaction holds the job's lock and wrote the row.
  const created = toApplicationDTO({
    ...row,
    job_title: job.title,
    company: job.company,
    job_status: job.status,
    stage_name: stage.name,
    stage_kind: stage.kind,
    rejection_reason_id: null,
    rejection_reason_label: null,
    rejection_note: null,
  });
  recordApplication(
    ctx,
    created,
    null,
    { jobId: job.id, job: job.title, stage: stage.name, outcome },
    "applications.create",
  );
  return created;
}

/**
 * Files the candidate under the job with this title and company (case-insensitively; the newest that is not closed,
 * else a new open job with the default stages). `candidates.create` with role and company goes through here.
 */
export async function fileUnderJob(
  ctx: JobsTx,
  candidateId: string,
  title: string,
  company: string,
  { newCandidate = false }: { newCandidate?: boolean } = {},
) {
  const job = await findOrCreateJob(ctx, title, company);
  return fileUnder(ctx, job, { candidateId, jobId: job.id }, newCandidate);
}

interface Locked {
  app: {
    id: string;
    candidateId: string;
    jobId: string;
    stageId: string;
    outcome: ApplicationOutcome;
    version: number;
  };
  job: Awaited<ReturnType<typeof lockJob>>;
  stage: StageRow;
}

/** The application, its job locked, and its version and the action checked against what the caller saw. */
async function lockApplication(em: EntityManager, id: string, version: number | null, action: ApplicationAction) {
  const [peek] = await em.execute<{ job_id: string }[]>("select job_id from applications where id = ?", [id]);
  if (!peek) throw new NotFound("application", id);
  const job = await lockJob(em, peek.job_id);
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select a.id, a.candidate_id, a.job_id, a.stage_id, a.outcome, a.version, s.name as stage_name, s.kind as stage_kind
     from applications a join job_stages s on s.id = a.stage_id where a.id = ? for update of a`,
    [id],
  );
  if (!row) throw new NotFound("application", id);
  const app = {
    id: row.id as string,
    candidateId: row.candidate_id as string,
    jobId: row.job_id as string,
    stageId: row.stage_id as string,
    outcome: row.outcome as ApplicationOutcome,
    version: row.version as number,
  };
  if (version !== null && app.version !== version) throw new StaleVersion("application", { version: app.version });
  const blocked = applicationActionBlocked(action, app.outcome, job.status);
  if (blocked)
    throw new Conflict(blocked, "precondition_failed", { outcome: app.outcome, jobStatus: job.status, action });
  const stage = { id: app.stageId, name: row.stage_name as string, kind: row.stage_kind as StageKind };
  return { app, job, stage } satisfies Locked;
}

/** Writes a new stage and outcome: the row, the counters, the history and the audit event, in the caller's transaction. */
async function place(
  ctx: JobsTx,
  { app, stage }: Locked,
  to: { stage: StageRow; outcome: ApplicationOutcome; reasonId?: string | null; note?: string | null },
  action: string,
  extra: { before?: Record<string, unknown>; after?: Record<string, unknown> } = {},
) {
  const { em } = ctx;
  const stageChanged = to.stage.id !== stage.id;
  await em.execute(
    `update applications set stage_id = ?, outcome = ?, rejection_reason_id = ?, rejection_note = ?,
       stage_entered_at = case when ? then now() else stage_entered_at end, last_activity_at = now(),
       updated_at = now(), version = version + 1
     where id = ?`,
    [to.stage.id, to.outcome, to.reasonId ?? null, to.note ?? null, stageChanged, app.id],
  );
  await countChange(
    em,
    { jobId: app.jobId, stageId: stage.id, outcome: app.outcome },
    { jobId: app.jobId, stageId: to.stage.id, outcome: to.outcome },
  );
  await em.execute(
    `insert into application_moves (application_id, job_id, from_stage_id, from_stage_name, from_outcome, to_stage_id, to_stage_name, to_outcome, actor_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [app.id, app.jobId, stage.id, stage.name, app.outcome, to.stage.id, to.stage.name, to.outcome, await actorId(ctx)],
  );
  const before: Record<string, unknown> = { ...extra.before };
  const after: Record<string, unknown> = { ...extra.after };
  if (stageChanged) [before.stage, after.stage] = [stage.name, to.stage.name];
  if (to.outcome !== app.outcome) [before.outcome, after.outcome] = [app.outcome, to.outcome];
  recordApplication(ctx, app, before, after, action);
  return getApplication(em, app.id);
}

/** To another stage of its job; with `notifyCandidate`, the stage-change email is queued in the same transaction. */
export async function moveApplication(
  ctx: MailingTx,
  input: Omit<MoveApplicationInput, "version" | "notifyCandidate"> & {
    version: number | null;
    notifyCandidate?: boolean;
  },
  action = "applications.move",
) {
  const locked = await lockApplication(ctx.em, input.id, input.version, "move");
  if (locked.app.stageId === input.stageId) {
    recordUnchanged(ctx, { kind: "application", id: input.id }, locked.app.candidateId);
    return getApplication(ctx.em, input.id);
  }
  const stage = await stageOfJob(ctx.em, locked.app.jobId, input.stageId);
  if (input.notifyCandidate) await assertReachable(ctx, locked.app.candidateId);
  const moved = await place(ctx, locked, { stage, outcome: outcomeInStage(stage.kind) }, action);
  if (input.notifyCandidate)
    await notifyCandidate(ctx, moved, "stage_change", { stage: { name: stage.name, previous: locked.stage.name } });
  return moved;
}

async function activeReason(em: EntityManager, reasonId: string) {
  const [reason] = await em.execute<{ id: string; label: string }[]>(
    "select id, label from rejection_reasons where id = ? and active",
    [reasonId],
  );
  if (!reason) throw InvalidInput.field("reasonId", "Choose one of the rejection reasons in use");
  return reason;
}

/** Closes the application with a reason (and note); with `notifyCandidate`, the rejection email is queued with it. */
export async function rejectApplication(
  ctx: MailingTx,
  input: Omit<RejectApplicationInput, "version" | "notifyCandidate"> & {
    version: number | null;
    notifyCandidate?: boolean;
  },
  action = "applications.reject",
) {
  const reason = await activeReason(ctx.em, input.reasonId);
  const locked = await lockApplication(ctx.em, input.id, input.version, "reject");
  if (input.notifyCandidate) await assertReachable(ctx, locked.app.candidateId);
  const note = input.note ?? null;
  const rejected = await place(
    ctx,
    locked,
    { stage: locked.stage, outcome: "rejected", reasonId: reason.id, note },
    action,
    { after: { reason: reason.label, ...(note ? { rejectionNote: note } : {}) } },
  );
  if (input.notifyCandidate) await notifyCandidate(ctx, rejected, "rejection", {});
  return rejected;
}

/**
 * Invites the candidate to an assessment: queues the invitation and moves the application to the job's (first)
 * Assessment stage. Already there, the application's activity and version move on, so each invite is one email.
 */
export async function inviteApplication(ctx: MailingTx, input: { id: string; version: number }) {
  const { em } = ctx;
  const locked = await lockApplication(em, input.id, input.version, "move");
  const [target] = await em.execute<StageRow[]>(
    "select id, name, kind from job_stages where job_id = ? and kind = 'assessment' order by position, id limit 1",
    [locked.app.jobId],
  );
  if (!target)
    throw new Conflict(
      `${locked.job.title} has no Assessment stage; add one (kind assessment) first`,
      "precondition_failed",
      { jobId: locked.app.jobId },
    );
  await assertReachable(ctx, locked.app.candidateId);
  let invited: ApplicationDTO;
  if (target.id !== locked.app.stageId) {
    invited = await place(ctx, locked, { stage: target, outcome: outcomeInStage(target.kind) }, "applications.invite", {
      after: { invitation: "assessment_invitation" },
    });
  } else {
    await em.execute(
      "update applications set last_activity_at = now(), updated_at = now(), version = version + 1 where id = ?",
      [locked.app.id],
    );
    recordApplication(ctx, locked.app, null, { invitation: "assessment_invitation" }, "applications.invite");
    invited = await getApplication(em, locked.app.id);
  }
  const candidate = await findCandidateSummary(em, locked.app.candidateId);
  await notifyCandidate(ctx, invited, "assessment_invitation", {
    assessment: { domains: [...candidate.assessmentDomains] },
  });
  return invited;
}

export async function withdrawApplication(ctx: JobsTx, input: { id: string; version: number }) {
  const locked = await lockApplication(ctx.em, input.id, input.version, "withdraw");
  return place(ctx, locked, { stage: locked.stage, outcome: "withdrawn" }, "applications.withdraw");
}

/** A rejected or withdrawn application back in the pipeline, where it stopped. */
export async function reopenApplication(ctx: JobsTx, input: { id: string; version: number }) {
  const locked = await lockApplication(ctx.em, input.id, input.version, "reopen");
  return place(ctx, locked, { stage: locked.stage, outcome: outcomeInStage(locked.stage.kind) }, "applications.reopen");
}

/**
 * Moves the application to the job's first stage of `kind` when it sits in an earlier stage (starting an assessment
 * moves the application to Assessment); anywhere else, or closed, it stays.
 */
export async function advanceToStageKind(ctx: JobsTx, applicationId: string, kind: StageKind, action: string) {
  const locked = await lockApplication(ctx.em, applicationId, null, "move").catch((error: unknown) => {
    if (error instanceof Conflict) return null;
    throw error;
  });
  if (!locked) return getApplication(ctx.em, applicationId);
  const [target] = await ctx.em.execute<(StageRow & { position: number; current: number })[]>(
    `select s.id, s.name, s.kind, s.position, (select position from job_stages where id = ?) as current
     from job_stages s where s.job_id = ? and s.kind = ? order by s.position, s.id limit 1`,
    [locked.app.stageId, locked.app.jobId, kind],
  );
  if (!target || target.position <= target.current) return getApplication(ctx.em, applicationId);
  return place(ctx, locked, { stage: target, outcome: outcomeInStage(target.kind) }, action);
}
