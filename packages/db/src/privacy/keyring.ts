/**
 * The keyring: envelope encryption of personal data (a data key per data subject, wrapped by the master
 * key, AES-256-GCM) and the Ed25519 key that signs audit checkpoints. Every module seals through it.
 */
import {
  createHmac,
  createPublicKey,
  createSecretKey,
  hkdfSync,
  randomUUID,
  sign as signWith,
  type KeyObject,
} from "node:crypto";
import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import { decrypt, encrypt, Lru, masterKeyIdOf, unpackBox } from "./envelope";
import { KeyringError, loadMasterKey, loadSigningKey, type KeyringLogger } from "./key-files";
import { dataKeyAad, insertKeyRows, keyRowsOf, planKeyRows, type KeyRow, type PlannedKeys } from "./key-rows";

import { verifyMasterKey, type KeyringSource } from "./master-key-check";
import { assertSealed, jsonsOf, sealedAad, UUID, type Sealed } from "./sealed";

export { KeyringError, type KeyringLogger } from "./key-files";
export { checkOpens, wrapCheck, type KeyringSource } from "./master-key-check";
export type { Sealed } from "./sealed";
export { dataKeyAad, insertPlannedKeysSql, type PlannedKeys } from "./key-rows";

export interface Keyring {
  readonly masterKeyId: string;
  /** Seals a JSON value with the subject's data key, creating that key on first use (in `em`'s transaction). */
  seal(em: EntityManager, subjectId: string, value: unknown): Promise<Sealed>;
  /** `seal` for several values of one subject, with one key lookup: the sealed values in the same order. */
  sealMany(em: EntityManager, subjectId: string, values: readonly unknown[]): Promise<Sealed[]>;
  /**
   * `sealMany` for several subjects (subject → values): every missing key made in one statement, the rest served
   * from the cache; the sealed values by subject, in the same order. An invalid subject or value refuses all.
   */
  sealBatch(
    em: EntityManager,
    bySubject: ReadonlyMap<string, readonly unknown[]>,
    options?: SealBatchOptions,
  ): Promise<Map<string, Sealed[]>>;
  /**
   * `sealBatch` without a statement, for a caller that writes the new keys in a statement of its own: a subject
   * whose key is not in the cache is sealed with a new key made now (`keys`; insert them with
   * `insertPlannedKeysSql`, guarded, then call `planInserted`). Unless every planned key was inserted, none of
   * the plan's values may be stored: seal them again with `sealBatch` (`likelyKeyed`: the ones left out).
   */
  planSeal(
    em: EntityManager,
    bySubject: ReadonlyMap<string, readonly unknown[]>,
  ): { sealed: Map<string, Sealed[]>; keys: PlannedKeys | null };
  /** The planned keys of `subjectIds` were inserted in `em`'s transaction: that transaction may seal with them. */
  planInserted(em: EntityManager, keys: PlannedKeys, subjectIds: readonly string[]): void;
  /** The value, or "erased" once the subject's key is destroyed. A tampered or malformed value throws. */
  open(em: EntityManager, sealed: Sealed): Promise<{ ok: true; value: unknown } | { ok: false; reason: "erased" }>;
  /** Crypto-shredding: wipes the subject's data key, so nothing sealed for them opens again. */
  destroySubject(em: EntityManager, subjectId: string): Promise<void>;
  /** Whether the subject was erased (their key destroyed): nothing may be written about them any more. */
  isErased(em: EntityManager, subjectId: string): Promise<boolean>;
  /**
   * `open` for many values at once (one query for all their keys): the results in the same order. For bulk
   * readers (admissions' scrubbing); a tampered value throws.
   */
  openMany(
    em: EntityManager,
    sealed: readonly Sealed[],
  ): Promise<({ ok: true; value: unknown } | { ok: false; reason: "erased" })[]>;
  /**
   * A keyed hash (HMAC-SHA256, hex) of `value` for finding equal values without storing them: the key is derived
   * from the master key and `purpose`, so a dump alone cannot confirm a guess. Rotating the master key changes it.
   */
  blindIndex(purpose: string, value: string): string;
  /** Ed25519 signature, base64. */
  sign(payload: Uint8Array): string;
  /** The signing key's public half, PEM (SPKI). */
  publicKeyPem(): string;
}

