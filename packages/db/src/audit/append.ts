/**
 * Writing the trail. `appendEvents` inserts a call's events in the call's own transaction, so a rolled-back change
 * leaves no event and a committed one always has its events; asked to, the same statement chains them (gap-free
 * `seq` and hashes after the head, which it locks only if no one else holds it: writers never wait for each other).
 * Events left unchained are chained by `chainPending` right after the commit (the API's unit of work waits for it),
 * in batches, each moving the head only if no other chainer moved it first.
 */
import type { EntityManager } from "@mikro-orm/postgresql";
import type { PoolClient } from "pg";
import { nativeQuery } from "../native-query";
import { changeCanonicalJson, eventCanonicalParts, eventHash, type HashedFields } from "./chain";
import { hashedFields, SELECT_EVENT_ROWS_BUT, type EventRow } from "./rows";
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
  // Text: the canonical JSON, stored as jsonb and hashed as it is.
  ["change", "text"],
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
 * One event `appendEvents` wrote: the canonical JSON of its `change` (what its hash will cover, as jsonb gives it
 * back) and, when every other hashed field is surely stored exactly as given (see `storedAsGiven`), those fields:
 * the chainer then hashes it without reading anything back.
 */
export interface AppendedEvent {
  change: string;
  fields: Omit<HashedFields, "seq" | "prevHash" | "change"> | null;
}

/**
 * What `appendEvents` wrote, by event id, for the chainer; when the events were chained in their own statement,
 * none, and `chained`: the head they moved it to.
 */
export type AppendedEvents = Map<string, AppendedEvent> & { chained?: ChainedInline };

/** The columns' lengths (varchar(n)): a longer value is refused, or, when the excess is spaces, cut. */
const LIMITS = {
  actor_id: 255,
  actor_label: 255,
  action: 255,
  entity_kind: 100,
  entity_id: 255,
  request_id: 255,
  ip: 100,
};
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const fits = (value: string | null, limit: number) => value === null || (value.length <= limit && value.isWellFormed());

/**
 * Whether PostgreSQL gives the event's fields back exactly as given (so a hash over the given ones is the hash over
 * the stored ones): strings that fit their columns, a subject id already in uuid's canonical form.
 */
function storedAsGiven(e: AuditEventInput): boolean {
  return (
    fits(e.actor.id, LIMITS.actor_id) &&
    fits(e.actor.label, LIMITS.actor_label) &&
    fits(e.action, LIMITS.action) &&
    fits(e.entity.kind, LIMITS.entity_kind) &&
    fits(e.entity.id, LIMITS.entity_id) &&
    fits(e.requestId, LIMITS.request_id) &&
    fits(e.ip, LIMITS.ip) &&
    (e.subjectId === null || CANONICAL_UUID.test(e.subjectId))
  );
}

/** The head after the events of one statement were chained in it (their transaction holds the head till it ends). */
export interface ChainedInline {
  seq: number;
  hash: string;
}

/**
 * What `appendEvents` answers: the events left for the chainer (`appended`, by id; none when they were chained in
 * the statement), the head after them when they were (`chained`), and the rows `alongside` returned. `appended` is
 * null when `alongside` did not return its rows, and then nothing was inserted.
 */
export interface AppendResult {
  appended: AppendedEvents | null;
  chained: ChainedInline | null;
  alongside: Record<string, unknown>[];
}

/**
 * The events' chain links, computed by the database from the head locked in the same statement (`head`): link n
 * hashes `before` + the previous hash + `between` + its seq + `after` (`eventCanonicalParts`), exactly as
 * `eventHash` would, so verification recomputes the same hashes from the stored fields. Parameters: the three
 * parts' arrays and the number of events.
 */
const linksSql = (parts: readonly string[], change: string, count: string) => {
  const [open, close, between, after] = parts.map((param) => `(${param}::text[])[(l.n + 1)::int]`);
  return `links (n, seq, prev_hash, hash) as (
     select 0::bigint, h.seq, null::varchar, h.hash::varchar from head h
     union all
     select l.n + 1, l.seq + 1, l.hash, encode(sha256(convert_to(${open} || (${change}::text[])[(l.n + 1)::int] ||
         ${close} || l.hash || ${between} || (l.seq + 1)::text || ${after}, 'UTF8')), 'hex')::varchar
       from links l where l.n < ${count}::bigint
   )`;
};

