/**
 * Writing the trail. `appendEvents` inserts a call's events in the call's own transaction (no lock: writers
 * never wait for each other), so a rolled-back change leaves no event and a committed one always has its
 * events. `chainPending` then gives committed events their gap-free `seq` and hashes, in batches, each moving
 * the head only if no other chainer moved it first, right after the commit (the API's unit of work waits for
 * it) — so one commit's flush to disk is never inside another writer's wait.
 */
import type { EntityManager } from "@mikro-orm/postgresql";
import type { PoolClient } from "pg";
import { nativeQuery } from "../native-query";
import { eventHash, plainCanonicalJson, plainChange } from "./chain";
import { hashedFields, selectEventRowsBut, type EventRow } from "./rows";
import type { AuditEventInput } from "./types";

const COLUMNS =
  "at, actor_type, actor_id, actor_label, action, entity_kind, entity_id, subject_id, request_id, ip, change";
/** Every column but `at` (one value for all), as the arrays the INSERT unnests. */
const ARRAY_COLUMNS = [
  ["actor_type", "text"],
  ["actor_id", "text"],
  ["actor_label", "text"],
  ["action", "text"],
  ["entity_kind", "text"],
  ["entity_id", "text"],
  ["subject_id", "uuid"],
  ["request_id", "text"],
  ["ip", "text"],
  ["change", "jsonb"],
] as const;

/**
 * A statement to run with the events' INSERT, as one (e.g. the data keys that sealed their personal fields): its
 * SQL uses parameters `$1` to `$n` (n = `params.length`) and has a RETURNING clause; the events are inserted only
 * when it returns exactly `rows` rows.
 */
export interface AlongsideStatement {
  sql: string;
  params: readonly unknown[];
  rows: number;
}

/**
 * What `appendEvents` wrote: the events' ids and the canonical JSON of each one's `change` (what its hash will
 * cover, as jsonb gives it back), for the chainer to hash without reading the changes back.
 */
export type AppendedEvents = Map<string, string>;

/**
 * Inserts the events, not yet chained, in `em`'s transaction, in one statement (with `alongside` when given).
 * Answers whether they were inserted, the rows `alongside` returned, and what was appended.
 */
export async function appendEvents(
  em: EntityManager,
  events: readonly AuditEventInput[],
  alongside?: AlongsideStatement,
): Promise<{ appended: AppendedEvents | null; alongside: Record<string, unknown>[] }> {
  if (events.length === 0 && !alongside) return { appended: new Map(), alongside: [] };
  const first = alongside ? alongside.params.length + 1 : 1;
  const p = (i: number) => `$${first + i}`;
  const arrays: unknown[][] = ARRAY_COLUMNS.map(() => []);
  const changes: string[] = [];
  for (const e of events) {
    // Canonical JSON is JSON: jsonb stores it, and gives back a value whose canonical JSON is the same.
    const change = plainCanonicalJson(plainChange(e.change));
    changes.push(change);
    const values = [
      e.actor.type,
      e.actor.id,
      e.actor.label,
      e.action,
      e.entity.kind,
      e.entity.id,
      e.subjectId,
      e.requestId,
      e.ip,
      change,
    ];
    values.forEach((value, i) => arrays[i]!.push(value));
  }
  const insert =
    `insert into audit_events (${COLUMNS}) ` +
    `select ${p(0)}::timestamptz, v.actor_type::audit_actor_type, ` +
    `${ARRAY_COLUMNS.slice(1)
      .map(([column]) => `v.${column}`)
      .join(", ")} ` +
    `from unnest(${ARRAY_COLUMNS.map(([, type], i) => `${p(i + 1)}::${type}[]`).join(", ")}) ` +
    `with ordinality as v(${ARRAY_COLUMNS.map(([column]) => column).join(", ")}, n)` +
    (alongside ? ` where (select count(*) from alongside) = ${p(ARRAY_COLUMNS.length + 1)}` : "") +
    " order by v.n returning id";
  const params = [new Date().toISOString(), ...arrays];
  // The ids come from one sequence, drawn in insertion order: in ascending order, they are the events' in order.
  const appended = (ids: readonly string[]): AppendedEvents =>
    new Map(
      [...ids]
        .map(BigInt)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((id, i) => [String(id), changes[i]!]),
    );
  if (!alongside) {
    const rows = await nativeQuery<{ id: string }>(em, insert, params);
    return { appended: appended(rows.map((r) => String(r.id))), alongside: [] };
  }
  const [result] = await nativeQuery<{ alongside: Record<string, unknown>[]; ids: string[] | null }>(
    em,
    `with alongside as (${alongside.sql}), appended as (${insert}) ` +
      "select coalesce((select json_agg(alongside) from alongside), '[]') as alongside, " +
      "(select array_agg(id)::text[] from appended) as ids",
    [...alongside.params, ...params, alongside.rows],
  );
  const ok = result!.alongside.length === alongside.rows;
  return { appended: ok ? appended(result!.ids ?? []) : null, alongside: result!.alongside };
}

