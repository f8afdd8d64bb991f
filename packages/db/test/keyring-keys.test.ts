/** Key files, wrong or missing master keys, rotation (npm run keys:rotate) and the server's start check. */
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { databaseEnv } from "@shortlist/config";
import { openKeyring, type EntityManager, type Keyring, type Sealed } from "@shortlist/db";
import { createTestDatabase, type TestDatabase } from "@shortlist/db/testing";
import { freePort } from "../src/net";
import { rotateMasterKey } from "../src/privacy/rotate";
import { runScript } from "./backup-support";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fresh(): Promise<{ db: TestDatabase; dataDir: string }> {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), "shortlist-keyring-"));
  cleanups.push(
    () => db.dropDatabase(),
    () => rm(dataDir, { recursive: true, force: true }),
  );
  return { db, dataDir };
}

const newKey = () => randomBytes(32).toString("base64");
const mode = (path: string) => statSync(path).mode & 0o777;
const logged: string[] = [];
const log = { info: (_: object, message: string) => logged.push(message), warn: () => {} };
const inTx = <T>(db: TestDatabase, fn: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(fn);
const seal = (db: TestDatabase, k: Keyring, value: unknown) => inTx(db, (em) => k.seal(em, randomUUID(), value));
const open = (db: TestDatabase, k: Keyring, sealed: Sealed) => inTx(db, (em) => k.open(em, sealed));
const tableRows = async (db: TestDatabase) =>
  db.orm.em
    .fork()
    .execute("select master_key_id, encode(wrapped_key, 'hex') as w from data_keys order by id")
    .then(async (keys) => ({ keys, meta: await db.orm.em.fork().execute("select * from keyring_meta") }));

test("first start generates keys/master.key and keys/signing.pem (0600, folder 0700) and says to back them up", async () => {
  const { db, dataDir } = await fresh();
  const keyring = await openKeyring({ dataDir, log }, db.orm);
  expect(mode(join(dataDir, "keys"))).toBe(0o700);
  expect(mode(join(dataDir, "keys", "master.key"))).toBe(0o600);
  expect(mode(join(dataDir, "keys", "signing.pem"))).toBe(0o600);
  expect(logged.some((line) => line.includes(join(dataDir, "keys", "master.key")) && /back it up/.test(line))).toBe(
    true,
  );
  const sealed = await seal(db, keyring, "kept");
  // A second start reads the same files: same master key, same signing key.
  const again = await openKeyring({ dataDir }, db.orm);
  expect(again.masterKeyId).toBe(keyring.masterKeyId);
  expect(again.publicKeyPem()).toBe(keyring.publicKeyPem());
  expect(await open(db, again, sealed)).toEqual({ ok: true, value: "kept" });
});

test("servers starting together on a fresh folder agree on one master key and one signing key", async () => {
  const { db, dataDir } = await fresh();
  const keyrings = await Promise.all(Array.from({ length: 4 }, () => openKeyring({ dataDir }, db.orm)));
  expect(new Set(keyrings.map((k) => k.masterKeyId)).size).toBe(1);
  expect(new Set(keyrings.map((k) => k.publicKeyPem())).size).toBe(1);
  expect(readdirSync(join(dataDir, "keys")).sort()).toEqual(["master.key", "signing.pem"]);
});

test("a wrong SHORTLIST_MASTER_KEY or key file stops the start with a message, and writes nothing", async () => {
  const { db, dataDir } = await fresh();
  const right = newKey();
  await seal(db, await openKeyring({ dataDir, masterKeyBase64: right }, db.orm), "x");
  const before = await tableRows(db);
  const otherDir = await mkdtemp(join(tmpdir(), "shortlist-keyring-other-"));
  cleanups.push(() => rm(otherDir, { recursive: true, force: true }));

  await expect(openKeyring({ dataDir: otherDir, masterKeyBase64: newKey() }, db.orm)).rejects.toThrow(
    /The master key from SHORTLIST_MASTER_KEY \(id \w+\) is not the one this database's data keys are wrapped with/,
  );
  expect(readdirSync(otherDir)).toEqual([]); // not even a signing key
  await expect(openKeyring({ dataDir: otherDir, masterKeyBase64: "too short" }, db.orm)).rejects.toThrow(
    /SHORTLIST_MASTER_KEY: expected 32 bytes in base64/,
  );
  // No key at all: refuses to generate a new one over existing data keys.
  await expect(openKeyring({ dataDir: otherDir }, db.orm)).rejects.toThrow(
    /No master key: SHORTLIST_MASTER_KEY is unset/,
  );
  expect(existsSync(join(otherDir, "keys", "master.key"))).toBe(false);
  // A key file with another key names the file.
  await openKeyring({ dataDir: otherDir, masterKeyBase64: right }, db.orm);
  writeFileSync(join(otherDir, "keys", "master.key"), `${newKey()}\n`, { mode: 0o600 });
  await expect(openKeyring({ dataDir: otherDir }, db.orm)).rejects.toThrow(
    `The master key from ${join(otherDir, "keys", "master.key")}`,
  );
  expect(await tableRows(db)).toEqual(before);
});

test("keys:rotate re-wraps every data key: old values still open, the old master key no longer does", async () => {
  const { db, dataDir } = await fresh();
  const before = await openKeyring({ dataDir }, db.orm);
  const oldKey = readFileSync(join(dataDir, "keys", "master.key"), "utf8").trim();
  const sealed = [await seal(db, before, "one"), await seal(db, before, { two: 2 }), await seal(db, before, 3)];
  const erased = await seal(db, before, "erased");
  const erasedSubject = (
    await db.orm.em
      .fork()
      .execute<{ subject_id: string }[]>("select subject_id from data_keys where id = ?", [erased.kid])
  )[0]!.subject_id;
  await inTx(db, (em) => before.destroySubject(em, erasedSubject));

  const run = await runScript("packages/db/src/cli/keys-rotate.ts", [], {
    ...databaseEnv(db.ownerConfig),
    SHORTLIST_DATA_DIR: dataDir,
  });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const [, from, to] = /Re-wrapped 3 data keys: master key (\w+) -> (\w+)\./.exec(run.stdout) ?? [];
  expect(from).toBe(before.masterKeyId);
  expect(run.stdout).toContain(`The new key is in ${join(dataDir, "keys", "master.key")}`);
  expect(readdirSync(join(dataDir, "keys")).sort()).toEqual(["master.key", "signing.pem"]); // the .old is gone
  expect(mode(join(dataDir, "keys", "master.key"))).toBe(0o600);

  const after = await openKeyring({ dataDir }, db.orm);
  expect(after.masterKeyId).toBe(to);
  expect(await Promise.all(sealed.map((s) => open(db, after, s)))).toEqual([
    { ok: true, value: "one" },
    { ok: true, value: { two: 2 } },
    { ok: true, value: 3 },
  ]);
  expect(await open(db, after, erased)).toEqual({ ok: false, reason: "erased" });
  const ids = await db.orm.em
    .fork()
    .execute<{ master_key_id: string }[]>("select distinct master_key_id from data_keys where wrapped_key is not null");
  expect(ids).toEqual([{ master_key_id: to }]);
  await expect(openKeyring({ dataDir, masterKeyBase64: oldKey }, db.orm)).rejects.toThrow(/is not the one/);
  // A keyring still holding the old key (a server that was not restarted) refuses to make keys with it.
  await expect(seal(db, before, "late")).rejects.toThrow(/is not the one/);
});

test("a failed rotation changes nothing and puts the old key file back", async () => {
  const { db, dataDir } = await fresh();
  const keyring = await openKeyring({ dataDir }, db.orm);
  const sealed = await seal(db, keyring, "safe");
  await seal(db, keyring, "victim");
  const keyFile = readFileSync(join(dataDir, "keys", "master.key"), "utf8");
  // An altered data key: its wrap no longer authenticates, so the re-wrap must stop.
  await db.orm.em
    .fork()
    .execute(
      "update data_keys set wrapped_key = overlay(wrapped_key placing '\\x00'::bytea from 30 for 1) where id <> ?",
      [sealed.kid],
    );
  const before = await tableRows(db);
  await expect(rotateMasterKey(db.orm, { dataDir })).rejects.toThrow(/does not unwrap with master key/);
  expect(await tableRows(db)).toEqual(before);
  expect(readFileSync(join(dataDir, "keys", "master.key"), "utf8")).toBe(keyFile);
  expect(readdirSync(join(dataDir, "keys")).sort()).toEqual(["master.key", "signing.pem"]);
  expect(await open(db, await openKeyring({ dataDir }, db.orm), sealed)).toEqual({ ok: true, value: "safe" });
});

test("rotation with SHORTLIST_MASTER_KEY needs SHORTLIST_NEW_MASTER_KEY, and then writes no file", async () => {
  const { db, dataDir } = await fresh();
  const current = newKey();
  const next = newKey();
  const sealed = await seal(db, await openKeyring({ dataDir, masterKeyBase64: current }, db.orm), "v");
  await expect(rotateMasterKey(db.orm, { dataDir, masterKeyBase64: current })).rejects.toThrow(
    /set SHORTLIST_NEW_MASTER_KEY/,
  );
  await expect(
    rotateMasterKey(db.orm, { dataDir, masterKeyBase64: current, newMasterKeyBase64: current }),
  ).rejects.toThrow(/is the current master key/);
  const result = await rotateMasterKey(db.orm, { dataDir, masterKeyBase64: current, newMasterKeyBase64: next });
  expect(result.keyFile).toBeUndefined();
  expect(existsSync(join(dataDir, "keys", "master.key"))).toBe(false);
  expect(await open(db, await openKeyring({ dataDir, masterKeyBase64: next }, db.orm), sealed)).toEqual({
    ok: true,
    value: "v",
  });
});

test("the server does not start with a wrong SHORTLIST_MASTER_KEY, and says which key to set", async () => {
  const { db, dataDir } = await fresh();
  await seal(db, await openKeyring({ dataDir, masterKeyBase64: newKey() }, db.orm), "x");
  const run = await runScript("apps/server/src/main.ts", [], {
    ...databaseEnv(db.ownerConfig),
    SHORTLIST_DATA_DIR: dataDir,
    SHORTLIST_MASTER_KEY: newKey(),
    HOST: "127.0.0.1",
    PORT: String(await freePort()),
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("Shortlist could not start: The master key from SHORTLIST_MASTER_KEY");
  expect(run.stderr).toContain("Set SHORTLIST_MASTER_KEY to that key");
  expect(run.stderr).not.toMatch(/^\s+at /m);
});
