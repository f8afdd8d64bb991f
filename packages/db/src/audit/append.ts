/**
 * Writing the trail. `appendEvents` inserts a call's events in the call's own transaction (no lock: writers
 * never wait for each other), so a rolled-back change leaves no event and a committed one always has its
 * events. `chainPending` then gives committed events their gap-free `seq` and hashes, in batches, under the
 * head row's lock, right after the commit (the API's unit of work waits for it) — so one commit's flush
 * to disk is never inside another writer's wait.
 */
import type { EntityManager } from "@mikro-orm/postgresql";
import { eventHash, plainChange } from "./chain";
import { hashedFields, SELECT_EVENT_ROWS, type EventRow } from "./rows";
import type { AuditEventInput } from "./types";

const COLUMNS =
  "at, actor_type, actor_id, actor_label, action, entity_kind, entity_id, subject_id, request_id, ip, change";
const ROW = "(?::timestamptz, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)";

/** Events per INSERT (eleven parameters each; PostgreSQL takes at most 65,535 per statement). */
const APPEND_BATCH = 2000;

/** Inserts the events, not yet chained, in `em`'s transaction: one statement per APPEND_BATCH events. */
export async function appendEvents(em: EntityManager, events: readonly AuditEventInput[]): Promise<void> {
  const at = new Date().toISOString();
  for (let from = 0; from < events.length; from += APPEND_BATCH) {
    const chunk = events.slice(from, from + APPEND_BATCH);
    const params = chunk.flatMap((e) => [
      at,
      e.actor.type,
      e.actor.id,
      e.actor.label,
      e.action,
      e.entity.kind,
      e.entity.id,
      e.subjectId,
      e.requestId,
      e.ip,
      JSON.stringify(plainChange(e.change)),
    ]);
    await em.execute(`insert into audit_events (${COLUMNS}) values ${chunk.map(() => ROW).join(", ")}`, params);
  }
}

/** The head as committed: the last chained sequence number and its hash (0 and the genesis hash when empty). */
export async function chainHead(em: EntityManager): Promise<{ seq: number; hash: string }> {
  const [head] = await em.execute<{ seq: string; hash: string }[]>("select seq, hash from audit_head where id = 1");
  if (!head) throw new Error("audit_head has no row: the audit migration did not run");
  return { seq: Number(head.seq), hash: head.hash };
}

/**
 * Chains every committed, unchained event (in insertion order), `batch` per transaction; answers how many.
 * Concurrent callers (other requests, other processes) queue on the head row's lock and find the work done.
 */
export async function chainPending(
  em: EntityManager,
  { batch = 1000, surelyPending = false }: { batch?: number; surelyPending?: boolean } = {},
): Promise<number> {
  // Nothing pending (the common case for a verify or a checkpoint): no lock, no commit. A writer that has
  // just committed events (`surelyPending`) skips the question.
  if (!surelyPending) {
    const [pending] = await em.execute<{ any: boolean }[]>(
      "select exists (select 1 from audit_events where seq is null) as any",
    );
    if (!pending?.any) return 0;
  }
  let total = 0;
  for (;;) {
    const chained = await em.fork().transactional(async (tx) => {
      const [head] = await tx.execute<{ seq: string; hash: string }[]>(
        "select seq, hash from audit_head where id = 1 for update",
      );
      if (!head) throw new Error("audit_head has no row: the audit migration did not run");
      // Read after the lock: a new snapshot, so events another chainer just chained are not seen as pending.
      const rows = await tx.execute<EventRow[]>(`${SELECT_EVENT_ROWS} where seq is null order by id limit ?`, [batch]);
      if (rows.length === 0) return 0;
      let seq = Number(head.seq);
      let prevHash = head.hash;
      const params: unknown[] = [];
      for (const row of rows) {
        const hash = eventHash(hashedFields(row, ++seq, prevHash));
        params.push(row.id, seq, prevHash, hash);
        prevHash = hash;
      }
      // One statement: the events and the head.
      await tx.execute(
        `with chained as (
           update audit_events as e set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
           from (values ${rows.map(() => "(?::bigint, ?::bigint, ?, ?)").join(", ")}) as v(id, seq, prev_hash, hash)
           where e.id = v.id
         )
         update audit_head set seq = ?, hash = ? where id = 1`,
        [...params, seq, prevHash],
      );
      return rows.length;
    });
    total += chained;
    if (chained < batch) return total;
  }
}