/** The head as committed: the last chained sequence number and its hash (0 and the genesis hash when empty). */
export async function chainHead(em: EntityManager): Promise<{ seq: number; hash: string }> {
  const [head] = await em.execute<{ seq: string; hash: string }[]>("select seq, hash from audit_head where id = 1");
  if (!head) throw new Error("audit_head has no row: the audit migration did not run");
  return { seq: Number(head.seq), hash: head.hash };
}

/**
 * Chains every committed, unchained event (in insertion order), `batch` per write; answers how many.
 * Concurrent callers (other processes; in one server the API's chainer runs one at a time) race for the head:
 * a loser writes nothing and reads again, finding the work done.
 */
export async function chainPending(
  em: EntityManager,
  {
    batch = 1000,
    surelyPending = false,
    known = new Map(),
  }: {
    batch?: number;
    surelyPending?: boolean;
    /** Events this process appended (and saw committed): hashed without reading their changes back. */
    known?: AppendedEvents;
  } = {},
): Promise<number> {
  // Nothing pending (the common case for a verify or a checkpoint): no lock, no commit. A writer that has
  // just committed events (`surelyPending`) skips the question.
  if (!surelyPending) {
    const [pending] = await em.execute<{ any: boolean }[]>(
      "select exists (select 1 from audit_events where seq is null) as any",
    );
    if (!pending?.any) return 0;
  }
  const pool = await em.getConnection().getNativeClient();
  const client = await pool.connect();
  let total = 0;
  try {
    for (let lost = 0; ;) {
      const chained = await chainBatch(client, batch, known);
      if (chained === null) {
        // Another chainer (another process) moved the head first: read again.
        if (++lost > 1000) throw new Error("chainPending: the head kept moving; gave up");
        continue;
      }
      total += chained;
      if (chained < batch) break;
    }
  } catch (error) {
    // A statement's error leaves the connection usable; anything else (e.g. the connection lost) does not.
    client.release((error as { code?: string }).code ? undefined : true);
    throw error;
  }
  client.release();
  return total;
}

const ID = /^\d+$/;
const HASH = /^[0-9a-f]{64}$/;
/** What a chainer that lost the race for the head meets: its statement refused whole, nothing written. */
const LOST_RACE = new Set(["22012", "23505", "40P01"]);

/**
 * Chains up to `batch` pending events in two statements, each its own transaction (no BEGIN, no lock held
 * between them): one reads the head and the pending events (one snapshot, so they agree), the other writes
 * the events and moves the head, only if the head is still where it was read (compare and swap). Answers how
 * many were chained, or null when another chainer moved the head first. They carry no parameters: every value
 * in them is a number or a hash, checked.
 */
async function chainBatch(client: PoolClient, batch: number, known: AppendedEvents): Promise<number | null> {
  if (!Number.isSafeInteger(batch) || batch < 1) throw new Error(`chainPending: batch ${batch} is not a count`);
  const { rows } = await client.query<EventRow & { head_seq: string; head_hash: string }>(
    "select h.seq as head_seq, h.hash as head_hash, e.* from audit_head h left join lateral (" +
      `${selectEventRowsBut([...known.keys()])} where seq is null order by id limit ${batch}) e on true where h.id = 1`,
  );
  const head = rows[0];
  if (!head) throw new Error("audit_head has no row: the audit migration did not run");
  if (head.id === null) return 0;
  if (!HASH.test(head.head_hash) || !ID.test(String(head.head_seq))) throw new Error("chainPending: unexpected head");
  let seq = Number(head.head_seq);
  let prevHash = head.head_hash;
  const values: string[] = [];
  for (const row of rows) {
    const hash = eventHash(hashedFields(row, ++seq, prevHash), known.get(String(row.id)));
    if (!ID.test(String(row.id))) throw new Error(`chainPending: unexpected row ${row.id}`);
    values.push(`(${row.id}::bigint, ${seq}::bigint, '${prevHash}', '${hash}')`);
    prevHash = hash;
  }
  // All or nothing: unless every event was still unchained and the head still where it was read, the last
  // line divides by zero, which refuses the whole statement. (A rival chainer's events and ours cannot both
  // take a sequence number either: the unique index refuses the second.)
  try {
    await client.query(
      `with chained as (
         update audit_events as e set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
         from (values ${values.join(", ")}) as v(id, seq, prev_hash, hash)
         where e.id = v.id and e.seq is null
         returning 1
       ), moved as (
         update audit_head set seq = ${seq}, hash = '${prevHash}'
         where id = 1 and seq = ${head.head_seq} and hash = '${head.head_hash}'
           and (select count(*) from chained) = ${rows.length}
         returning 1
       )
       select 1 / (select count(*) from moved)::int as moved`,
    );
  } catch (error) {
    if (LOST_RACE.has((error as { code?: string }).code ?? "")) return null;
    throw error;
  }
  return rows.length;
}
