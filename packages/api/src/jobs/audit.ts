/** What jobs writes to the audit trail: applications under their candidate's subject, so a person's trail is whole. */
import type { ProcedureContext } from "../context";

/** The work of one call in this module: its EntityManager, audit buffer, keyring and caller. */
export type JobsTx = Pick<ProcedureContext, "em" | "audit" | "keyring" | "getAuth">;

type Fields = Record<string, unknown>;

/** The rejection note is written about the person: sealed with their key. */
const APPLICATION_PERSONAL = ["rejectionNote"];

export function recordApplication(
  ctx: Pick<JobsTx, "audit">,
  app: { id: string; candidateId: string },
  before: Fields | null,
  after: Fields | null,
  action?: string,
) {
  ctx.audit.record({
    entity: { kind: "application", id: app.id },
    ...(action ? { action } : {}),
    subjectId: app.candidateId,
    before,
    after,
    personal: APPLICATION_PERSONAL.filter((key) => (before && key in before) || (after && key in after)),
  });
}

export function recordJob(
  ctx: Pick<JobsTx, "audit">,
  id: string,
  before: Fields | null,
  after: Fields | null,
  action?: string,
) {
  ctx.audit.record({ entity: { kind: "job", id }, ...(action ? { action } : {}), before, after });
}

/**
 * A call that changed nothing (already so) still leaves its trace: every mutation records an event, and an empty
 * change says the caller asked for what already was.
 */
export function recordUnchanged(ctx: Pick<JobsTx, "audit">, entity: { kind: string; id: string }, subjectId?: string) {
  ctx.audit.record({ entity, ...(subjectId ? { subjectId } : {}), before: {}, after: {} });
}

/** The fields that differ, on both sides. */
export function changed(before: Fields, after: Fields) {
  const b: Fields = {};
  const a: Fields = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    b[key] = before[key] ?? null;
    a[key] = after[key];
  }
  return { before: b, after: a };
}
