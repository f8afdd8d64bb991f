/** Candidates: the record's life (create, read, edit, delete), validation, conflicts, status workflow and consent. */
import { randomBytes } from "node:crypto";
import { beforeAll, expect, test } from "vitest";
import type { CandidateDTO } from "@shortlist/api";
import type { CandidateStatus } from "@shortlist/db/constants";
import { errorShape, rejection, signedIn, useTestApi, type Caller } from "./helpers";

const { deps } = useTestApi();
let recruiter: Caller;
let viewer: Caller;
beforeAll(async () => {
  recruiter = (await signedIn(deps, "recruiter")).caller;
  viewer = (await signedIn(deps, "viewer")).caller;
});

/** A company of its own per test, so tests never see each other's rows. */
const newCompany = () => `Company ${randomBytes(4).toString("hex")}`;
const person = (company: string, name: string, email: string) => ({ name, email, role: "Engineer", company });

test("John Doe and then Martha Smith are both listed and counted (seed 000 lost Martha)", async () => {
  const company = newCompany();
  const john = await recruiter.candidates.create(person(company, "John Doe", "john@example.com"));
  const martha = await recruiter.candidates.create(person(company, "Martha Smith", "martha@example.com"));

  const page = await viewer.candidates.list({ company });
  expect(page.items.map((c) => c.name)).toEqual(["Martha Smith", "John Doe"]);
  expect(page.items.map((c) => c.id)).toEqual([martha.id, john.id]);
  const stats = await viewer.candidates.stats({ company });
  expect(stats.total).toBe(2);
  expect(stats.byStatus).toEqual({ pending: 2, invited: 0, in_progress: 0, completed: 0, rejected: 0, hired: 0 });
});

test("create, get, update and delete a candidate", async () => {
  const company = newCompany();
  const created = await recruiter.candidates.create({
    ...person(company, "  Ada Lovelace ", " ada@example.com "),
    assessmentDomains: ["math", "math", "engines"],
    recruiterNotes: "  ",
    resumeUrl: "",
  });
  expect(created).toMatchObject({
    name: "Ada Lovelace",
    email: "ada@example.com",
    status: "pending",
    consentGiven: false,
    consentTimestamp: null,
    assessmentDomains: ["math", "engines"],
    recruiterNotes: null,
    resumeUrl: null,
    assessmentStart: null,
    assessmentEnd: null,
    version: 1,
  });
  expect(await viewer.candidates.get({ id: created.id })).toEqual({ ...created, erased: false });

  const updated = await recruiter.candidates.update({
    id: created.id,
    version: 1,
    role: "Analyst",
    recruiterNotes: "Strong on theory",
    resumeUrl: "https://example.com/ada.pdf",
  });
  expect(updated).toMatchObject({
    role: "Analyst",
    recruiterNotes: "Strong on theory",
    name: "Ada Lovelace",
    version: 2,
  });
  expect(await viewer.candidates.get({ id: created.id })).toEqual({ ...updated, erased: false });

  expect(await recruiter.candidates.delete({ id: created.id, version: 2 })).toEqual({ id: created.id, deleted: true });
  const missing = await rejection(viewer.candidates.get({ id: created.id }));
  expect(missing.code).toBe("NOT_FOUND");
  expect(missing.message).toBe(`Candidate ${created.id} was not found`);
  expect((await rejection(recruiter.candidates.update({ id: created.id, version: 2, name: "X" }))).code).toBe(
    "NOT_FOUND",
  );
});

test("validation errors name each field and its problem, and nothing is written", async () => {
  const company = newCompany();
  const error = await rejection(
    recruiter.candidates.create({
      name: "   ",
      email: "not-an-email",
      role: "Engineer",
      company,
      resumeUrl: "ftp://x.org/cv",
    }),
  );
  expect(error.code).toBe("BAD_REQUEST");
  const shape = errorShape(error);
  expect(shape.data.fieldErrors).toEqual(
    expect.arrayContaining([
      { path: "name", message: "Enter the name" },
      { path: "email", message: "Enter a valid email address" },
      { path: "resumeUrl", message: expect.any(String) },
    ]),
  );
  expect(shape.message).toMatch(/^Invalid input: .*name: Enter the name.*email: Enter a valid email address/);

  const unknownField = errorShape(
    await rejection(recruiter.candidates.create({ ...person(company, "A", "a@x.io"), salary: 1 } as never)),
  );
  expect(unknownField.data.fieldErrors).toEqual([{ path: "salary", message: "Unknown field" }]);
  expect((await viewer.candidates.stats({ company })).total).toBe(0);
});

test("an email is unique per company, case-insensitively; the conflict names who holds it", async () => {
  const company = newCompany();
  const john = await recruiter.candidates.create(person(company, "John Doe", "john@example.com"));
  const duplicate = await rejection(
    recruiter.candidates.create(person(company.toUpperCase(), "Johnny", "JOHN@Example.COM")),
  );
  expect(duplicate.code).toBe("CONFLICT");
  expect(duplicate.message).toContain("John Doe");
  expect(duplicate.message).toContain(john.id);

  const elsewhere = await recruiter.candidates.create(person(newCompany(), "John Doe", "john@example.com"));
  expect(elsewhere.email).toBe("john@example.com");

  const jane = await recruiter.candidates.create(person(company, "Jane Roe", "jane@example.com"));
  const taken = await rejection(recruiter.candidates.update({ id: jane.id, version: 1, email: "John@example.com" }));
  expect(taken.code).toBe("CONFLICT");
  expect(taken.message).toContain(john.id);
  expect(await viewer.candidates.get({ id: jane.id })).toEqual({ ...jane, erased: false });
  // Changing only the case of one's own email is no conflict (and, lower-cased by the one email rule, no change).
  expect((await recruiter.candidates.update({ id: jane.id, version: 1, email: "Jane@Example.com" })).email).toBe(
    "jane@example.com",
  );
});

