/**
 * The keyring under concurrency and rollback: data key creation racing keys:rotate (a key is never left wrapped
 * by a retired master key), and what the subject cache may and may not remember.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, expect, test } from "vitest";
import { openKeyring, type EntityManager, type Keyring } from "@shortlist/db";
import { createTestDatabase, type TestDatabase } from "@shortlist/db/testing";
import { rotateMasterKey } from "../src/privacy/rotate";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const newKey = () => randomBytes(32).toString("base64");

async function fresh(): Promise<{ db: TestDatabase; dataDir: string; masterKey: string; keyring: Keyring }> {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), "shortlist-keyring-race-"));
  cleanups.push(
    () => db.dropDatabase(),
    () => rm(dataDir, { recursive: true, force: true }),
  );
  const masterKey = newKey();
  return { db, dataDir, masterKey, keyring: await openKeyring({ dataDir, masterKeyBase64: masterKey }, db.orm) };
}

const inTx = <T>(db: TestDatabase, fn: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(fn);

/** Polls until some session of this database waits for a lock (generous limit; no fixed sleeps). */
async function untilSomeoneWaitsForALock(db: TestDatabase): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const [row] = await db.orm.em
      .fork()
      .execute<{ n: string }[]>(
        "select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
    if (Number(row!.n) > 0) return;
    await sleep(25);
  }
  throw new Error("no session started waiting for a lock");
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

test("a key made while keys:rotate starts is committed first and re-wrapped by the rotation", async () => {
  const { db, dataDir, masterKey, keyring } = await fresh();
  await inTx(db, (em) => keyring.seal(em, randomUUID(), "before"));
  const made = gate();
  const release = gate();
  const subject = randomUUID();
  const creating = inTx(db, async (em) => {
    const sealed = await keyring.seal(em, subject, "during");
    made.open();
    await release.opened; // the key's transaction stays open while the rotation starts
    return sealed;
  });
  await made.opened;
  // The rotation's first statement waits for the creator's share lock on the check row.
  let rotated = false;
  const next = newKey();
  const rotation = rotateMasterKey(db.orm, { dataDir, masterKeyBase64: masterKey, newMasterKeyBase64: next }).then(
    (result) => ((rotated = true), result),
  );
  await untilSomeoneWaitsForALock(db);
  expect(rotated).toBe(false);
  release.open();
  const sealed = await creating;
  const result = await rotation;
  expect(result.rewrapped).toBe(2);
  const keys = await db.orm.em
    .fork()
    .execute<{ master_key_id: string }[]>("select distinct master_key_id from data_keys where wrapped_key is not null");
  expect(keys).toEqual([{ master_key_id: result.to }]);
  const after = await openKeyring({ dataDir, masterKeyBase64: next }, db.orm);
  expect(await inTx(db, (em) => after.open(em, sealed))).toEqual({ ok: true, value: "during" });
});

