/**
 * Chain verification against tampering, done as the database owner (who may disable the append-only
 * trigger): edited, missing, inserted and reordered events are each named at the right sequence
 * number, and a superuser who rewrites history and recomputes every later hash passes a plain verify
 * but not a verify against a checkpoint signed before.
 */
import { createPublicKey, verify } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import {
  appendEvents,
  chainHead,
  chainPending,
  checkpointPayload,
  eventHash,
  hashedFields,
  SELECT_EVENT_ROWS,
  verifyChain,
  type AuditEventInput,
  type EventRow,
  type EntityManager,
} from "@shortlist/db";
import { testKeyring, useTestDatabase } from "@shortlist/db/testing";

const db = useTestDatabase({ as: "owner" });
const keyring = testKeyring();

const event = (n: number): AuditEventInput => ({
  actor: { type: "system", id: null, label: "test" },
  action: "test.write",
  entity: { kind: "test", id: String(n) },
  subjectId: null,
  requestId: `req-${n}`,
  ip: null,
  change: { before: null, after: { n } },
});

const em = () => db.orm.em.fork();

/** Runs `sql` as the owner with the trigger off, as an attacker with database superuser rights would. */
async function tamper(sql: string, params: unknown[] = []) {
  await em().transactional(async (tx) => {
    await tx.execute("alter table audit_events disable trigger user");
    await tx.execute(sql, params);
    await tx.execute("alter table audit_events enable trigger user");
  });
}

const rows = () => em().execute<EventRow[]>(`${SELECT_EVENT_ROWS} order by seq`);

const rehash = (row: EventRow, seq: number, prevHash: string) => eventHash(hashedFields(row, seq, prevHash));

/** Rewrites every event from `fromSeq` on with a freshly computed hash chain (the superuser's cover-up). */
async function recomputeFrom(fromSeq: number) {
  const all = await rows();
  let prev = fromSeq > 1 ? all[fromSeq - 2]!.hash! : "0".repeat(64);
  await em().transactional(async (tx) => {
    await tx.execute("alter table audit_events disable trigger user");
    for (const row of all.filter((r) => Number(r.seq) >= fromSeq)) {
      const hash = rehash(row, Number(row.seq), prev);
      await tx.execute("update audit_events set prev_hash = ?, hash = ? where seq = ?", [prev, hash, row.seq]);
      prev = hash;
    }
    await tx.execute("update audit_head set hash = ? where id = 1", [prev]);
    await tx.execute("alter table audit_events enable trigger user");
  });
}

async function append(count: number, from = 1) {
  await em().transactional((tx: EntityManager) =>
    appendEvents(
      tx,
      Array.from({ length: count }, (_, i) => event(from + i)),
    ),
  );
  await chainPending(em(), { batch: 4 });
}

beforeEach(async () => {
  await em().transactional(async (tx) => {
    await tx.execute("alter table audit_events disable trigger user");
    await tx.execute("delete from audit_events");
    await tx.execute("alter table audit_events enable trigger user");
    await tx.execute("update audit_head set seq = 0, hash = ? where id = 1", ["0".repeat(64)]);
  });
  await append(10);
});

