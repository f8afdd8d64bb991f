/** An event row as chaining and verification read it: the hashed fields exactly as stored. */
import type { HashedFields } from "./chain";
import type { AuditActorType } from "./types";

export interface EventRow {
  id: string;
  seq: string | null;
  at: string;
  actor_type: AuditActorType;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  entity_kind: string;
  entity_id: string | null;
  subject_id: string | null;
  request_id: string | null;
  ip: string | null;
  change: unknown;
  prev_hash: string | null;
  hash: string | null;
}

const selectEventRows = (change: string) => `select id, seq,
  to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor_type, actor_id, actor_label, action,
  entity_kind, entity_id, subject_id, request_id, ip, ${change} as change, prev_hash, hash
  from audit_events`;

/** `at` as the ISO 8601 string the hash covers (UTC, milliseconds). */
export const SELECT_EVENT_ROWS = selectEventRows("change");

/** SELECT_EVENT_ROWS with `change` left out (null) for the events whose ids are in the parameter `$1` (bigint[]). */
export const SELECT_EVENT_ROWS_BUT = selectEventRows("case when id = any($1::bigint[]) then null else change end");

export function hashedFields(row: EventRow, seq: number, prevHash: string): HashedFields {
  return {
    seq,
    at: row.at,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    action: row.action,
    entity: { kind: row.entity_kind, id: row.entity_id },
    subjectId: row.subject_id,
    requestId: row.request_id,
    ip: row.ip,
    change: (typeof row.change === "string" ? JSON.parse(row.change) : row.change) as HashedFields["change"],
    prevHash,
  };
}
