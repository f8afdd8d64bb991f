/**
 * `audit.verify`'s work (the chain recomputed, streaming) against the least any reader must do: a raw `pg` read of
 * the same rows, in keyset pages, each row hashed with SHA-256 in a tight loop. Both run in this process, in turns.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { appendEvents, chainPending, verifyChain, type AuditEventInput, type MikroORM } from "@shortlist/db";
import type pg from "pg";
import type { ScenarioContext } from "./context";

export interface VerifySide {
  seconds: number;
  /** Events (rows) per second. */
  perSec: number;
  /** CPU ms (user + system of this process) per 1,000 events. */
  cpuMsPerThousand: number;
}

export interface VerifyRound {
  verify: VerifySide;
  raw: VerifySide;
  /** verify's seconds over the raw read's: the cost of verification, ≤ 2× is the target. */
  ratio: number;
}

export interface VerifyResult {
  events: number;
  seedSeconds: number;
  rounds: VerifyRound[];
}

const SEED_BATCH = 2_000;
const RAW_PAGE = 2_000;
const SUBJECTS = 1_000;

/** A sealed value's shape and size (AES-256-GCM of a short string): verification hashes it like any JSON. */
const sealedLike = (kid: string) => ({
  v: 1,
  kid,
  kv: 1,
  iv: randomBytes(12).toString("base64"),
  tag: randomBytes(16).toString("base64"),
  ct: randomBytes(24).toString("base64"),
});

/** Events like the ones the app writes: candidate edits (some with sealed personal fields) and status moves. */
function benchEvent(i: number, subjects: readonly string[], keys: readonly string[]): AuditEventInput {
  const s = i % subjects.length;
  const personal = i % 3 === 0;
  return {
    actor: { type: "token", id: subjects[(i * 7) % subjects.length]!, label: "bench@example.com" },
    action: personal ? "candidates.update" : "candidates.setStatus",
    entity: { kind: "candidate", id: subjects[s]! },
    subjectId: subjects[s]!,
    requestId: randomUUID(),
    ip: "127.0.0.1",
    change: personal
      ? { before: { name: sealedLike(keys[s]!), version: 1 }, after: { name: sealedLike(keys[s]!), version: 2 } }
      : { before: { status: "pending", version: 1 }, after: { status: "invited", version: 2 } },
  };
}

/** Appends events through the app's own `appendEvents` until the chain holds `total` (or more, if it did already). */
export async function seedAuditEvents(orm: MikroORM, client: pg.Client, total: number, log: (line: string) => void) {
  const started = performance.now();
  const { rows } = await client.query<{ seq: string }>("select seq from audit_head where id = 1");
  let have = Number(rows[0]?.seq ?? 0);
  const subjects = Array.from({ length: SUBJECTS }, () => randomUUID());
  const keys = Array.from({ length: SUBJECTS }, () => randomUUID());
  while (have < total) {
    const n = Math.min(SEED_BATCH, total - have);
    const events = Array.from({ length: n }, (_, i) => benchEvent(have + i, subjects, keys));
    await orm.em.fork().transactional((em) => appendEvents(em, events));
    await chainPending(orm.em.fork(), { batch: SEED_BATCH });
    have += n;
    if (have % 100_000 < SEED_BATCH) log(`  ${have.toLocaleString("en")} events`);
  }
  await client.query("vacuum analyze audit_events");
  return { seconds: (performance.now() - started) / 1000, events: have };
}

async function timed(events: number, work: () => Promise<number>): Promise<VerifySide> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const seen = await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  if (seen !== events) throw new Error(`expected ${events} events, the run saw ${seen}`);
  return { seconds, perSec: events / seconds, cpuMsPerThousand: (used.user + used.system) / 1000 / (events / 1000) };
}

/** The baseline: every row read in keyset pages over one connection, each hashed (SHA-256 of its JSON). */
async function rawReadAndHash(client: pg.Client): Promise<number> {
  let after = 0;
  let seen = 0;
  let last = "";
  for (;;) {
    const { rows } = await client.query<{ seq: string }>(
      "select * from audit_events where seq > $1 order by seq limit $2",
      [after, RAW_PAGE],
    );
    for (const row of rows) last = createHash("sha256").update(last).update(JSON.stringify(row)).digest("hex");
    seen += rows.length;
    if (rows.length < RAW_PAGE) return seen;
    after = Number(rows.at(-1)!.seq);
  }
}

export async function verifyScenario(
  ctx: ScenarioContext,
  orm: MikroORM,
  target: number,
  rounds: number,
): Promise<VerifyResult> {
  ctx.log(`  seeding the audit chain to ${target.toLocaleString("en")} events`);
  const { seconds: seedSeconds, events } = await seedAuditEvents(orm, ctx.client, target, ctx.log);
  ctx.log(`  ${events.toLocaleString("en")} events seeded in ${seedSeconds.toFixed(1)} s`);
  const verify = async () => {
    const result = await verifyChain(orm.em.fork());
    if (!result.ok) throw new Error(`the bench's chain does not verify: ${JSON.stringify(result)}`);
    return result.count;
  };
  // One unmeasured pass of each warms the caches (PostgreSQL's and V8's) alike.
  await verify();
  await rawReadAndHash(ctx.client);
  const out: VerifyRound[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate who goes first, so neither always runs on the other's warm cache.
    const sides = r % 2 === 0 ? (["verify", "raw"] as const) : (["raw", "verify"] as const);
    const figures: Partial<Record<"verify" | "raw", VerifySide>> = {};
    for (const side of sides) {
      figures[side] = await timed(events, side === "verify" ? verify : () => rawReadAndHash(ctx.client));
    }
    const round = { verify: figures.verify!, raw: figures.raw!, ratio: figures.verify!.seconds / figures.raw!.seconds };
    ctx.log(
      `  verify r${r + 1}: ${round.verify.seconds.toFixed(2)} s against raw read + hash ${round.raw.seconds.toFixed(2)} s: ${round.ratio.toFixed(2)}×`,
    );
    out.push(round);
  }
  return { events, seedSeconds, rounds: out };
}
