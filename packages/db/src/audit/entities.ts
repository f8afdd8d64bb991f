import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { AUDIT_ACTOR_TYPES } from "./types";

/**
 * One audited change, inserted by `appendEvents` in the transaction of the change, chained (seq, prev_hash, hash)
 * by that statement or, when it could not, set once by `chainPending` right after the commit (append.ts). Triggers refuse every other UPDATE, and
 * every DELETE and TRUNCATE, for every role (migrations *_audit and *_audit_chainer).
 */
export const AuditEvent = defineEntity({
  name: "AuditEvent",
  tableName: "audit_events",
  properties: {
    /** Insertion order; the chain's order is `seq`, given when the event is chained (chain.ts). */
    id: p.bigint("number").primary(),
    /** Gap-free position in the chain; null until the committed event is chained, moments after its commit. */
    seq: p.bigint("number").nullable().unique("audit_events_seq_unique"),
    at: p.datetime(3),
    actorType: p.enum(AUDIT_ACTOR_TYPES).nativeEnumName("audit_actor_type"),
    actorId: p.string().length(255).nullable(),
    actorLabel: p.string().length(255).nullable(),
    action: p.string().length(255),
    entityKind: p.string().length(100),
    entityId: p.string().length(255).nullable(),
    subjectId: p.uuid().nullable(),
    requestId: p.string().length(255).nullable(),
    ip: p.string().length(100).nullable(),
    change: p.json<Record<string, unknown>>(),
    prevHash: p.string().length(64).nullable(),
    hash: p.string().length(64).nullable(),
  },
  indexes: [
    {
      name: "audit_events_pending_idx",
      expression: "create index audit_events_pending_idx on audit_events (id) where seq is null",
    },
    { name: "audit_events_actor_idx", properties: ["actorId", "seq"] },
    { name: "audit_events_action_idx", properties: ["action", "seq"] },
    { name: "audit_events_entity_idx", properties: ["entityKind", "entityId", "seq"] },
    { name: "audit_events_subject_idx", properties: ["subjectId", "seq"] },
    { name: "audit_events_at_idx", properties: ["at", "seq"] },
  ],
  // Made by the audit migrations (function audit_events_guard()); declared so the schema diff knows them.
  // Their TRUNCATE twins (audit_events_no_truncate) are invisible to the diff and live in the migration only.
  triggers: [
    {
      name: "audit_events_append_only",
      timing: "before",
      events: ["update", "delete"],
      forEach: "row",
      expression:
        'create trigger audit_events_append_only before update or delete on "audit_events" for each row execute function audit_events_guard();',
    },
  ],
});
export type IAuditEvent = InferEntity<typeof AuditEvent>;

/** The chain's head: one row (id 1), moved by whoever chains events (append.ts). */
export const AuditHead = defineEntity({
  name: "AuditHead",
  tableName: "audit_head",
  properties: {
    id: p.integer().primary().autoincrement(false).check("id = 1"),
    seq: p.bigint("number"),
    hash: p.string().length(64),
  },
  triggers: [
    {
      name: "audit_head_keep",
      timing: "before",
      events: ["delete"],
      forEach: "row",
      expression:
        'create trigger audit_head_keep before delete on "audit_head" for each row execute function audit_refuse_change();',
    },
  ],
});
export type IAuditHead = InferEntity<typeof AuditHead>;

/** The audit module's tables, for the ORM's list in ../entities.ts. */
export const auditEntities = [AuditEvent, AuditHead];
