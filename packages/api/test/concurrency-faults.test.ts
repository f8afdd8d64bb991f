/**
 * Racing writers on one record: 100 concurrent updates of one candidate (or moves of one application), all
 * carrying the version they read. Exactly one may win; every other gets
 * CONFLICT; the row ends up as the winner wrote it, whole (no field from a
 * loser, no lost or half-applied update).
 */
import { beforeAll, expect, test } from "vitest";
import { signedIn, useTestApi, type Caller } from "./helpers";

const { db, deps } = useTestApi();
let writer: Caller;
beforeAll(async () => {
  writer = (await signedIn(deps, "recruiter")).caller;
});

const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === "fulfilled" ? "ok" : String((r.reason as { code?: string }).code);

/** Each racer writes several fields, all tagged with its own number, so a mix of two racers would show. */
const edit = (i: number) => ({
  name: `Racer ${i}`,
  tags: [`tag-${i}`],
  recruiterNotes: `Written by racer ${i}`,
  assessmentDomains: [`domain-${i}`, `shared-${i}`],
  consentGiven: i % 2 === 0,
});

test("100 concurrent updates of one candidate from the same version: one wins whole, 99 get CONFLICT", async () => {
  const c = await writer.candidates.create({
    name: "Contested",
    email: "contested@example.com",
    role: "Engineer",
    company: "RaceCo",
  });
  expect(c.version).toBe(1);

  const results = await Promise.allSettled(
    Array.from({ length: 100 }, (_, i) => writer.candidates.update({ id: c.id, version: c.version, ...edit(i) })),
  );
  const codes = results.map(codeOf);
  expect(codes.filter((code) => code === "ok")).toHaveLength(1);
  expect(codes.filter((code) => code === "CONFLICT")).toHaveLength(99);
  for (const r of results) {
    if (r.status === "rejected") expect((r.reason as Error).message).toMatch(/someone else saved/i);
  }

  const winnerIndex = codes.indexOf("ok");
  const winner = (results[winnerIndex] as PromiseFulfilledResult<Awaited<ReturnType<Caller["candidates"]["update"]>>>)
    .value;
  const expected = edit(winnerIndex);
  expect(winner).toMatchObject({ ...expected, version: 2 });

  // What is stored is exactly the winner's write, read back through a fresh connection.
  const [row] = await db.orm.em.fork().execute<
    {
      name: string;
      tags: string[];
      recruiter_notes: string;
      assessment_domains: string[];
      consent_given: boolean;
      version: number;
    }[]
  >("select name, tags, recruiter_notes, assessment_domains, consent_given, version from candidates where id = ?", [c.id]);
  expect(row).toEqual({
    name: expected.name,
    tags: expected.tags,
    recruiter_notes: expected.recruiterNotes,
    assessment_domains: expected.assessmentDomains,
    consent_given: expected.consentGiven,
    version: 2,
  });

  // The next save from the version the winner returned goes through: the row is not left locked or stale.
  const next = await writer.candidates.update({ id: c.id, version: 2, name: "After the race" });
  expect(next).toMatchObject({ name: "After the race", tags: expected.tags, version: 3 });
});

test("100 concurrent moves and rejections of one application from one version: one applied, counted and recorded once", async () => {
  const c = await writer.candidates.create({
    name: "Mover",
    email: "mover@example.com",
    // A job of its own, so its counters hold this application alone.
    role: "Mover",
    company: "RaceCo",
  });
  const app = c.application!;
  const job = await writer.jobs.get({ id: app.jobId });
  const screening = job.stages.find((s) => s.name === "Screening")!;
  const [reason] = await writer.rejectionReasons.list();
  const results = await Promise.allSettled(
    Array.from({ length: 100 }, (_, i) =>
      i % 2
        ? writer.applications.move({ id: app.id, version: app.version, stageId: screening.id })
        : writer.applications.reject({ id: app.id, version: app.version, reasonId: reason!.id }),
    ),
  );
  const codes = results.map(codeOf);
  expect(codes.filter((code) => code === "ok")).toHaveLength(1);
  expect(codes.filter((code) => code === "CONFLICT")).toHaveLength(99);
  const winner = (
    results[codes.indexOf("ok")] as PromiseFulfilledResult<Awaited<ReturnType<Caller["applications"]["move"]>>>
  ).value;
  const stored = await writer.applications.get({ id: app.id });
  expect(stored).toEqual(winner);
  expect(stored.version).toBe(app.version + 1);
  // A move enters Screening (and stamps the entry); a rejection stays in Applied. Either way it is the winner's alone.
  expect(stored.stageName).toBe(stored.outcome === "active" ? "Screening" : "Applied");
  expect(stored.stageEnteredAt.getTime() > app.stageEnteredAt.getTime()).toBe(stored.outcome === "active");

  // The counters and the history saw one change, not a hundred.
  const after = await writer.jobs.get({ id: job.id });
  expect(after.counts).toEqual({
    active: stored.outcome === "active" ? 1 : 0,
    hired: 0,
    rejected: stored.outcome === "rejected" ? 1 : 0,
    withdrawn: 0,
  });
  expect(after.stages.map((s) => s.count)).toEqual(
    job.stages.map((s) => (s.id === screening.id && stored.outcome === "active" ? 1 : 0)),
  );
  const [moves] = await db.orm.em
    .fork()
    .execute<{ n: string }[]>("select count(*) as n from application_moves where application_id = ?", [app.id]);
  expect(Number(moves!.n)).toBe(2);
});
