/** The data_keys rows behind the keyring: creating them in batches under the master key guard, and reading them. */
import { randomBytes, randomUUID, type KeyObject } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { nativeQuery } from "../native-query";
import { encrypt, packBox } from "./envelope";

export interface KeyRow {
  id: string;
  subject_id: string;
  wrapped_key: Buffer | null;
  master_key_id: string;
  version: number;
  /** Raw rows: a timestamp string. */
  destroyed_at: string | null;
}

export const dataKeyAad = (row: { id: string; subject_id: string; version: number }) =>
  `shortlist data key v1:${row.id}:${row.subject_id}:${row.version}`;

/** New data keys made in memory, not yet inserted: the rows as they will be stored and the plain keys by row id. */
export interface PlannedKeys {
  masterKeyId: string;
  rows: KeyRow[];
  keys: Map<string, Buffer>;
}

/** A new data key for each subject, wrapped by `masterKey`. */
export function planKeyRows(
  masterKey: Buffer | KeyObject,
  masterKeyId: string,
  subjectIds: readonly string[],
): PlannedKeys {
  const rows: KeyRow[] = [];
  const keys = new Map<string, Buffer>();
  const random = randomBytes(32 * subjectIds.length);
  subjectIds.forEach((subjectId, i) => {
    const row = { id: randomUUID(), subject_id: subjectId, version: 1 };
    const key = random.subarray(32 * i, 32 * (i + 1));
    keys.set(row.id, key);
    rows.push({
      ...row,
      wrapped_key: packBox(encrypt(masterKey, key, dataKeyAad(row))),
      master_key_id: masterKeyId,
      destroyed_at: null,
    });
  });
  return { masterKeyId, rows, keys };
}

/**
 * The statement inserting planned keys (PostgreSQL parameters `$first` to `$first + 3`; the rows made come back
 * as `returning`, all columns by default). A subject that has a key already is left out, and so is every one when (`guarded`) the check row
 * does not name the keys' master key.
 */
export function insertPlannedKeysSql(planned: PlannedKeys, guarded: boolean, first = 1, returning = "*") {
  const [master, ids, subjects, wrapped] = [first, first + 1, first + 2, first + 3].map((n) => `$${n}`);
  // The guard: the check row names this master key (it was proven when written). FOR SHARE makes it wait for
  // a running keys:rotate (which locks that row first thing), and READ COMMITTED re-checks the row's new
  // version after the wait: a rotated master key no longer matches and nothing is inserted. A rotation that
  // starts later waits for this transaction, then re-wraps the new keys too.
  const sql =
    "insert into data_keys (id, subject_id, wrapped_key, master_key_id, version) " +
    `select v.id, v.subject_id, v.wrapped_key, ${master}::varchar, 1 ` +
    `from unnest(${ids}::uuid[], ${subjects}::uuid[], ${wrapped}::bytea[]) as v(id, subject_id, wrapped_key) ` +
    (guarded ? `where exists (select 1 from keyring_meta where id = 1 and master_key_id = ${master} for share) ` : "") +
    `on conflict (subject_id) do nothing returning ${returning}`;
  const params = [
    planned.masterKeyId,
    planned.rows.map((r) => r.id),
    planned.rows.map((r) => r.subject_id),
    planned.rows.map((r) => r.wrapped_key),
  ];
  return { sql, params };
}

/**
 * Inserts a new data key, wrapped by `masterKey`, for each subject: the rows made by subject and their plain keys
 * by row id (also of rows not made). A subject that has a key already is left out, and so is every one when
 * (`guarded`) the check row does not name this master key.
 */
export async function insertKeyRows(
  em: EntityManager,
  masterKey: Buffer | KeyObject,
  masterKeyId: string,
  subjectIds: readonly string[],
  guarded: boolean,
): Promise<{ rows: Map<string, KeyRow>; keys: Map<string, Buffer> }> {
  const rows = new Map<string, KeyRow>();
  const planned = planKeyRows(masterKey, masterKeyId, subjectIds);
  if (subjectIds.length === 0) return { rows, keys: planned.keys };
  const { sql, params } = insertPlannedKeysSql(planned, guarded);
  for (const row of await nativeQuery<KeyRow>(em, sql, params)) rows.set(row.subject_id, row);
  return { rows, keys: planned.keys };
}

/** Subjects per read. */
const KEY_BATCH = 1000;

/** The subjects' key rows that exist, by subject (one query per KEY_BATCH subjects; none for none). */
export async function keyRowsOf(em: EntityManager, subjectIds: readonly string[]): Promise<Map<string, KeyRow>> {
  const found = new Map<string, KeyRow>();
  for (let at = 0; at < subjectIds.length; at += KEY_BATCH) {
    const chunk = subjectIds.slice(at, at + KEY_BATCH);
    const rows = await em.execute<KeyRow[]>(
      `select * from data_keys where subject_id in (${chunk.map(() => "?").join(", ")})`,
      chunk,
    );
    for (const row of rows) found.set(row.subject_id, row);
  }
  return found;
}