const CACHE_SIZE = 1000;

export interface SealBatchOptions {
  /** Subjects that most likely have a key already (their keys are read before any is made). */
  likelyKeyed?: readonly string[];
}

const liveRow = (row: KeyRow) => !row.destroyed_at && !!row.wrapped_key;

class EnvelopeKeyring implements Keyring {
  readonly masterKeyId: string;
  private readonly masterKeyObject: KeyObject;
  /** Unwrapped data keys, as KeyObjects: a cipher made from one costs a third of one made from a Buffer. */
  private readonly cache = new Lru<string, { key: KeyObject; subjectId: string }>(CACHE_SIZE);
  /** Committed, live key rows by subject: a known subject seals without a query. */
  private readonly subjects = new Lru<string, KeyRow>(CACHE_SIZE);
  /** Subjects destroySubject was called for in this process: always read from the database, never cached. */
  private readonly erasing = new Lru<string, true>(CACHE_SIZE);
  /**
   * Keys this keyring created, per open transaction: usable by that transaction, but not cached for others
   * until seen committed (a rollback takes the key away, and a value sealed with it would never open).
   */
  private readonly created = new WeakMap<object, Map<string, KeyRow>>();
  /** The unwrapped keys of plans (planSeal), by row id. */
  private readonly planned = new WeakMap<PlannedKeys, Map<string, KeyObject>>();
  private readonly publicPem: string;
  private readonly indexKeys = new Map<string, Buffer>();

  constructor(
    private readonly masterKey: Buffer,
    private readonly signingKey: KeyObject,
    private readonly source: KeyringSource,
  ) {
    this.masterKeyId = masterKeyIdOf(masterKey);
    this.masterKeyObject = createSecretKey(masterKey);
    this.publicPem = createPublicKey(signingKey).export({ type: "spki", format: "pem" }).toString();
  }

  private unwrapRow(row: KeyRow): Buffer | null {
    if (!row.wrapped_key || row.master_key_id !== this.masterKeyId) return null;
    return decrypt(this.masterKeyObject, unpackBox(row.wrapped_key), dataKeyAad(row));
  }

  private keyOf(row: KeyRow): KeyObject {
    const cached = this.cache.get(`${row.id}:${row.version}`);
    if (cached) return cached.key;
    if (row.master_key_id !== this.masterKeyId)
      throw new KeyringError(
        `Data key ${row.id} is wrapped with master key ${row.master_key_id}, not this server's ${this.masterKeyId} ` +
          `(were the keys rotated while it ran? Restart it with the new key).`,
      );
    const key = this.unwrapRow(row);
    if (!key) throw new KeyringError(`Data key ${row.id} does not unwrap with the master key: it was altered.`);
    const keyObject = createSecretKey(key);
    this.cache.set(`${row.id}:${row.version}`, { key: keyObject, subjectId: row.subject_id });
    return keyObject;
  }

  private async insertKeys(em: EntityManager, subjectIds: readonly string[], guarded: boolean) {
    const { rows, keys } = await insertKeyRows(em, this.masterKeyObject, this.masterKeyId, subjectIds, guarded);
    for (const row of rows.values())
      this.cache.set(`${row.id}:${row.version}`, {
        key: createSecretKey(keys.get(row.id)!),
        subjectId: row.subject_id,
      });
    return rows;
  }

