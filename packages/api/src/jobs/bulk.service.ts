/**
 * One action on many applications in one transaction: each item the state allows is done, each other one skipped with
 * the reason (the same rules as the single actions: applicationActionBlocked). The jobs involved are locked first, in
 * id order, then the applications, in id order, as every writer locks them; the done items are written in a few
 * statements whatever their number (the rows, the counters, the history), with one audit event each.
 */
import type { ApplicationOutcome, JobStatus, StageKind } from "@shortlist/db/constants";
import { tagCandidates } from "../candidates";
import { InvalidInput } from "../errors";
import { recordApplication } from "./audit";
import { countChanges } from "./counters";
import { applicationActionBlocked, outcomeInStage } from "./logic/rules";
import { APPLICATION_SELECT, toApplicationDTO } from "./mappers";
import { notifyCandidate, type MailingTx, type Recipient } from "./notify";
import type { BulkAction, BulkApplicationsInput } from "./schemas";

export interface BulkItemResult {
  id: string;
  outcome: "done" | "skipped";
  /** Why the item was skipped. */
  reason?: string;
}

export interface BulkResult {
  results: BulkItemResult[];
}

interface Target {
  id: string;
  candidate_id: string;
  job_id: string;
  stage_id: string;
  stage_name: string;
  outcome: ApplicationOutcome;
  job_status: JobStatus;
  erased: boolean;
}

interface Stage {
  id: string;
  job_id: string;
  name: string;
  kind: StageKind;
}

/** One done item: where it was, where it goes. */
interface Change {
  app: Target;
  to: { stageId: string; stageName: string; outcome: ApplicationOutcome };
}

const uuidArray = (ids: readonly string[]) => `{${ids.join(",")}}`;

async function checkAction(ctx: MailingTx, action: BulkAction) {
  if (action.type === "move") {
    const [stage] = await ctx.em.execute<Stage[]>("select id, job_id, name, kind from job_stages where id = ?", [
      action.stageId,
    ]);
    if (!stage) throw InvalidInput.field("action.stageId", "No such stage");
    return { stage };
  }
  if (action.type === "reject") {
    const [reason] = await ctx.em.execute<{ id: string; label: string }[]>(
      "select id, label from rejection_reasons where id = ? and active",
      [action.reasonId],
    );
    if (!reason) throw InvalidInput.field("action.reasonId", "Choose one of the rejection reasons in use");
    return { reason };
  }
  return {};
}

/** Why this item cannot take the action, or null. */
function refusal(action: BulkAction, app: Target, stage: Stage | undefined): string | null {
  if (action.type === "tag") return null;
  const blocked = applicationActionBlocked(action.type, app.outcome, app.job_status);
  if (blocked) return blocked;
  if (action.type === "move" && stage!.job_id !== app.job_id) return `${stage!.name} is a stage of another job`;
  if (action.type === "reject" && action.notifyCandidate && app.erased)
    return `Candidate ${app.candidate_id} was erased; no email can be sent to them`;
  return null;
}

async function write(
  ctx: MailingTx,
  changes: readonly Change[],
  extra: { reasonId: string | null; note: string | null },
) {
  const { em } = ctx;
  await em.execute(
    `update applications a set stage_id = c.stage_id, outcome = c.outcome::application_outcome,
       rejection_reason_id = ?::uuid, rejection_note = ?,
       stage_entered_at = case when c.stage_id <> a.stage_id then now() else a.stage_entered_at end,
       last_activity_at = now(), updated_at = now(), version = a.version + 1
     from jsonb_to_recordset(?::jsonb) as c(id uuid, stage_id uuid, outcome text)
     where a.id = c.id`,
    [
      extra.reasonId,
      extra.note,
      JSON.stringify(changes.map((c) => ({ id: c.app.id, stage_id: c.to.stageId, outcome: c.to.outcome }))),
    ],
  );
  await countChanges(
    em,
    changes.map(({ app, to }) => ({
      from: { jobId: app.job_id, stageId: app.stage_id, outcome: app.outcome },
      to: { jobId: app.job_id, stageId: to.stageId, outcome: to.outcome },
    })),
  );
  await em.execute(
    `insert into application_moves (application_id, job_id, from_stage_id, from_stage_name, from_outcome, to_stage_id, to_stage_name, to_outcome, actor_id)
     select m.application_id, m.job_id, m.from_stage_id, m.from_stage_name, m.from_outcome::application_outcome,
            m.to_stage_id, m.to_stage_name, m.to_outcome::application_outcome, ?::uuid
     from jsonb_to_recordset(?::jsonb) as m(application_id uuid, job_id uuid, from_stage_id uuid, from_stage_name text,
       from_outcome text, to_stage_id uuid, to_stage_name text, to_outcome text)`,
    [
      (await ctx.getAuth())?.user.id ?? null,
      JSON.stringify(
        changes.map(({ app, to }) => ({
          application_id: app.id,
          job_id: app.job_id,
          from_stage_id: app.stage_id,
          from_stage_name: app.stage_name,
          from_outcome: app.outcome,
          to_stage_id: to.stageId,
          to_stage_name: to.stageName,
          to_outcome: to.outcome,
        })),
      ),
    ],
  );
}

