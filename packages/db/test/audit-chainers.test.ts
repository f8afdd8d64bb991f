/**
 * Chainers racing for the head (as several server processes would): each run reads the head and the pending
 * events, then writes only if the head is still where it read it; a loser writes nothing and reads again. The
 * chain stays gap-free, every event is chained once, and it verifies.
 */
import pg from "pg";
import { expect, it, vi } from "vitest";
import {
  appendEvents,
  chainHead,
  chainPending,
  verifyChain,
  type AppendedEvents,
  type AuditEventInput,
  type ChainState,
} from "@shortlist/db";
import { useTestDatabase } from "@shortlist/db/testing";

const db = useTestDatabase();
const INLINE = { chain: true };
const em = () => db.orm.em.fork();

const event = (n: number): AuditEventInput => ({
  actor: { type: "system", id: null, label: "test" },
  action: "test.race",
  entity: { kind: "test", id: String(n) },
  subjectId: null,
  requestId: `race-${n}`,
  ip: null,
  change: { before: null, after: { n, note: 'ü \u2028 \\ "quoted"' } },
});

it("concurrent chainers and writers leave one gap-free chain that verifies", async () => {
  let n = 0;
  const writes: Promise<unknown>[] = [];
  const chainers: Promise<number>[] = [];
  // Some writers chain what they appended themselves, from a head they remember (as the API's chainer does).
  const state: ChainState = { head: null };
  for (let round = 0; round < 20; round++) {
    for (let w = 0; w < 3; w++) {
      const events = Array.from({ length: 1 + (round % 4) }, () => event(++n));
      const written = em().transactional((tx) => appendEvents(tx, events));
      writes.push(written);
      if (w === 0)
        chainers.push(
          written.then(({ appended }) => chainPending(em(), { surelyPending: true, known: appended!, state })),
        );
    }
    // Small batches and several chainers at once: they keep losing the head to one another.
    for (let c = 0; c < 3; c++) chainers.push(chainPending(em(), { batch: 2 + c }));
  }
  await Promise.all(writes);
  const chainedByRacers = (await Promise.all(chainers)).reduce((sum, k) => sum + k, 0);
  const rest = await chainPending(em());
  expect(chainedByRacers + rest).toBe(n);

  const rows = await em().execute<{ seq: string }[]>("select seq from audit_events order by seq");
  expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  expect(await chainHead(em())).toMatchObject({ seq: n });
  expect(await verifyChain(em())).toMatchObject({ ok: true, lastSeq: n, count: n });
});

/** Appends in a transaction of its own and answers what was appended (as the API's unit of work hands it on). */
const append = async (events: AuditEventInput[]) =>
  (await em().transactional((tx) => appendEvents(tx, events))).appended!;

/** The chain's statements a run sent: its reads of the head and pending events, and its writes. */
async function statementsOf(run: () => Promise<number>) {
  const spy = vi.spyOn(pg.Client.prototype, "query");
  try {
    const chained = await run();
    const names = spy.mock.calls.map(([q]) => (q as unknown as { name?: string } | null)?.name ?? "");
    return {
      chained,
      reads: names.filter((n) => n === "shortlist_audit_chain_read").length,
      writes: names.filter((n) => n === "shortlist_audit_chain_write").length,
    };
  } finally {
    spy.mockRestore();
  }
}

it("a chainer that knows the head chains what it appended without reading it back, and the chain verifies", async () => {
  const state: ChainState = { head: null };
  const run = (known: AppendedEvents, batch?: number) =>
    statementsOf(() => chainPending(em(), { surelyPending: true, known, state, ...(batch ? { batch } : {}) }));
  // The first run reads the head; it knows it from then on.
  expect(await run(await append([event(0)]))).toEqual({ chained: 1, reads: 1, writes: 1 });
  const unicode = { ...event(901), actor: { type: "user" as const, id: "u-1", label: "Zoë 🙂 \u2028" } };
  expect(await run(await append([event(1), unicode, event(2)]))).toEqual({ chained: 3, reads: 0, writes: 1 });
  expect(state.head).toEqual(await chainHead(em()));

  // Another process's event, pending before ours: ours first, then it, read back.
  await append([event(3)]);
  expect(await run(await append([event(4), event(5)]))).toEqual({ chained: 3, reads: 1, writes: 2 });

  // A subject id as PostgreSQL does not give it back (capitals): read back before it is hashed.
  const odd = { ...event(6), subjectId: "0A0B0C0D-0000-4000-8000-000000000001" };
  expect(await run(await append([odd]))).toEqual({ chained: 1, reads: 1, writes: 1 });

  // A rival chainer moves the head first: the stale head is refused whole, and the run reads it again.
  const known = await append([event(7), event(8)]);
  await append([event(9)]);
  expect(await chainPending(em(), { state: { head: null } })).toBe(3);
  expect(await run(known)).toEqual({ chained: 0, reads: 1, writes: 1 });
  expect(state.head).toEqual(await chainHead(em()));

  // More than a batch: written in batches, still without reading.
  expect(await run(await append(Array.from({ length: 7 }, (_, i) => event(10 + i))), 3)).toEqual({
    chained: 7,
    reads: 0,
    writes: 3,
  });

  const pending = await em().execute<{ n: string }[]>("select count(*) as n from audit_events where seq is null");
  expect(Number(pending[0]!.n)).toBe(0);
  expect(await verifyChain(em())).toMatchObject({ ok: true });
});

it("a writer that asks chains its events in its own statement unless the head is taken, and a rollback takes them back", async () => {
  await chainPending(em());
  const pendingCount = async () =>
    Number((await em().execute<{ n: string }[]>("select count(*) as n from audit_events where seq is null"))[0]!.n);
  const inline = (events: AuditEventInput[]) => em().transactional((tx) => appendEvents(tx, events, undefined, INLINE));

  const before = await chainHead(em());
  const written = await inline([event(100), event(101)]);
  expect(written.appended!.size).toBe(0);
  expect(written.chained).toEqual({ seq: before.seq + 2, hash: (await chainHead(em())).hash });
  expect(await pendingCount()).toBe(0);

  // Rolled back after chaining: neither the events nor the head's move remain.
  await expect(
    em().transactional(async (tx) => {
      await appendEvents(tx, [event(102)], undefined, INLINE);
      throw new Error("rolled back");
    }),
  ).rejects.toThrow("rolled back");
  expect((await chainHead(em())).seq).toBe(before.seq + 2);

  // The head held by a transaction still open: this writer does not wait for it; its events are left pending.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let holderChained!: () => void;
  const holderDone = new Promise<void>((resolve) => (holderChained = resolve));
  const holder = em().transactional(async (tx) => {
    await appendEvents(tx, [event(103)], undefined, INLINE);
    holderChained();
    await held;
  });
  await holderDone;
  const skipped = await inline([event(104)]);
  expect(skipped.chained).toBeNull();
  expect(skipped.appended!.size).toBe(1);
  release();
  await holder;
  expect(await pendingCount()).toBe(1);

  // A field that might not come back as written (a subject id in capitals): left for the chainer, which reads it.
  const odd = await inline([{ ...event(105), subjectId: "0A0B0C0D-0000-4000-8000-000000000002" }]);
  expect(odd.chained).toBeNull();
  expect(await chainPending(em())).toBe(2);

  // More events than a chainer's batch, in one statement.
  const many = await inline(Array.from({ length: 1500 }, (_, i) => event(200 + i)));
  expect(many.chained!.seq).toBe((await chainHead(em())).seq);
  expect(await pendingCount()).toBe(0);
  expect(await verifyChain(em())).toMatchObject({ ok: true });
});