  /** The subjects' key rows for sealing: from the cache, this transaction's new keys, the database, or made now. */
  private async sealingRows(
    em: EntityManager,
    subjectIds: readonly string[],
    likelyKeyed: ReadonlySet<string> = new Set(),
  ): Promise<Map<string, KeyRow>> {
    const rows = new Map<string, KeyRow>();
    const tx = (em.getTransactionContext() as object | undefined) ?? null;
    const mine = tx ? this.created.get(tx) : undefined;
    const missing = subjectIds.filter((id) => {
      const row = this.subjects.get(id) ?? mine?.get(id);
      if (row) rows.set(id, row);
      return !row;
    });
    if (missing.length === 0) return rows;
    // Subjects missing from the cache are most often new (a create, an import): their keys are made in one
    // statement; the few that had one already cost one read after it (before it, when likely keyed).
    const existing = await keyRowsOf(
      em,
      missing.filter((id) => likelyKeyed.has(id)),
    );
    const created = await this.insertKeys(
      em,
      missing.filter((id) => !existing.has(id)),
      true,
    );
    for (const [id, row] of await keyRowsOf(
      em,
      missing.filter((id) => !existing.has(id) && !created.has(id) && !likelyKeyed.has(id)),
    ))
      existing.set(id, row);
    let absent = missing.filter((id) => !created.has(id) && !existing.has(id));
    if (absent.length > 0) {
      // Not made, and not there: the check row is missing or names another master key (which throws).
      await verifyMasterKey(em, this.masterKey, this.source);
      for (const [id, row] of await this.insertKeys(em, absent, false)) created.set(id, row);
      absent = absent.filter((id) => !created.has(id));
      for (const [id, row] of await keyRowsOf(em, absent)) existing.set(id, row);
      const vanished = absent.find((id) => !existing.has(id));
      if (vanished) throw new KeyringError(`The data key of subject ${vanished} vanished while being created.`);
    }
    if (created.size > 0 && tx) {
      const forTx = mine ?? new Map<string, KeyRow>();
      for (const [id, row] of created) forTx.set(id, row);
      this.created.set(tx, forTx);
    }
    for (const id of missing) {
      const row = created.get(id) ?? existing.get(id)!;
      if (!liveRow(row)) throw new KeyringError(`Subject ${id} was erased: nothing can be sealed for them any more.`);
      // Checked after the read: an erasure begun meanwhile keeps the subject out of the cache.
      if ((!created.has(id) || !tx) && !this.erasing.get(id)) this.subjects.set(id, row);
      rows.set(id, row);
    }
    return rows;
  }

  private sealWith(row: KeyRow, json: string, key = this.keyOf(row)): Sealed {
    const box = encrypt(key, Buffer.from(json, "utf8"), sealedAad(row.id, row.version));
    return {
      v: 1,
      kid: row.id,
      kv: row.version,
      iv: box.iv.toString("base64"),
      tag: box.tag.toString("base64"),
      ct: box.ct.toString("base64"),
    };
  }

  async seal(em: EntityManager, subjectId: string, value: unknown): Promise<Sealed> {
    const [sealed] = await this.sealMany(em, subjectId, [value]);
    return sealed!;
  }

  async sealMany(em: EntityManager, subjectId: string, values: readonly unknown[]): Promise<Sealed[]> {
    return (await this.sealBatch(em, new Map([[subjectId, values]]))).get(subjectId)!;
  }

  async sealBatch(
    em: EntityManager,
    bySubject: ReadonlyMap<string, readonly unknown[]>,
    { likelyKeyed = [] }: SealBatchOptions = {},
  ): Promise<Map<string, Sealed[]>> {
    const jsons = jsonsOf(bySubject);
    const rows = await this.sealingRows(em, [...jsons.keys()], new Set(likelyKeyed));
    const sealed = new Map<string, Sealed[]>([...bySubject.keys()].map((id) => [id, []]));
    for (const [subjectId, subjectJsons] of jsons)
      sealed.set(
        subjectId,
        subjectJsons.map((json) => this.sealWith(rows.get(subjectId)!, json)),
      );
    return sealed;
  }