test("a save carrying a stale version is a CONFLICT and leaves the row as it was", async () => {
  const created = await recruiter.candidates.create(person(newCompany(), "Stale Steve", "steve@example.com"));
  const first = await recruiter.candidates.update({ id: created.id, version: 1, name: "Steve One" });
  const stale = await rejection(
    recruiter.candidates.update({ id: created.id, version: 1, name: "Steve Two", status: "invited" }),
  );
  expect(stale.code).toBe("CONFLICT");
  expect(stale.message).toMatch(/someone else saved .* first; reload/i);
  expect(await viewer.candidates.get({ id: created.id })).toEqual({ ...first, erased: false });

  expect((await rejection(recruiter.candidates.delete({ id: created.id, version: 1 }))).code).toBe("CONFLICT");
  expect(await viewer.candidates.get({ id: created.id })).toEqual({ ...first, erased: false });
});

/** The workflow as the issue states it: pending → invited → in_progress → completed; rejected or hired from any open state. */
const LEGAL: Record<CandidateStatus, CandidateStatus[]> = {
  pending: ["invited", "rejected", "hired"],
  invited: ["in_progress", "rejected", "hired"],
  in_progress: ["completed", "rejected", "hired"],
  completed: ["rejected", "hired"],
  rejected: [],
  hired: [],
};
const PATH_TO: Record<CandidateStatus, CandidateStatus[]> = {
  pending: [],
  invited: ["invited"],
  in_progress: ["invited", "in_progress"],
  completed: ["invited", "in_progress", "completed"],
  rejected: ["rejected"],
  hired: ["hired"],
};
const STATUSES = Object.keys(LEGAL) as CandidateStatus[];

async function candidateIn(status: CandidateStatus, company: string): Promise<CandidateDTO> {
  let c = await recruiter.candidates.create(
    person(company, `In ${status}`, `${randomBytes(4).toString("hex")}@example.com`),
  );
  for (const step of PATH_TO[status])
    c = await recruiter.candidates.update({ id: c.id, version: c.version, status: step });
  expect(c.status).toBe(status);
  return c;
}

test("every legal status move works and every illegal one is BAD_REQUEST naming from, to and what is allowed", async () => {
  const company = newCompany();
  const outcomes: string[] = [];
  for (const from of STATUSES) {
    for (const to of STATUSES.filter((s) => s !== from)) {
      const c = await candidateIn(from, company);
      const call = recruiter.candidates.update({ id: c.id, version: c.version, status: to });
      if (LEGAL[from].includes(to)) {
        expect(await call).toMatchObject({ status: to, version: c.version + 1 });
        continue;
      }
      const error = await rejection(call);
      const allowed = LEGAL[from].length ? LEGAL[from].join(", ") : "nothing (final state)";
      outcomes.push(`${from}->${to}: ${error.code} ${error.message}`);
      expect(error.message).toBe(`Cannot move from ${from} to ${to}; allowed from ${from}: ${allowed}`);
      expect(await viewer.candidates.get({ id: c.id })).toEqual({ ...c, erased: false });
    }
  }
  expect(outcomes.every((o) => o.includes(": BAD_REQUEST "))).toBe(true);
  expect(outcomes).toHaveLength(30 - Object.values(LEGAL).flat().length);
});

test("in_progress stamps assessmentStart and completed stamps assessmentEnd", async () => {
  const c = await candidateIn("invited", newCompany());
  expect([c.assessmentStart, c.assessmentEnd]).toEqual([null, null]);
  const started = await recruiter.candidates.update({ id: c.id, version: c.version, status: "in_progress" });
  expect(started.assessmentStart).toBeInstanceOf(Date);
  expect(started.assessmentEnd).toBeNull();
  const completed = await recruiter.candidates.update({ id: c.id, version: started.version, status: "completed" });
  expect(completed.assessmentStart).toEqual(started.assessmentStart);
  expect(completed.assessmentEnd).toBeInstanceOf(Date);
  expect(completed.assessmentEnd!.getTime()).toBeGreaterThanOrEqual(started.assessmentStart!.getTime());
  expect(await viewer.candidates.get({ id: c.id })).toEqual({ ...completed, erased: false });
});

test("recording consent stamps its time; withdrawing clears it", async () => {
  const company = newCompany();
  const c = await recruiter.candidates.create(person(company, "Connie Sent", "connie@example.com"));
  const given = await recruiter.candidates.update({ id: c.id, version: 1, consentGiven: true });
  expect(given.consentGiven).toBe(true);
  expect(given.consentTimestamp).toBeInstanceOf(Date);
  // Recording it again keeps the original time.
  const again = await recruiter.candidates.update({
    id: c.id,
    version: given.version,
    consentGiven: true,
    role: "Lead",
  });
  expect(again.consentTimestamp).toEqual(given.consentTimestamp);

  const withdrawn = await recruiter.candidates.update({ id: c.id, version: again.version, consentGiven: false });
  expect(withdrawn).toMatchObject({ consentGiven: false, consentTimestamp: null });
  expect(await viewer.candidates.get({ id: c.id })).toEqual({ ...withdrawn, erased: false });

  const atCreation = await recruiter.candidates.create({
    ...person(company, "Early Bird", "early@example.com"),
    consentGiven: true,
  });
  expect(atCreation.consentTimestamp).toBeInstanceOf(Date);
});