describe("verifyChain", () => {
  it("passes an untouched chain, streaming in pages smaller than the chain", async () => {
    expect(await verifyChain(em(), { pageSize: 3 })).toMatchObject({ ok: true, lastSeq: 10, count: 10 });
    expect(await verifyChain(em(), { fromSeq: 4, pageSize: 3 })).toMatchObject({ ok: true, lastSeq: 10, count: 7 });
  });

  it("names an edited event", async () => {
    await tamper(`update audit_events set change = '{"before":null,"after":{"n":999}}' where seq = 4`);
    expect(await verifyChain(em(), { pageSize: 3 })).toMatchObject({ ok: false, brokenAt: 4, why: "edited" });
  });

  it("names a missing event, with or without the later ones renumbered", async () => {
    await tamper("delete from audit_events where seq = 5");
    expect(await verifyChain(em(), { pageSize: 3 })).toMatchObject({ ok: false, brokenAt: 5, why: "missing" });
    // The key is checked row by row: shift out of the way, then back one short.
    await tamper("update audit_events set seq = seq + 100 where seq > 5");
    await tamper("update audit_events set seq = seq - 101 where seq > 100");
    expect(await verifyChain(em(), { pageSize: 3 })).toMatchObject({ ok: false, brokenAt: 5, why: "missing" });
  });

  it("names truncated history at the end as missing", async () => {
    await tamper("delete from audit_events where seq > 8");
    expect(await verifyChain(em())).toMatchObject({ ok: false, brokenAt: 9, why: "missing" });
  });

  it("names an inserted event, in the middle (later ones renumbered) or past the head", async () => {
    const [third] = (await rows()).filter((r) => r.seq === "3");
    await tamper("update audit_events set seq = seq + 100 where seq > 3");
    await tamper("update audit_events set seq = seq - 99 where seq > 100");
    const forged = { ...third!, entity_id: "forged", prev_hash: third!.hash };
    await tamper(
      `insert into audit_events (seq, at, actor_type, actor_label, action, entity_kind, entity_id, request_id, change, prev_hash, hash)
       values (4, ?, 'system', 'test', 'test.write', 'test', 'forged', 'req-3', ?::jsonb, ?, ?)`,
      [third!.at, JSON.stringify(third!.change), third!.hash, rehash(forged, 4, third!.hash!)],
    );
    expect(await verifyChain(em(), { pageSize: 3 })).toMatchObject({ ok: false, brokenAt: 4, why: "inserted" });
  });

  it("names an event past the head as inserted", async () => {
    const [last] = (await rows()).slice(-1);
    await tamper(
      `insert into audit_events (seq, at, actor_type, actor_label, action, entity_kind, entity_id, request_id, change, prev_hash, hash)
       values (11, ?, 'system', 'test', 'test.write', 'test', 'late', null, '{"before":null,"after":null}', ?, 'x')`,
      [last!.at, last!.hash],
    );
    expect(await verifyChain(em())).toMatchObject({ ok: false, brokenAt: 11, why: "inserted" });
  });

  it("names swapped events as reordered", async () => {
    await tamper("update audit_events set seq = 100 where seq = 6");
    await tamper("update audit_events set seq = 6 where seq = 7");
    await tamper("update audit_events set seq = 7 where seq = 100");
    expect(await verifyChain(em(), { pageSize: 3 })).toMatchObject({ ok: false, brokenAt: 6, why: "reordered" });
  });

  it("the superuser attack: history rewritten and rehashed passes plain verify, fails against an earlier checkpoint", async () => {
    const head = await chainHead(em());
    const at = new Date().toISOString();
    const checkpoint = { ...head, at, signature: keyring.sign(checkpointPayload({ ...head, at })) };
    // An auditor holding only the public key checks the signature with node's crypto.
    const publicKey = createPublicKey(keyring.publicKeyPem());
    expect(verify(null, checkpointPayload(checkpoint), publicKey, Buffer.from(checkpoint.signature, "base64"))).toBe(
      true,
    );
    await append(2, 11);

    await tamper(`update audit_events set change = '{"before":null,"after":{"n":"rewritten"}}' where seq = 3`);
    await recomputeFrom(3);
    expect(await verifyChain(em())).toMatchObject({ ok: true, lastSeq: 12 });
    expect(await verifyChain(em(), { checkpoint })).toMatchObject({ ok: false, brokenAt: 10, why: "edited" });

    // Truncating back past the checkpoint (and fixing the head) is caught the same way.
    const [eighth] = (await rows()).filter((r) => r.seq === "8");
    await tamper("delete from audit_events where seq > 8");
    await em().execute("update audit_head set seq = 8, hash = ? where id = 1", [eighth!.hash]);
    expect(await verifyChain(em())).toMatchObject({ ok: true, lastSeq: 8 });
    expect(await verifyChain(em(), { checkpoint })).toMatchObject({ ok: false, brokenAt: 9, why: "missing" });
  });

  it("the append-only trigger refuses UPDATE (but chaining), DELETE and TRUNCATE even for the owner", async () => {
    for (const sql of ["update audit_events set action = 'x'", "delete from audit_events", "truncate audit_events"]) {
      await expect(em().execute(sql)).rejects.toThrow(/append-only/);
    }
    await expect(em().execute("delete from audit_head")).rejects.toThrow(/append-only/);
    // Chaining may fill in seq and the hashes of an unchained event once, and change nothing else.
    await expect(em().execute("update audit_events set hash = ? where seq = 1", ["f".repeat(64)])).rejects.toThrow(
      /append-only/,
    );
    await em().transactional((tx) => appendEvents(tx, [event(11)]));
    await expect(em().execute("update audit_events set action = 'x' where seq is null")).rejects.toThrow(/append-only/);
    await expect(
      em().execute("update audit_events set seq = 11, prev_hash = 'a', hash = 'b', action = 'x' where seq is null"),
    ).rejects.toThrow(/append-only/);
    expect(await chainPending(em())).toBe(1);
    expect(await verifyChain(em())).toMatchObject({ ok: true, lastSeq: 11 });
  });
});
