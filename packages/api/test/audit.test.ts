/**
 * The audit module through the caller: list (filters, keyset pages, personal fields opened, "[erased]" once
 * the subject's key is destroyed), verify, and signed checkpoints (kept in the data folder, checked with
 * node's crypto and the public key alone).
 */
import { createPublicKey, randomUUID, verify } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { appendEvents, canonicalJson, chainPending, type AuditEventInput } from "@shortlist/db";
import { errorShape, rejection, useTestApi } from "./helpers";

const api = useTestApi({ dataDir: "shortlist-audit-" });
let admin: Awaited<ReturnType<typeof api.signedIn>>["caller"];
const thing = `thing-${randomUUID().slice(0, 8)}`;
const subjectId = randomUUID();

const event = (n: number, extra: Partial<AuditEventInput> = {}): AuditEventInput => ({
  actor: { type: "user", id: "actor-1", label: "someone@example.com" },
  action: "things.update",
  entity: { kind: thing, id: String(n) },
  subjectId: null,
  requestId: `req-${n}`,
  ip: "198.51.100.7",
  change: { before: { n: n - 1 }, after: { n } },
  ...extra,
});

beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
  await api.db.orm.em.fork().transactional(async (em) => {
    const name = await api.deps.keyring.seal(em, subjectId, "Grace Hopper");
    await appendEvents(em, [
      ...[1, 2, 3, 4, 5].map((n) => event(n)),
      event(6, {
        subjectId,
        entity: { kind: "person", id: subjectId },
        change: { before: null, after: { name, role: "Admiral" } },
      }),
    ]);
  });
  await chainPending(api.db.orm.em.fork());
});

describe("audit.list", () => {
  it("filters and pages newest first with a keyset cursor", async () => {
    const first = await admin.audit.list({ entityKind: thing, limit: 2 });
    expect(first.items.map((e) => e.entity.id)).toEqual(["5", "4"]);
    expect(first.items[0]).toMatchObject({
      action: "things.update",
      actor: { type: "user", id: "actor-1", label: "someone@example.com" },
      ip: "198.51.100.7",
      before: { n: 4 },
      after: { n: 5 },
      personal: [],
    });
    expect(first.items[0]!.at).toBeInstanceOf(Date);
    const second = await admin.audit.list({ entityKind: thing, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((e) => e.entity.id)).toEqual(["3", "2"]);
    const last = await admin.audit.list({ entityKind: thing, limit: 2, cursor: second.nextCursor });
    expect(last).toMatchObject({ items: [{ entity: { id: "1" } }], nextCursor: null });
    expect((await admin.audit.list({ actorId: "actor-1", action: "things.update", entityId: "3" })).items).toHaveLength(
      1,
    );
    expect((await admin.audit.list({ entityKind: thing, to: new Date(0) })).items).toEqual([]);
  });

  it("opens personal fields for the admin, and shows [erased] once the subject's key is destroyed", async () => {
    const before = await admin.audit.list({ subjectId });
    expect(before.items).toMatchObject([{ after: { name: "Grace Hopper", role: "Admiral" }, personal: ["name"] }]);
    await api.db.orm.em.fork().transactional((em) => api.deps.keyring.destroySubject(em, subjectId));
    const after = await admin.audit.list({ subjectId });
    expect(after.items).toMatchObject([{ after: { name: "[erased]", role: "Admiral" }, personal: ["name"] }]);
    expect((await admin.audit.verify()).ok).toBe(true);
  });

  it("refuses a time range that ends before it starts, naming the field", async () => {
    const error = await rejection(admin.audit.list({ from: new Date("2026-02-01"), to: new Date("2026-01-01") }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(errorShape(error).data.fieldErrors).toEqual([{ path: "to", message: "Must not be before from" }]);
  });
});

describe("audit.verify and audit.checkpoint", () => {
  it("signs the head; the public key alone verifies it; a copy lands in the checkpoints folder", async () => {
    const checkpoint = await admin.audit.checkpoint();
    const head = await admin.audit.verify();
    expect(head).toMatchObject({ ok: true, lastSeq: checkpoint.seq, lastHash: checkpoint.hash });

    const payload = Buffer.from(canonicalJson({ seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at }));
    const publicKey = createPublicKey(api.deps.keyring.publicKeyPem());
    expect(verify(null, payload, publicKey, Buffer.from(checkpoint.signature, "base64"))).toBe(true);

    const folder = join(api.dataDir, "checkpoints");
    const files = await readdir(folder);
    expect(files).toHaveLength(1);
    expect(JSON.parse(await readFile(join(folder, files[0]!), "utf8"))).toEqual(checkpoint);

    expect(await admin.audit.verify({ checkpoint })).toMatchObject({ ok: true, checkpoint });
  });

  it("refuses a checkpoint whose signature does not match, naming the field", async () => {
    const checkpoint = await admin.audit.checkpoint();
    const error = await rejection(admin.audit.verify({ checkpoint: { ...checkpoint, seq: checkpoint.seq + 1 } }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(errorShape(error).data.fieldErrors).toEqual([
      { path: "checkpoint.signature", message: expect.stringContaining("does not match this server's signing key") },
    ]);
  });
});
