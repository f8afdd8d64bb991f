/** Reading the trail: filtered keyset pages, personal fields opened with the subject's key. */
import type { EntityManager, Keyring, Sealed } from "@shortlist/db";
import type { ProcedureContext } from "../context";
import { dbRows } from "../db-rows";
import { ERASED, type AuditEventDTO } from "./mappers";
import type { auditListInput } from "./schemas";
import type { z } from "zod";

interface EventRow {
  seq: number;
  at: Date;
  actorType: AuditEventDTO["actor"]["type"];
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityKind: string;
  entityId: string | null;
  subjectId: string | null;
  requestId: string | null;
  ip: string | null;
  change: unknown;
  prevHash: string;
  hash: string;
}

const isSealed = (value: unknown): value is Sealed =>
  typeof value === "object" &&
  value !== null &&
  (value as Sealed).v === 1 &&
  typeof (value as Sealed).kid === "string" &&
  typeof (value as Sealed).ct === "string";

async function openSide(
  em: EntityManager,
  keyring: Keyring,
  side: Record<string, unknown> | null,
  personal: Set<string>,
): Promise<Record<string, unknown> | null> {
  if (!side) return null;
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(side)) {
    if (!isSealed(value)) {
      out[field] = value;
      continue;
    }
    personal.add(field);
    try {
      const opened = await keyring.open(em, value);
      out[field] = opened.ok ? opened.value : ERASED;
    } catch {
      // A tampered value does not open; verify names the event whose hash it breaks.
      out[field] = "[unreadable]";
    }
  }
  return out;
}

async function toDTO(em: EntityManager, keyring: Keyring, row: EventRow): Promise<AuditEventDTO> {
  const change = (typeof row.change === "string" ? JSON.parse(row.change) : row.change) as {
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  };
  const personal = new Set<string>();
  return {
    seq: row.seq,
    at: row.at,
    actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
    action: row.action,
    entity: { kind: row.entityKind, id: row.entityId },
    subjectId: row.subjectId,
    requestId: row.requestId,
    ip: row.ip,
    before: await openSide(em, keyring, change.before, personal),
    after: await openSide(em, keyring, change.after, personal),
    personal: [...personal],
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

const SELECT = `select seq, at, actor_type, actor_id, actor_label, action, entity_kind, entity_id, subject_id,
  request_id, ip, change, prev_hash, hash from audit_events`;

async function readEvents(em: EntityManager, where: string[], params: unknown[], limit: number) {
  const sql = `${SELECT} ${where.length ? `where ${where.join(" and ")}` : ""} order by seq desc limit ?`;
  return dbRows<EventRow>(await em.execute(sql, [...params, limit]), { dates: ["at"], numbers: ["seq"] });
}

/** Newest first; `nextCursor` is null on the last page. */
export async function listEvents(
  ctx: Pick<ProcedureContext, "em" | "keyring">,
  input: z.output<typeof auditListInput>,
): Promise<{ items: AuditEventDTO[]; nextCursor: string | null }> {
  // Chained events only (an event is chained moments after its commit).
  const where: string[] = ["seq is not null"];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (input.actorId) add("actor_id = ?", input.actorId);
  if (input.action) add("action = ?", input.action);
  if (input.entityKind) add("entity_kind = ?", input.entityKind);
  if (input.entityId) add("entity_id = ?", input.entityId);
  if (input.subjectId) add("subject_id = ?", input.subjectId);
  if (input.from) add("at >= ?", input.from);
  if (input.to) add("at <= ?", input.to);
  if (input.cursor) add("seq < ?", Number(input.cursor));
  const rows = await readEvents(ctx.em, where, params, input.limit + 1);
  const page = rows.slice(0, input.limit);
  const items = [];
  for (const row of page) items.push(await toDTO(ctx.em, ctx.keyring, row));
  return { items, nextCursor: rows.length > input.limit ? String(page[page.length - 1]!.seq) : null };
}

/** Every event about the subject, oldest first, opened (for the GDPR export). */
export async function eventsAboutSubject(ctx: Pick<ProcedureContext, "em" | "keyring">, subjectId: string) {
  const out: AuditEventDTO[] = [];
  let cursor: string | null = null;
  do {
    const page = await listEvents(ctx, { subjectId, limit: 200, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out.reverse();
}