export async function bulkApplications(ctx: MailingTx, input: BulkApplicationsInput): Promise<BulkResult> {
  const { em } = ctx;
  const { action } = input;
  const { stage, reason } = await checkAction(ctx, action);
  const ids = uuidArray(input.ids);
  await em.execute(
    `select id from jobs where id in (select job_id from applications where id = any(?::uuid[]))
     order by id for no key update`,
    [ids],
  );
  const targets = await em.execute<Target[]>(
    `select a.id, a.candidate_id, a.job_id, a.stage_id, s.name as stage_name, a.outcome, j.status as job_status,
            exists (select 1 from data_keys k where k.subject_id = a.candidate_id and k.destroyed_at is not null) as erased
     from applications a join jobs j on j.id = a.job_id join job_stages s on s.id = a.stage_id
     where a.id = any(?::uuid[]) order by a.id for update of a`,
    [ids],
  );
  const byId = new Map(targets.map((t) => [t.id, t]));

  const results = new Map<string, BulkItemResult>();
  for (const id of input.ids) {
    const app = byId.get(id);
    const why = app ? refusal(action, app, stage) : "No such application";
    if (why) results.set(id, { id, outcome: "skipped", reason: why });
  }
  const open = targets.filter((t) => !results.has(t.id));

  if (action.type === "tag") {
    const tagged = await tagCandidates(
      ctx,
      open.map((t) => t.candidate_id),
      action.add,
      action.remove,
    );
    const ofCandidate = new Map(tagged.map((r) => [r.id, r]));
    for (const app of open) {
      const result = ofCandidate.get(app.candidate_id)!;
      results.set(app.id, { id: app.id, outcome: result.outcome, ...(result.reason ? { reason: result.reason } : {}) });
    }
  } else {
    const changes: Change[] = [];
    for (const app of open) {
      results.set(app.id, { id: app.id, outcome: "done" });
      if (action.type === "move" && app.stage_id === stage!.id) continue; // already there
      changes.push({
        app,
        to:
          action.type === "move"
            ? { stageId: stage!.id, stageName: stage!.name, outcome: outcomeInStage(stage!.kind) }
            : { stageId: app.stage_id, stageName: app.stage_name, outcome: "rejected" },
      });
    }
    const note = action.type === "reject" ? (action.note ?? null) : null;
    if (changes.length > 0) await write(ctx, changes, { reasonId: reason?.id ?? null, note });
    for (const { app, to } of changes) {
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      if (to.stageId !== app.stage_id) [before.stage, after.stage] = [app.stage_name, to.stageName];
      if (to.outcome !== app.outcome) [before.outcome, after.outcome] = [app.outcome, to.outcome];
      if (reason) Object.assign(after, { reason: reason.label }, note ? { rejectionNote: note } : {});
      recordApplication(
        ctx,
        { id: app.id, candidateId: app.candidate_id },
        before,
        after,
        `applications.${action.type}`,
      );
    }
    if (action.type === "reject" && action.notifyCandidate && changes.length > 0) {
      const changed = uuidArray(changes.map((c) => c.app.id));
      const rejected = await em.execute(`${APPLICATION_SELECT} where a.id = any(?::uuid[])`, [changed]);
      const recipients = await em.execute<(Recipient & { id: string })[]>(
        "select c.id, c.name, c.email from candidates c join applications a on a.candidate_id = c.id where a.id = any(?::uuid[])",
        [changed],
      );
      const to = new Map(recipients.map((r) => [r.id, r]));
      for (const app of rejected.map(toApplicationDTO))
        await notifyCandidate(ctx, app, "rejection", {}, to.get(app.candidateId));
    }
  }

  const answer = input.ids.map((id) => results.get(id)!);
  // Besides each item's own event, one for the call: what was asked, of how many, and how many were done.
  const done = answer.filter((r) => r.outcome === "done").length;
  ctx.audit.record({
    entity: { kind: "application_bulk", id: null },
    after: { action: action.type, items: answer.length, done, skipped: answer.length - done },
  });
  return { results: answer };
}
