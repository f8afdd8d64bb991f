import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager } from "@shortlist/db";
import { dbRow, dbRows } from "../db-rows";
import { DomainError, InvalidInput, NotFound } from "../errors";
import { changed, recordUnchanged, type JobsTx } from "./audit";

export interface RejectionReasonDTO {
  id: string;
  label: string;
  active: boolean;
  position: number;
}

/** In the order admins gave them; retired reasons only when asked for (they still label old rejections). */
export async function listRejectionReasons(em: EntityManager, { includeRetired = false } = {}) {
  const rows = await em.execute(
    `select id, label, active, position from rejection_reasons ${includeRetired ? "" : "where active"} order by position, label`,
  );
  return dbRows<RejectionReasonDTO>(rows);
}

const REASON_COLUMNS = "id, label, active, position";

function duplicateLabel(label: string): DomainError {
  const message = `There is already a reason called ${label}`;
  return new DomainError("duplicate", message, {
    details: { fields: ["label"] },
    fieldErrors: [{ path: "label", message }],
  });
}

async function assertLabelFree(em: EntityManager, label: string, exceptId?: string) {
  const taken = await em.execute(
    "select 1 from rejection_reasons where lower(label) = lower(?) and id <> coalesce(?::uuid, '00000000-0000-0000-0000-000000000000')",
    [label, exceptId ?? null],
  );
  if (taken.length > 0) throw duplicateLabel(label);
}

async function labelled<T>(label: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicateLabel(label);
    throw error;
  }
}

/** Reasons are edited one admin at a time: a transaction-scoped lock orders them (positions stay a sequence). */
const lockReasons = (em: EntityManager) => em.execute("select pg_advisory_xact_lock(hashtext('rejection_reasons'), 0)");

const recordReason = (
  ctx: JobsTx,
  id: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
) => ctx.audit.record({ entity: { kind: "rejection_reason", id }, before, after });

/** A new reason, offered last. */
export async function createRejectionReason(ctx: JobsTx, label: string): Promise<RejectionReasonDTO> {
  const { em } = ctx;
  await lockReasons(em);
  await assertLabelFree(em, label);
  const [row] = await labelled(label, () =>
    em.execute<Record<string, unknown>[]>(
      `insert into rejection_reasons (label, active, position)
       values (?, true, (select coalesce(max(position), 0) + 1 from rejection_reasons)) returning ${REASON_COLUMNS}`,
      [label],
    ),
  );
  const created = dbRow<RejectionReasonDTO>(row!);
  recordReason(ctx, created.id, null, { label: created.label, active: true, position: created.position });
  return created;
}

/** Renames or retires (active false) a reason; a retired reason still labels the rejections that used it. */
export async function updateRejectionReason(
  ctx: JobsTx,
  input: { id: string; label?: string; active?: boolean },
): Promise<RejectionReasonDTO> {
  const { em } = ctx;
  await lockReasons(em);
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select ${REASON_COLUMNS} from rejection_reasons where id = ?`,
    [input.id],
  );
  if (!row) throw new NotFound("rejection reason", input.id);
  const current = dbRow<RejectionReasonDTO>(row);
  const next = { label: input.label ?? current.label, active: input.active ?? current.active };
  const change = changed({ label: current.label, active: current.active }, next);
  if (Object.keys(change.after).length === 0) {
    recordUnchanged(ctx, { kind: "rejection_reason", id: current.id });
    return current;
  }
  if (next.label !== current.label) await assertLabelFree(em, next.label, current.id);
  const [updated] = await labelled(next.label, () =>
    em.execute<Record<string, unknown>[]>(
      `update rejection_reasons set label = ?, active = ?, updated_at = now() where id = ? returning ${REASON_COLUMNS}`,
      [next.label, next.active, current.id],
    ),
  );
  recordReason(ctx, current.id, change.before, change.after);
  return dbRow<RejectionReasonDTO>(updated!);
}

/** The named reasons first, in the order given; the others keep their order after them. Answers every reason. */
export async function reorderRejectionReasons(ctx: JobsTx, ids: readonly string[]): Promise<RejectionReasonDTO[]> {
  const { em } = ctx;
  await lockReasons(em);
  const all = await listRejectionReasons(em, { includeRetired: true });
  const known = new Set(all.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw InvalidInput.field("ids", `No rejection reason has the id ${unknown.join(", ")}`);
  const named = new Set(ids);
  const order = [...ids, ...all.filter((r) => !named.has(r.id)).map((r) => r.id)];
  const before = all.map((r) => r.label);
  const byId = new Map(all.map((r) => [r.id, r]));
  const after = order.map((id) => byId.get(id)!.label);
  if (before.join("\u0000") === after.join("\u0000") && all.every((r, i) => r.position === i + 1)) {
    recordUnchanged(ctx, { kind: "rejection_reason", id: order[0]! });
    return all;
  }
  await em.execute(
    `update rejection_reasons r set position = p.position, updated_at = now()
     from jsonb_to_recordset(?::jsonb) as p(id uuid, position int) where r.id = p.id and r.position <> p.position`,
    [JSON.stringify(order.map((id, i) => ({ id, position: i + 1 })))],
  );
  ctx.audit.record({
    entity: { kind: "rejection_reason", id: order[0]! },
    before: { order: before },
    after: { order: after },
  });
  return listRejectionReasons(em, { includeRetired: true });
}
