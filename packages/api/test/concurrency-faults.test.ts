/**
 * Racing writers on one record: 100 concurrent updates of one candidate, all
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
  role: `Role ${i}`,
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
      role: string;
      recruiter_notes: string;
      assessment_domains: string[];
      consent_given: boolean;
      version: number;
    }[]
  >("select name, role, recruiter_notes, assessment_domains, consent_given, version from candidates where id = ?", [c.id]);
  expect(row).toEqual({
    name: expected.name,
    role: expected.role,
    recruiter_notes: expected.recruiterNotes,
    assessment_domains: expected.assessmentDomains,
    consent_given: expected.consentGiven,
    version: 2,
  });

  // The next save from the version the winner returned goes through: the row is not left locked or stale.
  const next = await writer.candidates.update({ id: c.id, version: 2, name: "After the race" });
  expect(next).toMatchObject({ name: "After the race", role: expected.role, version: 3 });
});

test("100 concurrent status moves from one version: one transition applied, its timestamps set once", async () => {
  const c = await writer.candidates.create({
    name: "Mover",
    email: "mover@example.com",
    role: "Engineer",
    company: "RaceCo",
  });
  const invited = await writer.candidates.update({ id: c.id, version: c.version, status: "invited" });
  const results = await Promise.allSettled(
    Array.from({ length: 100 }, (_, i) =>
      writer.candidates.update({ id: c.id, version: invited.version, status: i % 2 ? "in_progress" : "rejected" }),
    ),
  );
  const codes = results.map(codeOf);
  expect(codes.filter((code) => code === "ok")).toHaveLength(1);
  expect(codes.filter((code) => code === "CONFLICT")).toHaveLength(99);
  const winner = (results[codes.indexOf("ok")] as PromiseFulfilledResult<{ status: string }>).value;
  const stored = await writer.candidates.get({ id: c.id });
  expect(stored.status).toBe(winner.status);
  expect(stored.version).toBe(invited.version + 1);
  // in_progress stamps the assessment start; rejected leaves it unset. Either way it matches the winner alone.
  expect(stored.assessmentStart !== null).toBe(winner.status === "in_progress");
});
