/** The keyring's envelope encryption through its public surface, on a real database. */
import { generateKeyPairSync, randomBytes, randomUUID, verify } from "node:crypto";
import { expect, test } from "vitest";
import { createKeyring, KeyringError, type EntityManager, type Keyring, type Sealed } from "@shortlist/db";
import { testKeyring, useTestDatabase } from "@shortlist/db/testing";

const db = useTestDatabase();
const keyring = testKeyring();

const inTx = <T>(fn: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(fn);
const seal = (subject: string, value: unknown, k: Keyring = keyring) => inTx((em) => k.seal(em, subject, value));
const open = (sealed: Sealed, k: Keyring = keyring) => inTx((em) => k.open(em, sealed));
const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.orm.em.fork().execute<{ n: string }[]>(sql, params))[0]!.n);

test("a sealed value opens to the same JSON value, and the plaintext appears nowhere in it", async () => {
  const subject = randomUUID();
  const value = { name: "Ada Lovelace", email: "ada@example.com", notes: ["first", { n: 1 }], none: null };
  const sealed = await seal(subject, value);
  expect(sealed).toMatchObject({ v: 1, kv: 1 });
  expect(JSON.stringify(sealed)).not.toContain("Ada");
  expect(await open(sealed)).toEqual({ ok: true, value });
  expect(await open(await seal(subject, "plain text"))).toEqual({ ok: true, value: "plain text" });
  // One data key per subject, reused: the second seal names the same key.
  expect((await seal(subject, 1)).kid).toBe(sealed.kid);
  expect(await count("select count(*) as n from data_keys where subject_id = ?", [subject])).toBe(1);
});

test("another subject's key cannot open a value: swapping the key id fails authentication", async () => {
  const a = await seal(randomUUID(), "about A");
  const b = await seal(randomUUID(), "about B");
  expect(a.kid).not.toBe(b.kid);
  await expect(open({ ...a, kid: b.kid })).rejects.toThrow(/failed authentication/);
});

test("tampered ciphertext, tag, iv or version is refused, never opened to garbage", async () => {
  const sealed = await seal(randomUUID(), { secret: "x".repeat(40) });
  const flip = (b64: string) => {
    const bytes = Buffer.from(b64, "base64");
    bytes[0]! ^= 1;
    return bytes.toString("base64");
  };
  await expect(open({ ...sealed, ct: flip(sealed.ct) })).rejects.toThrow(KeyringError);
  await expect(open({ ...sealed, tag: flip(sealed.tag) })).rejects.toThrow(/failed authentication/);
  await expect(open({ ...sealed, iv: flip(sealed.iv) })).rejects.toThrow(/failed authentication/);
  await expect(open({ ...sealed, kv: 2 })).rejects.toThrow(/version 2/);
  await expect(open({ ...sealed, v: 2 } as unknown as Sealed)).rejects.toThrow(/Not a sealed value \(v: expected 1\)/);
  await expect(open({ ...sealed, kid: "nope" })).rejects.toThrow(/kid: expected a UUID/);
});

test("invalid inputs name the field", async () => {
  await expect(seal("not-a-uuid", 1)).rejects.toThrow(/subjectId: expected a UUID/);
  await expect(seal(randomUUID(), undefined)).rejects.toThrow(/value: undefined/);
  await expect(inTx((em) => keyring.destroySubject(em, "x"))).rejects.toThrow(/subjectId: expected a UUID/);
});

test("destroySubject: the subject's values answer erased, nothing more can be sealed for them, others still open", async () => {
  const subject = randomUUID();
  const other = await seal(randomUUID(), "kept");
  const sealed = await seal(subject, { name: "Grace Hopper" });
  expect(await open(sealed)).toEqual({ ok: true, value: { name: "Grace Hopper" } }); // now cached in memory
  await inTx((em) => keyring.destroySubject(em, subject));
  expect(await open(sealed)).toEqual({ ok: false, reason: "erased" });
  await expect(seal(subject, "again")).rejects.toThrow(/was erased/);
  await inTx((em) => keyring.destroySubject(em, subject)); // idempotent
  expect(await open(other)).toEqual({ ok: true, value: "kept" });
  const [row] = await db.orm.em
    .fork()
    .execute<{ wrapped_key: Buffer | null; destroyed_at: string | null }[]>(
      "select wrapped_key, destroyed_at from data_keys where subject_id = ?",
      [subject],
    );
  expect(row?.wrapped_key).toBeNull();
  expect(row?.destroyed_at).not.toBeNull();
});

test("destroying a subject that never had a key still stops anything being sealed for them", async () => {
  const subject = randomUUID();
  await inTx((em) => keyring.destroySubject(em, subject));
  await expect(seal(subject, "late")).rejects.toThrow(/was erased/);
});

test("a rolled-back destroySubject leaves the key usable", async () => {
  const subject = randomUUID();
  const sealed = await seal(subject, "still here");
  await expect(
    inTx(async (em) => {
      await keyring.destroySubject(em, subject);
      throw new Error("roll back");
    }),
  ).rejects.toThrow("roll back");
  expect(await open(sealed)).toEqual({ ok: true, value: "still here" });
});

test("a keyring with another master key writes nothing: no data key wrapped by the wrong key", async () => {
  await seal(randomUUID(), "makes the check row");
  const before = await count("select count(*) as n from data_keys");
  const wrong = createKeyring(randomBytes(32), generateKeyPairSync("ed25519").privateKey, {
    masterKeySource: "SHORTLIST_MASTER_KEY",
  });
  await expect(seal(randomUUID(), "x", wrong)).rejects.toThrow(/Set SHORTLIST_MASTER_KEY to that key/);
  expect(await count("select count(*) as n from data_keys")).toBe(before);
  const sealed = await seal(randomUUID(), "y");
  await expect(open(sealed, wrong)).rejects.toThrow(KeyringError);
});

test("concurrent first seals for one subject agree on a single data key", async () => {
  const subject = randomUUID();
  const sealed = await Promise.all(Array.from({ length: 8 }, (_, i) => seal(subject, i)));
  expect(new Set(sealed.map((s) => s.kid)).size).toBe(1);
  for (const [i, s] of sealed.entries()) expect(await open(s)).toEqual({ ok: true, value: i });
});

test("sign: an Ed25519 signature that the published public key verifies", () => {
  const payload = Buffer.from('{"hash":"ab","seq":1}');
  const signature = keyring.sign(payload);
  expect(keyring.publicKeyPem()).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  expect(verify(null, payload, keyring.publicKeyPem(), Buffer.from(signature, "base64"))).toBe(true);
  expect(verify(null, Buffer.from("other"), keyring.publicKeyPem(), Buffer.from(signature, "base64"))).toBe(false);
});
