/**
 * Master key rotation: every data key is unwrapped with the current master key and wrapped again with
 * a new one, in one transaction. The sealed data itself is untouched (its data keys do not change).
 */
import { randomBytes } from "node:crypto";
import { existsSync, renameSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { MikroORM } from "@mikro-orm/postgresql";
import { decrypt, encrypt, masterKeyIdOf, packBox, unpackBox } from "./envelope";
import {
  decodeMasterKey,
  KeyringError,
  keysFolder,
  loadMasterKey,
  MASTER_KEY_ENV,
  masterKeyFile,
  oldMasterKeyFile,
  writeSecretFile,
  type KeyringLogger,
} from "./key-files";
import { checkOpens, dataKeyAad, wrapCheck } from "./keyring";

export const NEW_MASTER_KEY_ENV = "SHORTLIST_NEW_MASTER_KEY";

export interface RotationResult {
  from: string;
  to: string;
  /** Data keys re-wrapped (destroyed ones hold nothing to re-wrap). */
  rewrapped: number;
  /** The file that now holds the new key, when the master key lives in the keys folder. */
  keyFile?: string;
}

interface Row {
  id: string;
  subject_id: string;
  version: number;
  wrapped_key: Buffer;
  master_key_id: string;
}

export async function rotateMasterKey(
  orm: MikroORM,
  options: { dataDir: string; masterKeyBase64?: string; newMasterKeyBase64?: string; log?: KeyringLogger },
): Promise<RotationResult> {
  const em = orm.em.fork();
  const tables = await em.execute<{ t: string | null }[]>("select to_regclass('keyring_meta')::text as t");
  if (!tables[0]?.t) throw new KeyringError("The database has no keyring tables yet: run npm run db:migrate first.");
  const meta = await em.execute<{ master_key_id: string }[]>("select master_key_id from keyring_meta where id = 1");
  const expectedId = meta[0]?.master_key_id;
  if (!expectedId) throw new KeyringError("Nothing to rotate: no data key has been made with a master key yet.");
  const current = loadMasterKey({ dataDir: options.dataDir, masterKeyBase64: options.masterKeyBase64, expectedId });
  const fromFile = current.source !== MASTER_KEY_ENV;
  if (!fromFile && options.newMasterKeyBase64 === undefined)
    throw new KeyringError(
      `${MASTER_KEY_ENV} is set, so the new key cannot be written for you: set ${NEW_MASTER_KEY_ENV} to a new key ` +
        "(openssl rand -base64 32), run again, then put that key in SHORTLIST_MASTER_KEY.",
    );
  const next =
    options.newMasterKeyBase64 === undefined
      ? randomBytes(32)
      : decodeMasterKey(options.newMasterKeyBase64, NEW_MASTER_KEY_ENV);
  const from = masterKeyIdOf(current.key);
  const to = masterKeyIdOf(next);
  if (from === to) throw new KeyringError(`${NEW_MASTER_KEY_ENV} is the current master key; choose a new one.`);

  // The old key stays on disk as master.key.<id>.old until the re-wrap commits; a start in between says so.
  const file = masterKeyFile(options.dataDir);
  const old = oldMasterKeyFile(options.dataDir, from);
  if (fromFile) {
    const staged = join(keysFolder(options.dataDir), `master.key.${to}.new`);
    if (existsSync(staged)) unlinkSync(staged);
    writeSecretFile(staged, `${next.toString("base64")}\n`);
    renameSync(file, old);
    renameSync(staged, file);
  }
  let rewrapped = 0;
  try {
    await orm.em.fork().transactional(async (tx) => {
      // First thing: the check row's lock. Key creation takes it FOR SHARE, so every key made before is
      // committed (and read below), and every key made after waits and then sees the new master key's id.
      const [check] = await tx.execute<{ check: Buffer }[]>('select "check" from keyring_meta where id = 1 for update');
      if (!check || !checkOpens(current.key, check.check))
        throw new KeyringError(`The master key from ${current.source} does not open the keyring check row.`);
      const rows = await tx.execute<Row[]>(
        "select id, subject_id, version, wrapped_key, master_key_id from data_keys " +
          "where wrapped_key is not null order by id for update",
      );
      for (const row of rows) {
        const key =
          row.master_key_id === from ? decrypt(current.key, unpackBox(row.wrapped_key), dataKeyAad(row)) : null;
        if (!key)
          throw new KeyringError(`Data key ${row.id} does not unwrap with master key ${from}; nothing was changed.`);
        await tx.execute("update data_keys set wrapped_key = ?, master_key_id = ? where id = ?", [
          packBox(encrypt(next, key, dataKeyAad(row))),
          to,
          row.id,
        ]);
        rewrapped++;
      }
      await tx.execute('update keyring_meta set master_key_id = ?, "check" = ?, updated_at = now() where id = 1', [
        to,
        wrapCheck(next),
      ]);
    });
  } catch (error) {
    if (fromFile) renameSync(old, file);
    throw error;
  }
  if (fromFile) unlinkSync(old);
  options.log?.info({ from, to, rewrapped }, "master key rotated");
  return { from, to, rewrapped, ...(fromFile ? { keyFile: file } : {}) };
}