/**
 * Inserts the events in `em`'s transaction, in one statement (with `alongside` when given). With `chain`, the same
 * statement also chains them, when it can: it locks the head (skipping it when another transaction holds it, so
 * writers never wait for one another), links the events after it and moves it; the lock is then held to the
 * transaction's end, so a rollback takes the links back with the events. Otherwise (the head taken, or a field that
 * might not come back from the database as given) they are left unchained, for the chainer (`chainPending`).
 */
export async function appendEvents(
  em: EntityManager,
  events: readonly AuditEventInput[],
  alongside?: AlongsideStatement,
  { chain = false }: { chain?: boolean } = {},
): Promise<AppendResult> {
  if (events.length === 0 && !alongside) return { appended: new Map(), chained: null, alongside: [] };
  const first = alongside ? alongside.params.length + 1 : 1;
  const p = (i: number) => `$${first + i}`;
  const arrays: unknown[][] = ARRAY_COLUMNS.map(() => []);
  const at = new Date().toISOString();
  const written: AppendedEvent[] = [];
  for (const e of events) {
    // Canonical JSON is JSON: jsonb stores it, and gives back a value whose canonical JSON is the same.
    const change = changeCanonicalJson(e.change);
    written.push({
      change,
      fields: storedAsGiven(e)
        ? {
            at,
            actor: { type: e.actor.type, id: e.actor.id, label: e.actor.label },
            action: e.action,
            entity: { kind: e.entity.kind, id: e.entity.id },
            subjectId: e.subjectId,
            requestId: e.requestId,
            ip: e.ip,
          }
        : null,
    });
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
  const inline = chain && events.length > 0 && written.every((w) => w.fields);
  const params: unknown[] = [at, ...arrays];
  const extra = (value: unknown) => {
    params.push(value);
    return p(params.length - 1);
  };
  const guard = alongside ? `(select count(*) from alongside) = ${extra(alongside.rows)}` : "true";
  const ctes = alongside ? [`alongside as (${alongside.sql})`] : [];
  let count = "";
  if (inline) {
    const parts = written.map((w) => eventCanonicalParts(w.fields!));
    const params4 = [0, 1, 2, 3].map((i) => extra(parts.map((part) => part[i])));
    count = extra(events.length);
    ctes.push(
      `head as (select seq, hash from audit_head where id = 1 and ${guard} for update skip locked)`,
      linksSql(params4, p(ARRAY_COLUMNS.length), count),
    );
  }
  ctes.push(
    `appended as (insert into audit_events (${COLUMNS}${inline ? ", seq, prev_hash, hash" : ""}) ` +
      `select ${p(0)}::timestamptz, v.actor_type::audit_actor_type, ` +
      `${ARRAY_COLUMNS.slice(1, -1)
        .map(([column]) => `v.${column}`)
        .join(", ")}, v.change::jsonb${inline ? ", l.seq, l.prev_hash, l.hash" : ""} ` +
      `from unnest(${ARRAY_COLUMNS.map(([, type], i) => `${p(i + 1)}::${type}[]`).join(", ")}) ` +
      `with ordinality as v(${ARRAY_COLUMNS.map(([column]) => column).join(", ")}, n)` +
      (inline ? " left join links l on l.n = v.n" : "") +
      ` where ${guard} order by v.n returning id)`,
  );
  if (inline)
    ctes.push(
      "moved as (update audit_head h set seq = l.seq, hash = l.hash from links l " +
        `where h.id = 1 and l.n = ${count}::bigint and (select count(*) from appended) = l.n ` +
        "returning h.seq, h.hash)",
    );
  const [result] = await nativeQuery<{
    alongside: Record<string, unknown>[] | null;
    ids: string[] | null;
    seq: string | null;
    hash: string | null;
  }>(
    em,
    `with ${inline ? "recursive " : ""}${ctes.join(", ")} select ` +
      (alongside ? "coalesce((select json_agg(alongside) from alongside), '[]') as alongside, " : "") +
      "(select array_agg(id)::text[] from appended) as ids" +
      (inline ? ", (select seq from moved) as seq, (select hash from moved) as hash" : ""),
    [...(alongside?.params ?? []), ...params],
    { prepared: true },
  );
  const rows = result!.alongside ?? [];
  if (alongside && rows.length !== alongside.rows) return { appended: null, chained: null, alongside: rows };
  if (result!.seq !== null && result!.seq !== undefined)
    return { appended: new Map(), chained: { seq: Number(result!.seq), hash: result!.hash! }, alongside: rows };
  // The ids come from one sequence, drawn in insertion order: in ascending order, they are the events' in order.
  const ids = [...(result!.ids ?? [])].map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { appended: new Map(ids.map((id, i) => [String(id), written[i]!])), chained: null, alongside: rows };
}

/** The head as committed: the last chained sequence number and its hash (0 and the genesis hash when empty). */
export async function chainHead(em: EntityManager): Promise<{ seq: number; hash: string }> {
  const [head] = await em.execute<{ seq: string; hash: string }[]>("select seq, hash from audit_head where id = 1");
  if (!head) throw new Error("audit_head has no row: the audit migration did not run");
  return { seq: Number(head.seq), hash: head.hash };
}

/** The head as this process last wrote or read it: a chainer that holds it can chain what it appended unread. */
export interface ChainState {
  head: { seq: number; hash: string } | null;
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
    state,
  }: {
    batch?: number;
    surelyPending?: boolean;
    /** Events this process appended (and saw committed): hashed without reading their changes back. */
    known?: AppendedEvents;
    /**
     * The head this caller last saw, kept up to date here: with it, events appended by this process whose fields
     * are all known (the common case) are chained in one statement, without reading the head or the events.
     */
    state?: ChainState;
  } = {},
): Promise<number> {
  if (!Number.isSafeInteger(batch) || batch < 1) throw new Error(`chainPending: batch ${batch} is not a count`);
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
    const ours = state?.head && surelyPending ? knownInOrder(known, batch) : null;
    if (ours) {
      const written = await chainKnown(client, ours, state!);
      // Chained, and nothing else was pending: the common case, one statement.
      if (written && !written.others) {
        client.release();
        return written.count;
      }
      // The rest (or everything, if the head had moved): read from the database.
      total += written?.count ?? 0;
    }
    for (let lost = 0; ;) {
      const chained = await chainBatch(client, batch, known, state);
      if (chained === null) {
        // Another chainer (another process) moved the head first: read again.
        if (++lost > 1000) throw new Error("chainPending: the head kept moving; gave up");
        continue;
      }
      total += chained;
      if (chained < batch) break;
    }
  } catch (error) {
    if (state) state.head = null;
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

/** The head and the pending events in one snapshot; `change` left out (null) for the events of ids `$1`. */
const READ = {
  name: "shortlist_audit_chain_read",
  text:
    "select h.seq as head_seq, h.hash as head_hash, e.* from audit_head h left join lateral (" +
    `${SELECT_EVENT_ROWS_BUT} where seq is null order by id limit $2) e on true where h.id = 1`,
};

/**
 * Chains events ($1: ids, $2: their sequence numbers, $3 and $4: their previous and own hashes) and moves the
 * head from ($7, $8) to ($5, $6), all or nothing: unless every event was still unchained ($9 of them) and the
 * head still where it was, the select divides by zero, which refuses the whole statement. (A rival chainer's
 * events and ours cannot both take a sequence number either: the unique index refuses the second.) `others`:
 * whether events other than these were pending.
 */
const WRITE = {
  name: "shortlist_audit_chain_write",
  text: `with chained as (
      update audit_events as e set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
      from unnest($1::bigint[], $2::bigint[], $3::varchar[], $4::varchar[]) as v(id, seq, prev_hash, hash)
      where e.id = v.id and e.seq is null
      returning 1
    ), moved as (
      update audit_head set seq = $5, hash = $6
      where id = 1 and seq = $7 and hash = $8 and (select count(*) from chained) = $9
      returning 1
    )
    select 1 / (select count(*) from moved)::int as moved,
      exists (select 1 from audit_events where seq is null and id <> all($1::bigint[])) as others`,
};

interface Link {
  id: string;
  seq: number;
  prevHash: string;
  hash: string;
}

/** Writes the links and moves the head past the last; null when another chainer moved the head first. */
async function writeLinks(
  client: PoolClient,
  from: { seq: number; hash: string },
  links: readonly Link[],
): Promise<{ others: boolean } | null> {
  const last = links[links.length - 1]!;
  try {
    const { rows } = await client.query<{ others: boolean }>({
      ...WRITE,
      values: [
        links.map((l) => l.id),
        links.map((l) => l.seq),
        links.map((l) => l.prevHash),
        links.map((l) => l.hash),
        last.seq,
        last.hash,
        from.seq,
        from.hash,
        links.length,
      ],
    });
    return { others: rows[0]!.others };
  } catch (error) {
    if (LOST_RACE.has((error as { code?: string }).code ?? "")) return null;
    throw error;
  }
}

/** The known events in insertion (id) order, `batch` per chunk, when there are some and all have every field. */
function knownInOrder(known: AppendedEvents, batch: number) {
  if (known.size === 0) return null;
  const ids = [...known.keys()].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const events = ids.map((id) => ({ id, ...known.get(id)! }));
  if (!events.every((e) => e.fields)) return null;
  const chunks = [];
  for (let at = 0; at < events.length; at += batch) chunks.push(events.slice(at, at + batch));
  return chunks;
}

/**
 * Chains events this process appended, hashed from what it wrote (no read), after the head it last saw: one
 * statement per chunk. Null once the head moved since (the chunks before stay chained); the caller then reads it
 * again. `others`: whether other events were pending at the last chunk.
 */
async function chainKnown(
  client: PoolClient,
  chunks: readonly (readonly ({ id: string } & AppendedEvent)[])[],
  state: ChainState,
): Promise<{ count: number; others: boolean } | null> {
  let count = 0;
  let others = false;
  for (const events of chunks) {
    const from = state.head!;
    let seq = from.seq;
    let prevHash = from.hash;
    const links: Link[] = [];
    for (const e of events) {
      const hash = eventHash({ ...e.fields!, seq: ++seq, prevHash }, e.change);
      links.push({ id: e.id, seq, prevHash, hash });
      prevHash = hash;
    }
    const written = await writeLinks(client, from, links);
    state.head = written ? { seq, hash: prevHash } : null;
    if (!written) return count ? { count, others: true } : null;
    count += links.length;
    others = written.others;
  }
  return { count, others };
}

/**
 * Chains up to `batch` pending events in two statements, each its own transaction (no BEGIN, no lock held
 * between them): one reads the head and the pending events (one snapshot, so they agree), the other writes
 * the events and moves the head, only if the head is still where it was read (compare and swap). Answers how
 * many were chained, or null when another chainer moved the head first.
 */
async function chainBatch(
  client: PoolClient,
  batch: number,
  known: AppendedEvents,
  state: ChainState | undefined,
): Promise<number | null> {
  const { rows } = await client.query<EventRow & { head_seq: string; head_hash: string }>({
    ...READ,
    values: [[...known.keys()], batch],
  });
  const head = rows[0];
  if (!head) throw new Error("audit_head has no row: the audit migration did not run");
  if (!HASH.test(head.head_hash) || !ID.test(String(head.head_seq))) throw new Error("chainPending: unexpected head");
  const from = { seq: Number(head.head_seq), hash: head.head_hash };
  if (head.id === null) {
    if (state) state.head = from;
    return 0;
  }
  let seq = from.seq;
  let prevHash = from.hash;
  const links: Link[] = [];
  for (const row of rows) {
    const hash = eventHash(hashedFields(row, ++seq, prevHash), known.get(String(row.id))?.change);
    links.push({ id: String(row.id), seq, prevHash, hash });
    prevHash = hash;
  }
  const written = await writeLinks(client, from, links);
  if (state) state.head = written ? { seq, hash: prevHash } : null;
  return written && rows.length;
}
