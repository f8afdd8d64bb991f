/**
 * The audit checkpoint's outside half: the public key over HTTP (enough to check a signature with node's
 * crypto), and the server's periodic writer of signed heads into `<data dir>/checkpoints/`.
 */
import { createPublicKey, verify } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pino from "pino";
import request from "supertest";
import { expect, test } from "vitest";
import { appendEvents, canonicalJson, chainHead, chainPending, type AuditEventInput } from "@shortlist/db";
import { useTestApi } from "../../../packages/api/test/helpers";
import { createApp } from "../src/app";
import { startCheckpointWriter } from "../src/checkpoints";

const api = useTestApi({ dataDir: "shortlist-checkpoints-", env: { SHORTLIST_CHECKPOINT_EVERY_EVENTS: "3" } });

const event = (n: number): AuditEventInput => ({
  actor: { type: "system", id: null, label: "test" },
  action: "test.write",
  entity: { kind: "test", id: String(n) },
  subjectId: null,
  requestId: null,
  ip: null,
  change: { before: null, after: { n } },
});

async function append(...ns: number[]) {
  await api.db.orm.em.fork().transactional((em) => appendEvents(em, ns.map(event)));
  await chainPending(api.db.orm.em.fork());
  return chainHead(api.db.orm.em.fork());
}

const savedFiles = async () => (await readdir(join(api.dataDir, "checkpoints")).catch(() => [])).sort();

test("GET /api/audit/public-key answers the PEM that verifies a checkpoint's signature", async () => {
  await append(1);
  const { caller } = await api.signedIn("admin");
  const checkpoint = await caller.audit.checkpoint();

  const res = await request(createApp(api.deps)).get("/api/audit/public-key").buffer(true);
  expect(res.status).toBe(200);
  const pem = Buffer.isBuffer(res.body) ? res.body.toString("utf8") : res.text;
  expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n?$/);

  const payload = Buffer.from(canonicalJson({ seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at }));
  expect(verify(null, payload, createPublicKey(pem), Buffer.from(checkpoint.signature, "base64"))).toBe(true);
  const forged = Buffer.from(canonicalJson({ seq: checkpoint.seq + 1, hash: checkpoint.hash, at: checkpoint.at }));
  expect(verify(null, forged, createPublicKey(pem), Buffer.from(checkpoint.signature, "base64"))).toBe(false);
});

test("the writer signs the head after every N new events, and once more at stop when events arrived", async () => {
  const log = pino({ level: "silent" });
  const writer = startCheckpointWriter({ ...api.deps, log }, { pollMs: 60 * 60_000 });
  const start = (await savedFiles()).length;
  // The last checkpoint (the first test's) covers the head so far.
  const base = (await chainHead(api.db.orm.em.fork())).seq;
  try {
    await append(2);
    expect(await writer.runOnce()).toBeNull();
    await append(3, 4);
    const checkpoint = await writer.runOnce();
    expect(checkpoint).toMatchObject({ seq: base + 3 });
    const files = await savedFiles();
    expect(files).toHaveLength(start + 1);
    expect(JSON.parse(await readFile(join(api.dataDir, "checkpoints", files.at(-1)!), "utf8"))).toEqual(checkpoint);
    expect(await writer.runOnce()).toBeNull();
    await append(5);
  } finally {
    await writer.stop();
  }
  const files = await savedFiles();
  expect(files).toHaveLength(start + 2);
  expect(JSON.parse(await readFile(join(api.dataDir, "checkpoints", files.at(-1)!), "utf8"))).toMatchObject({
    seq: base + 4,
  });
});

test("with events waiting, the minutes limit makes a checkpoint due without N events", async () => {
  const writer = startCheckpointWriter(
    { ...api.deps, config: { ...api.deps.config, checkpoints: { everyEvents: 1000, everyMs: 0 } } },
    { pollMs: 60 * 60_000 },
  );
  try {
    const head = await append(6);
    expect(await writer.runOnce()).toMatchObject({ seq: head.seq });
    expect(await writer.runOnce()).toBeNull();
  } finally {
    await writer.stop();
  }
});
