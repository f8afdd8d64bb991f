/**
 * One action on many applications in one transaction: each item the state allows is done, each other one skipped with
 * the reason (the same rules as the single actions). The jobs involved are locked first, in id order, so two bulk calls
 * over the same jobs cannot deadlock; then the items go through the single actions' code (counters, history, audit).
 */
import { tagCandidates } from "../candidates";
import { DomainError, InvalidInput } from "../errors";
import { moveApplication, rejectApplication } from "./applications.service";
import { assertReachable, type MailingTx } from "./notify";
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
  job_id: string;
  candidate_id: string;
}

const uuidArray = (ids: readonly string[]) => `{${ids.join(",")}}`;

/** Refusals of one item that leave the transaction usable (nothing was written for it). */
const skippable = (error: unknown): error is DomainError =>
  error instanceof DomainError &&
  ["precondition_failed", "stale_version", "not_found", "invalid_input"].includes(error.reason);

async function checkAction(ctx: MailingTx, action: BulkAction) {
  if (action.type === "move") {
    const [stage] = await ctx.em.execute<{ id: string; job_id: string; name: string }[]>(
      "select id, job_id, name from job_stages where id = ?",
      [action.stageId],
    );
    if (!stage) throw InvalidInput.field("action.stageId", "No such stage");
    return stage;
  }
  if (action.type === "reject") {
    const found = await ctx.em.execute("select 1 from rejection_reasons where id = ? and active", [action.reasonId]);
    if (found.length === 0) throw InvalidInput.field("action.reasonId", "Choose one of the rejection reasons in use");
  }
  return null;
}

export async function bulkApplications(ctx: MailingTx, input: BulkApplicationsInput): Promise<BulkResult> {
  const { em } = ctx;
  const { action } = input;
  const stage = await checkAction(ctx, action);
  const targets = await em.execute<Target[]>(
    "select id, job_id, candidate_id from applications where id = any(?::uuid[])",
    [uuidArray(input.ids)],
  );
  const byId = new Map(targets.map((t) => [t.id, t]));
  const jobIds = [...new Set(targets.map((t) => t.job_id))].sort();
  if (jobIds.length > 0)
    await em.execute("select id from jobs where id = any(?::uuid[]) order by id for no key update", [
      uuidArray(jobIds),
    ]);

  const missing = (id: string): BulkItemResult => ({ id, outcome: "skipped", reason: "No such application" });

  const answer = (results: BulkItemResult[]): BulkResult => {
    // Besides each item's own event, one for the call: what was asked, of how many, and how many were done.
    const done = results.filter((r) => r.outcome === "done").length;
    ctx.audit.record({
      entity: { kind: "application_bulk", id: null },
      after: { action: action.type, items: results.length, done, skipped: results.length - done },
    });
    return { results };
  };

  if (action.type === "tag") {
    const tagged = await tagCandidates(
      ctx,
      targets.map((t) => t.candidate_id),
      action.add,
      action.remove,
    );
    const ofCandidate = new Map(tagged.map((r) => [r.id, r]));
    return answer(
      input.ids.map((id) => {
        const target = byId.get(id);
        if (!target) return missing(id);
        const result = ofCandidate.get(target.candidate_id)!;
        return { id, outcome: result.outcome, ...(result.reason ? { reason: result.reason } : {}) };
      }),
    );
  }

  const results = new Map<string, BulkItemResult>();
  // Applications one after another in id order (the lock order of every writer); the answer keeps the caller's order.
  for (const id of [...input.ids].sort()) {
    const target = byId.get(id);
    if (!target) {
      results.set(id, missing(id));
      continue;
    }
    try {
      if (action.type === "move") {
        if (stage!.job_id !== target.job_id) {
          results.set(id, { id, outcome: "skipped", reason: `${stage!.name} is a stage of another job` });
          continue;
        }
        await moveApplication(ctx, { id, version: null, stageId: stage!.id }, "applications.bulk.move");
      } else {
        if (action.notifyCandidate) await assertReachable(ctx, target.candidate_id);
        await rejectApplication(
          ctx,
          {
            id,
            version: null,
            reasonId: action.reasonId,
            note: action.note ?? null,
            notifyCandidate: action.notifyCandidate,
          },
          "applications.bulk.reject",
        );
      }
      results.set(id, { id, outcome: "done" });
    } catch (error) {
      if (!skippable(error)) throw error;
      results.set(id, { id, outcome: "skipped", reason: error.message });
    }
  }
  return answer(input.ids.map((id) => results.get(id)!));
}