test("a key made while keys:rotate runs waits for it, then refuses the retired master key and writes nothing", async () => {
  const { db, keyring } = await fresh();
  await inTx(db, (em) => keyring.seal(em, randomUUID(), "makes the check row"));
  const locked = gate();
  const release = gate();
  // Stands in for a rotation between its first statement (the check row's lock) and its commit.
  const rotating = inTx(db, async (em) => {
    await em.execute("select 1 from keyring_meta where id = 1 for update");
    await em.execute("update keyring_meta set master_key_id = 'rotated0000000' where id = 1");
    locked.open();
    await release.opened;
  });
  await locked.opened;
  const subject = randomUUID();
  const sealing = inTx(db, (em) => keyring.seal(em, subject, "late"));
  const refused = expect(sealing).rejects.toThrow(/is not the one this database's data keys are wrapped with/);
  await untilSomeoneWaitsForALock(db);
  release.open();
  await rotating;
  await refused;
  const [row] = await db.orm.em
    .fork()
    .execute<{ n: string }[]>("select count(*) as n from data_keys where subject_id = ?", [subject]);
  expect(Number(row!.n)).toBe(0);
});

test("a key whose transaction rolled back is not reused: the next seal makes a key that opens", async () => {
  const { db, keyring } = await fresh();
  const subject = randomUUID();
  await expect(
    inTx(db, async (em) => {
      await keyring.sealMany(em, subject, ["gone", "too"]);
      throw new Error("roll back");
    }),
  ).rejects.toThrow("roll back");
  const sealed = await inTx(db, (em) => keyring.seal(em, subject, "kept"));
  expect(await inTx(db, (em) => keyring.open(em, sealed))).toEqual({ ok: true, value: "kept" });
  // Sealed again from the cache, with the same key.
  const again = await inTx(db, (em) => keyring.seal(em, subject, "again"));
  expect(again.kid).toBe(sealed.kid);
  expect(await inTx(db, (em) => keyring.open(em, again))).toEqual({ ok: true, value: "again" });
});

test("sealMany: one key for the subject, values in order; an unsealable value refuses all and writes nothing", async () => {
  const { db, keyring } = await fresh();
  const subject = randomUUID();
  const sealed = await inTx(db, (em) => keyring.sealMany(em, subject, ["Ada", { email: "ada@example.com" }, 3]));
  expect(new Set(sealed.map((s) => s.kid)).size).toBe(1);
  expect(await Promise.all(sealed.map((s) => inTx(db, (em) => keyring.open(em, s))))).toEqual([
    { ok: true, value: "Ada" },
    { ok: true, value: { email: "ada@example.com" } },
    { ok: true, value: 3 },
  ]);
  const other = randomUUID();
  await expect(inTx(db, (em) => keyring.sealMany(em, other, ["x", undefined]))).rejects.toThrow(
    /value: undefined \(or a function\) cannot be sealed/,
  );
  await expect(inTx(db, (em) => keyring.sealMany(em, "nope", ["x"]))).rejects.toThrow(/subjectId: expected a UUID/);
  const [row] = await db.orm.em
    .fork()
    .execute<{ n: string }[]>("select count(*) as n from data_keys where subject_id = ?", [other]);
  expect(Number(row!.n)).toBe(0);
});

test("a subject sealed from the cache is refused once this process erased them; a rolled-back erasure is not", async () => {
  const { db, keyring } = await fresh();
  const subject = randomUUID();
  await inTx(db, (em) => keyring.seal(em, subject, "one"));
  await inTx(db, (em) => keyring.seal(em, subject, "two")); // read committed: cached now
  await expect(
    inTx(db, async (em) => {
      await keyring.destroySubject(em, subject);
      throw new Error("roll back");
    }),
  ).rejects.toThrow("roll back");
  const kept = await inTx(db, (em) => keyring.seal(em, subject, "three"));
  expect(await inTx(db, (em) => keyring.open(em, kept))).toEqual({ ok: true, value: "three" });
  await inTx(db, (em) => keyring.destroySubject(em, subject));
  await expect(inTx(db, (em) => keyring.seal(em, subject, "four"))).rejects.toThrow(/was erased/);
});

const sealBatch = (keyring: Keyring, em: EntityManager, subjects: readonly string[]) =>
  keyring.sealBatch(em, new Map(subjects.map((s) => [s, [`about ${s}`]])));
const keyCount = async (db: TestDatabase, subjects: readonly string[]) =>
  Number(
    (
      await db.orm.em
        .fork()
        .execute<{ n: string }[]>(
          `select count(*) as n from data_keys where subject_id in (${subjects.map(() => "?").join(", ")})`,
          [...subjects],
        )
    )[0]!.n,
  );

test("batch: keys made while keys:rotate starts are re-wrapped; made while it runs, all are refused", async () => {
  const { db, dataDir, masterKey, keyring } = await fresh();
  await inTx(db, (em) => keyring.seal(em, randomUUID(), "before"));
  const made = gate();
  const release = gate();
  const first = [randomUUID(), randomUUID(), randomUUID()];
  const creating = inTx(db, async (em) => {
    const sealed = await sealBatch(keyring, em, first);
    made.open();
    await release.opened;
    return sealed;
  });
  await made.opened;
  const next = newKey();
  const rotation = rotateMasterKey(db.orm, { dataDir, masterKeyBase64: masterKey, newMasterKeyBase64: next });
  await untilSomeoneWaitsForALock(db);
  release.open();
  const sealed = await creating;
  expect((await rotation).rewrapped).toBe(4);
  const after = await openKeyring({ dataDir, masterKeyBase64: next }, db.orm);
  for (const subject of first)
    expect(await inTx(db, (em) => after.open(em, sealed.get(subject)![0]!))).toEqual({
      ok: true,
      value: `about ${subject}`,
    });

  // The old keyring (retired master key) batches while a rotation holds the check row: it waits, then refuses.
  const locked = gate();
  const unlock = gate();
  const rotating = inTx(db, async (em) => {
    await em.execute("select 1 from keyring_meta where id = 1 for update");
    await em.execute("update keyring_meta set master_key_id = 'rotated0000000' where id = 1");
    locked.open();
    await unlock.opened;
  });
  await locked.opened;
  const late = [randomUUID(), randomUUID()];
  const refused = expect(inTx(db, (em) => sealBatch(after, em, late))).rejects.toThrow(
    /is not the one this database's data keys are wrapped with/,
  );
  await untilSomeoneWaitsForALock(db);
  unlock.open();
  await rotating;
  await refused;
  expect(await keyCount(db, late)).toBe(0);
});

test("batch: a subject keyed elsewhere keeps its key, new ones get theirs; an erased subject refuses the batch", async () => {
  const { db, dataDir, masterKey, keyring } = await fresh();
  const other = await openKeyring({ dataDir, masterKeyBase64: masterKey }, db.orm);
  const known = randomUUID();
  const elsewhere = await inTx(db, (em) => other.seal(em, known, "keyed by another server"));
  const fresh1 = randomUUID();
  const fresh2 = randomUUID();
  const sealed = await inTx(db, (em) => sealBatch(keyring, em, [fresh1, known, fresh2]));
  expect(sealed.get(known)![0]!.kid).toBe(elsewhere.kid);
  expect(new Set([fresh1, known, fresh2].map((s) => sealed.get(s)![0]!.kid)).size).toBe(3);
  for (const [subject, [value]] of sealed)
    expect(await inTx(db, (em) => other.open(em, value!))).toEqual({ ok: true, value: `about ${subject}` });

  const erased = randomUUID();
  await inTx(db, (em) => other.destroySubject(em, erased));
  const newcomers = [randomUUID(), randomUUID()];
  await expect(inTx(db, (em) => sealBatch(keyring, em, [newcomers[0]!, erased, newcomers[1]!]))).rejects.toThrow(
    `Subject ${erased} was erased`,
  );
  expect(await keyCount(db, newcomers)).toBe(0);
  await expect(inTx(db, (em) => keyring.sealBatch(em, new Map([[fresh1, [() => 1]]])))).rejects.toThrow(
    /cannot be sealed/,
  );
});

test("batch: keys of a rolled-back batch are not cached; the next batch makes keys that open", async () => {
  const { db, keyring } = await fresh();
  const cached = randomUUID();
  await inTx(db, (em) => keyring.seal(em, cached, "one"));
  await inTx(db, (em) => keyring.seal(em, cached, "two")); // read committed: cached now
  const subjects = [randomUUID(), randomUUID(), cached];
  let gone: Map<string, unknown[]> | undefined;
  await expect(
    inTx(db, async (em) => {
      gone = await sealBatch(keyring, em, subjects);
      // Within the transaction, its own new keys serve a second batch without making others.
      const again = await sealBatch(keyring, em, subjects);
      for (const s of subjects)
        expect((again.get(s)![0] as { kid: string }).kid).toBe((gone.get(s)![0] as { kid: string }).kid);
      throw new Error("roll back");
    }),
  ).rejects.toThrow("roll back");
  expect(await keyCount(db, subjects.slice(0, 2))).toBe(0);
  const kept = await inTx(db, (em) => sealBatch(keyring, em, subjects));
  for (const subject of subjects.slice(0, 2))
    expect(kept.get(subject)![0]!.kid).not.toBe((gone!.get(subject)![0] as { kid: string }).kid);
  for (const [subject, [value]] of kept)
    expect(await inTx(db, (em) => keyring.open(em, value!))).toEqual({ ok: true, value: `about ${subject}` });
});
