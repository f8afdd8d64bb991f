/** The key files under `<data dir>/keys/`: master.key (base64, 32 bytes) and signing.pem (Ed25519, PKCS#8). */
import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decodeKey, masterKeyIdOf } from "./envelope";

/** A keyring failure with a message that says what to do (wrong key, missing key, altered data). */
export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyringError";
  }
}

/** What the keyring logs through (a pino logger fits). */
export interface KeyringLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export const MASTER_KEY_ENV = "SHORTLIST_MASTER_KEY";
const KEY_FORMAT = "32 bytes in base64 (44 characters, e.g. the output of `openssl rand -base64 32`)";

export const keysFolder = (dataDir: string) => join(dataDir, "keys");
export const masterKeyFile = (dataDir: string) => join(keysFolder(dataDir), "master.key");
export const signingKeyFile = (dataDir: string) => join(keysFolder(dataDir), "signing.pem");

/** `<data dir>/keys`, mode 0700 (the data folder itself is left as the database code makes it). */
export function ensureKeysFolder(dataDir: string, log?: KeyringLogger): string {
  const folder = keysFolder(dataDir);
  if (!existsSync(folder)) {
    mkdirSync(dataDir, { recursive: true });
    // recursive: another process starting on the same folder may make it first.
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    chmodSync(folder, 0o700);
  } else if (statSync(folder).mode & 0o077) {
    log?.warn({ folder }, "the keys folder is readable by other users; chmod 700 it");
  }
  return folder;
}

/** Writes a new secret file (0600); refuses to overwrite one. */
export function writeSecretFile(file: string, content: string): void {
  writeFileSync(file, content, { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
}

/** Writes a new secret file, or, when another process wrote it first, keeps theirs. True when written here. */
function createSecretFile(file: string, content: string): boolean {
  // Written whole beside it, then linked into place: a reader never sees half a key.
  const staged = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeSecretFile(staged, content);
  try {
    linkSync(staged, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(staged);
  }
}

export function decodeMasterKey(text: string, where: string): Buffer {
  const key = decodeKey(text);
  if (!key) throw new KeyringError(`${where}: expected ${KEY_FORMAT}.`);
  return key;
}

export interface LoadedMasterKey {
  key: Buffer;
  /** SHORTLIST_MASTER_KEY or the file's path. */
  source: string;
}

/**
 * SHORTLIST_MASTER_KEY, else keys/master.key, else (only when the database has no data keys yet,
 * `expectedId` unset) a new key written to keys/master.key with a log line saying to back it up.
 */
export function loadMasterKey(options: {
  dataDir: string;
  masterKeyBase64?: string;
  expectedId?: string;
  log?: KeyringLogger;
}): LoadedMasterKey {
  const { dataDir, expectedId, log } = options;
  const file = masterKeyFile(dataDir);
  let loaded: LoadedMasterKey;
  if (options.masterKeyBase64 !== undefined) {
    loaded = { key: decodeMasterKey(options.masterKeyBase64, MASTER_KEY_ENV), source: MASTER_KEY_ENV };
  } else if (existsSync(file)) {
    loaded = { key: decodeMasterKey(readFileSync(file, "utf8"), file), source: file };
    if (statSync(file).mode & 0o077)
      log?.warn({ file }, "the master key file is readable by other users; chmod 600 it");
  } else if (expectedId) {
    throw new KeyringError(
      `No master key: ${MASTER_KEY_ENV} is unset and ${file} does not exist, but this database's data keys are ` +
        `wrapped with master key ${expectedId}. Restore the keys folder from the backup taken with this database ` +
        `(or set ${MASTER_KEY_ENV}). Nothing was written.${oldKeyHint(dataDir, expectedId)}`,
    );
  } else {
    ensureKeysFolder(dataDir, log);
    const key = randomBytes(32);
    if (!createSecretFile(file, `${key.toString("base64")}\n`))
      return { key: decodeMasterKey(readFileSync(file, "utf8"), file), source: file };
    log?.info(
      { file },
      `generated the master key at ${file}: back it up together with the database (npm run db:backup copies it); ` +
        `without it the personal data sealed in the database cannot be read`,
    );
    return { key, source: file };
  }
  const id = masterKeyIdOf(loaded.key);
  if (expectedId && id !== expectedId)
    throw new KeyringError(
      `The master key from ${loaded.source} (id ${id}) is not the one this database's data keys are wrapped with ` +
        `(id ${expectedId}). Set ${MASTER_KEY_ENV} to that key, or restore ${file} from the backup taken with ` +
        `this database. Nothing was written.${oldKeyHint(dataDir, expectedId)}`,
    );
  return loaded;
}

/** keys:rotate keeps the old key as master.key.<id>.old until its transaction commits. */
export const oldMasterKeyFile = (dataDir: string, id: string) => join(keysFolder(dataDir), `master.key.${id}.old`);

function oldKeyHint(dataDir: string, expectedId: string): string {
  const old = oldMasterKeyFile(dataDir, expectedId);
  return existsSync(old)
    ? ` ${old} holds that key: a key rotation was interrupted; move it back to ${masterKeyFile(dataDir)}.`
    : "";
}

/** keys/signing.pem, generated once (Ed25519) when missing. */
export function loadSigningKey(options: { dataDir: string; log?: KeyringLogger }): KeyObject {
  const file = signingKeyFile(options.dataDir);
  if (existsSync(file)) {
    let key: KeyObject;
    try {
      key = createPrivateKey(readFileSync(file));
    } catch (error) {
      throw new KeyringError(`${file}: not a private key in PEM (${(error as Error).message}).`);
    }
    if (key.asymmetricKeyType !== "ed25519")
      throw new KeyringError(`${file}: expected an Ed25519 key, found ${key.asymmetricKeyType ?? "another kind"}.`);
    return key;
  }
  ensureKeysFolder(options.dataDir, options.log);
  const { privateKey } = generateKeyPairSync("ed25519");
  if (!createSecretFile(file, privateKey.export({ type: "pkcs8", format: "pem" }).toString()))
    return loadSigningKey(options);
  options.log?.info({ file }, `generated the checkpoint signing key at ${file}`);
  return privateKey;
}