  planSeal(
    em: EntityManager,
    bySubject: ReadonlyMap<string, readonly unknown[]>,
  ): { sealed: Map<string, Sealed[]>; keys: PlannedKeys | null } {
    const jsons = jsonsOf(bySubject);
    const tx = (em.getTransactionContext() as object | undefined) ?? null;
    const mine = tx ? this.created.get(tx) : undefined;
    const rows = new Map<string, KeyRow>();
    const missing: string[] = [];
    for (const id of jsons.keys()) {
      const row = this.subjects.get(id) ?? mine?.get(id);
      if (row) rows.set(id, row);
      else missing.push(id);
    }
    let keys: PlannedKeys | null = null;
    const keyObjects = new Map<string, KeyObject>();
    if (missing.length > 0) {
      keys = planKeyRows(this.masterKeyObject, this.masterKeyId, missing);
      for (const row of keys.rows) {
        keyObjects.set(row.id, createSecretKey(keys.keys.get(row.id)!));
        rows.set(row.subject_id, row);
      }
      this.planned.set(keys, keyObjects);
    }
    const sealed = new Map<string, Sealed[]>([...bySubject.keys()].map((id) => [id, []]));
    for (const [subjectId, subjectJsons] of jsons) {
      const row = rows.get(subjectId)!;
      const key = keyObjects.get(row.id) ?? this.keyOf(row);
      sealed.set(
        subjectId,
        subjectJsons.map((json) => this.sealWith(row, json, key)),
      );
    }
    return { sealed, keys };
  }

  planInserted(em: EntityManager, keys: PlannedKeys, subjectIds: readonly string[]): void {
    const keyObjects = this.planned.get(keys);
    if (!keyObjects) throw new KeyringError("planInserted: not a plan of this keyring");
    const inserted = new Set(subjectIds);
    const tx = (em.getTransactionContext() as object | undefined) ?? null;
    const forTx = tx ? (this.created.get(tx) ?? new Map<string, KeyRow>()) : null;
    for (const row of keys.rows) {
      if (!inserted.has(row.subject_id)) continue;
      this.cache.set(`${row.id}:${row.version}`, { key: keyObjects.get(row.id)!, subjectId: row.subject_id });
      // As for a key sealingRows made: cached for everyone only once it is surely committed (no transaction).
      if (forTx) forTx.set(row.subject_id, row);
      else if (!this.erasing.get(row.subject_id)) this.subjects.set(row.subject_id, row);
    }
    if (tx && forTx && forTx.size > 0) this.created.set(tx, forTx);
  }

  async open(
    em: EntityManager,
    sealed: Sealed,
  ): Promise<{ ok: true; value: unknown } | { ok: false; reason: "erased" }> {
    assertSealed(sealed);
    const rows = await em.execute<KeyRow[]>("select * from data_keys where id = ?", [sealed.kid]);
    const row = rows[0];
    // A key that is gone (destroyed, or never kept, e.g. sealed in a transaction that rolled back) opens nothing.
    if (!row || row.destroyed_at || !row.wrapped_key) return { ok: false, reason: "erased" };
    return { ok: true, value: this.openWith(row, sealed) };
  }

  private openWith(row: KeyRow, sealed: Sealed): unknown {
    if (row.version !== sealed.kv)
      throw new KeyringError(
        `Sealed value names version ${sealed.kv} of data key ${row.id}, which is at ${row.version}.`,
      );
    const plain = decrypt(
      this.keyOf(row),
      {
        iv: Buffer.from(sealed.iv, "base64"),
        tag: Buffer.from(sealed.tag, "base64"),
        ct: Buffer.from(sealed.ct, "base64"),
      },
      sealedAad(row.id, row.version),
    );
    if (!plain) throw new KeyringError(`Sealed value under data key ${row.id} failed authentication: it was altered.`);
    return JSON.parse(plain.toString("utf8")) as unknown;
  }

