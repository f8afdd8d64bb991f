/** Proof that a master key is the database's: the check row in keyring_meta, and the error that names the key's source. */
import type { EntityManager } from "@mikro-orm/postgresql";
import { decrypt, encrypt, masterKeyIdOf, packBox, unpackBox } from "./envelope";
import { KeyringError } from "./key-files";
import { dataKeyAad, type KeyRow } from "./key-rows";

const CHECK_AAD = "shortlist keyring check v1";
const CHECK_PLAINTEXT = Buffer.from("shortlist keyring check v1", "utf8");

export function wrapCheck(masterKey: Buffer): Buffer {
  return packBox(encrypt(masterKey, CHECK_PLAINTEXT, CHECK_AAD));
}

export function checkOpens(masterKey: Buffer, check: Buffer): boolean {
  return decrypt(masterKey, unpackBox(check), CHECK_AAD)?.equals(CHECK_PLAINTEXT) ?? false;
}

export interface KeyringSource {
  /** Names where the master key came from, for error messages (SHORTLIST_MASTER_KEY or the file). */
  masterKeySource: string;
}

function wrongKey(masterKeyId: string, source: KeyringSource, storedId: string): KeyringError {
  return new KeyringError(
    `The master key from ${source.masterKeySource} (id ${masterKeyId}) is not the one this database's ` +
      `data keys are wrapped with (id ${storedId}). Set SHORTLIST_MASTER_KEY to that key, or restore ` +
      `keys/master.key in the data folder from the backup taken with this database. Nothing was written.`,
  );
}

/**
 * Proves `masterKey` is the database's: opens the check row, writing it on a fresh database (inside
 * `em`'s transaction). Throws a KeyringError naming the key's source otherwise.
 */
export async function verifyMasterKey(em: EntityManager, masterKey: Buffer, source: KeyringSource): Promise<void> {
  const id = masterKeyIdOf(masterKey);
  let rows = await em.execute<{ master_key_id: string; check: Buffer }[]>(
    'select master_key_id, "check" from keyring_meta where id = 1',
  );
  if (!rows.length) {
    const [existing] = await em.execute<KeyRow[]>(
      "select * from data_keys where wrapped_key is not null order by created_at limit 1",
    );
    if (
      existing &&
      !(existing.master_key_id === id && decrypt(masterKey, unpackBox(existing.wrapped_key!), dataKeyAad(existing)))
    )
      throw wrongKey(id, source, existing.master_key_id);
    await em.execute(
      'insert into keyring_meta (id, master_key_id, "check") values (1, ?, ?) on conflict (id) do nothing',
      [id, wrapCheck(masterKey)],
    );
    rows = await em.execute('select master_key_id, "check" from keyring_meta where id = 1');
  }
  const meta = rows[0]!;
  if (meta.master_key_id !== id || !checkOpens(masterKey, meta.check)) throw wrongKey(id, source, meta.master_key_id);
}
