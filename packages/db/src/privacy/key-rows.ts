/** The data_keys rows behind the keyring: creating them in batches under the master key guard, and reading them. */
import { randomBytes, randomUUID, type KeyObject } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
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

/** Subjects per statement (three parameters each). */
const KEY_BATCH = 1000;

export const dataKeyAad = (row: { id: string; subject_id: string; version: number }) =>
  `shortlist data key v1:${row.id}:${row.subject_id}:${row.version}`;

/**
 * Inserts a new data key, wrapped by `masterKey`, for each subject, KEY_BATCH per statement: the rows made by
 * subject and their plain keys by row id (also of rows not made). A subject that has a key already is left out, and so is every one
 * when (`guarded`) the check row does not name this master key.
 */
export async function insertKeyRows(
  em: EntityManager,
  masterKey: Buffer | KeyObject,
  masterKeyId: string,
  subjectIds: readonly string[],
  guarded: boolean,
): Promise<{ rows: Map<string, KeyRow>; keys: Map<string, Buffer> }> {
  const rows = new Map<string, KeyRow>();
  const keys = new Map<string, Buffer>();
  for (let at = 0; at < subjectIds.length; at += KEY_BATCH) {
    const chunk = subjectIds.slice(at, at + KEY_BATCH);
    const values = chunk.flatMap((subjectId) => {
      const row = { id: randomUUID(), subject_id: subjectId, version: 1 };
      const key = randomBytes(32);
      keys.set(row.id, key);
      return [row.id, subjectId, packBox(encrypt(masterKey, key, dataKeyAad(row)))];
    });
    // The guard: the check row names this master key (it was proven when written). FOR SHARE makes it wait for
    // a running keys:rotate (which locks that row first thing), and READ COMMITTED re-checks the row's new
    // version after the wait: a rotated master key no longer matches and nothing is inserted. A rotation that
    // starts later waits for this transaction, then re-wraps the new keys too.
    const created = await em.execute<KeyRow[]>(
      "insert into data_keys (id, subject_id, wrapped_key, master_key_id, version) " +
        "select v.id, v.subject_id, v.wrapped_key, ?::varchar, 1 " +
        `from (values ${chunk.map(() => "(?::uuid, ?::uuid, ?::bytea)").join(", ")}) as v(id, subject_id, wrapped_key) ` +
        (guarded ? "where exists (select 1 from keyring_meta where id = 1 and master_key_id = ? for share) " : "") +
        "on conflict (subject_id) do nothing returning *",
      [masterKeyId, ...values, ...(guarded ? [masterKeyId] : [])],
    );
    for (const row of created) rows.set(row.subject_id, row);
  }
  return { rows, keys };
}

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