  async openMany(
    em: EntityManager,
    sealed: readonly Sealed[],
  ): Promise<({ ok: true; value: unknown } | { ok: false; reason: "erased" })[]> {
    for (const value of sealed) assertSealed(value);
    const kids = [...new Set(sealed.map((value) => value.kid))];
    const rows = kids.length ? await em.execute<KeyRow[]>("select * from data_keys where id in (?)", [kids]) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return sealed.map((value) => {
      const row = byId.get(value.kid);
      if (!row || row.destroyed_at || !row.wrapped_key) return { ok: false as const, reason: "erased" as const };
      return { ok: true as const, value: this.openWith(row, value) };
    });
  }

  blindIndex(purpose: string, value: string): string {
    let key = this.indexKeys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync("sha256", this.masterKey, Buffer.alloc(0), `shortlist blind index: ${purpose}`, 32));
      this.indexKeys.set(purpose, key);
    }
    return createHmac("sha256", key).update(value, "utf8").digest("hex");
  }

  async destroySubject(em: EntityManager, subjectId: string): Promise<void> {
    if (typeof subjectId !== "string" || !UUID.test(subjectId))
      throw new KeyringError(`subjectId: expected a UUID, got ${JSON.stringify(subjectId)}`);
    this.erasing.set(subjectId, true);
    this.subjects.delete(subjectId);
    const tx = em.getTransactionContext() as object | undefined;
    if (tx) this.created.get(tx)?.delete(subjectId);
    // A subject with no key yet gets a destroyed row too, so nothing can be sealed for them afterwards.
    const rows = await em.execute<{ id: string; version: number }[]>(
      "insert into data_keys (id, subject_id, wrapped_key, master_key_id, version, destroyed_at) " +
        "values (?, ?, null, ?, 1, now()) on conflict (subject_id) do update " +
        "set wrapped_key = null, destroyed_at = coalesce(data_keys.destroyed_at, excluded.destroyed_at) " +
        "returning id, version",
      [randomUUID(), subjectId, this.masterKeyId],
    );
    for (const row of rows) this.cache.delete(`${row.id}:${row.version}`);
  }

  async isErased(em: EntityManager, subjectId: string): Promise<boolean> {
    const rows = await em.execute("select 1 from data_keys where subject_id = ? and destroyed_at is not null", [
      subjectId,
    ]);
    return rows.length > 0;
  }

  sign(payload: Uint8Array): string {
    return signWith(null, payload, this.signingKey).toString("base64");
  }

  publicKeyPem(): string {
    return this.publicPem;
  }
}

/** A keyring over keys already in hand (tests, scripts); nothing touches the database until first use. */
export function createKeyring(masterKey: Buffer, signingKey: KeyObject, source: KeyringSource): Keyring {
  return new EnvelopeKeyring(masterKey, signingKey, source);
}

/**
 * Loads (or, on a fresh install, generates) the master and signing keys under `<dataDir>/keys/`, then
 * proves the master key opens this database's data keys. A wrong or missing key throws a KeyringError
 * saying what to set; nothing is written then.
 */
export async function openKeyring(
  options: { dataDir: string; masterKeyBase64?: string; log?: KeyringLogger },
  orm: MikroORM,
): Promise<Keyring> {
  const em = orm.em.fork();
  const stored = await em.execute<{ master_key_id: string }[]>("select master_key_id from keyring_meta where id = 1");
  const master = loadMasterKey({ ...options, expectedId: stored[0]?.master_key_id });
  const source = { masterKeySource: master.source };
  // The check comes first: a refused key leaves no new file behind (the signing key is made only after it).
  await orm.em.fork().transactional((tx) => verifyMasterKey(tx, master.key, source));
  return new EnvelopeKeyring(master.key, loadSigningKey(options), source);
}
