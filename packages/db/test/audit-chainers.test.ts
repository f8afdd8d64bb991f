/**
 * Chainers racing for the head (as several server processes would): each run reads the head and the pending
 * events, then writes only if the head is still where it read it; a loser writes nothing and reads again. The
 * chain stays gap-free, every event is chained once, and it verifies.
 */
import { expect, it } from "vitest";
import { appendEvents, chainHead, chainPending, verifyChain, type AuditEventInput } from "@shortlist/db";
import { useTestDatabase } from "@shortlist/db/testing";

const db = useTestDatabase();
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
  for (let round = 0; round < 20; round++) {
    for (let w = 0; w < 3; w++) {
      const events = Array.from({ length: 1 + (round % 4) }, () => event(++n));
      writes.push(em().transactional((tx) => appendEvents(tx, events)));
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
