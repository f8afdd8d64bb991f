/** Candidates: the person's record (create, read, edit, delete), validation, conflicts, one email per person, consent. */
import { randomBytes } from "node:crypto";
import { beforeAll, expect, test } from "vitest";
import { errorShape, rejection, signedIn, useTestApi, type Caller } from "./helpers";

const { deps } = useTestApi();
let recruiter: Caller;
let viewer: Caller;
beforeAll(async () => {
  recruiter = (await signedIn(deps, "recruiter")).caller;
  viewer = (await signedIn(deps, "viewer")).caller;
});

const hex = () => randomBytes(4).toString("hex");
/** A company of its own per test, so tests never see each other's rows. */
const newCompany = () => `Company ${hex()}`;
/** An email of its own: an email is one person across every company. */
const mail = (local: string) => `${local}-${hex()}@example.com`;
const person = (company: string, name: string, email: string) => ({ name, email, role: "Engineer", company });

/** What candidates.get answers for a person just created: the record, their applications, not erased. */
const detailOf = ({ application, ...record }: Awaited<ReturnType<Caller["candidates"]["create"]>>) => ({
  ...record,
  erased: false,
  applications: application ? [application] : [],
});

test("John Doe and then Martha Smith are both listed and counted (seed 000 lost Martha)", async () => {
  const company = newCompany();
  const john = await recruiter.candidates.create(person(company, "John Doe", mail("john")));
  const martha = await recruiter.candidates.create(person(company, "Martha Smith", mail("martha")));

  const page = await viewer.candidates.list({ company });
  expect(page.items.map((c) => c.name)).toEqual(["Martha Smith", "John Doe"]);
  expect(page.items.map((c) => c.id)).toEqual([martha.id, john.id]);
  const stats = await viewer.candidates.stats({ company });
  expect(stats.total).toBe(2);
  expect(stats.byOutcome).toEqual({ active: 2, hired: 0, rejected: 0, withdrawn: 0 });
});

test("create, get, update and delete a candidate", async () => {
  const company = newCompany();
  const email = mail("ada");
  const created = await recruiter.candidates.create({
    ...person(company, "  Ada Lovelace ", ` ${email} `),
    assessmentDomains: ["math", "math", "engines"],
    recruiterNotes: "  ",
    resumeUrl: "",
  });
  expect(created).toMatchObject({
    name: "Ada Lovelace",
    email,
    consentGiven: false,
    consentTimestamp: null,
    assessmentDomains: ["math", "engines"],
    recruiterNotes: null,
    resumeUrl: null,
    version: 1,
    application: { jobTitle: "Engineer", company, stageName: "Applied", outcome: "active", version: 1 },
  });
  expect(created).not.toHaveProperty("status");
  expect(await viewer.candidates.get({ id: created.id })).toEqual(detailOf(created));

  const updated = await recruiter.candidates.update({
    id: created.id,
    version: 1,
    recruiterNotes: "Strong on theory",
    resumeUrl: "https://example.com/ada.pdf",
  });
  expect(updated).toMatchObject({
    recruiterNotes: "Strong on theory",
    resumeUrl: "https://example.com/ada.pdf",
    name: "Ada Lovelace",
    version: 2,
  });
  expect(await viewer.candidates.get({ id: created.id })).toEqual({
    ...updated,
    erased: false,
    applications: [created.application],
  });

  expect(await recruiter.candidates.delete({ id: created.id, version: 2 })).toEqual({ id: created.id, deleted: true });
  const missing = await rejection(viewer.candidates.get({ id: created.id }));
  expect(missing.code).toBe("NOT_FOUND");
  expect(missing.message).toBe(`Candidate ${created.id} was not found`);
  expect((await rejection(recruiter.candidates.update({ id: created.id, version: 2, name: "X" }))).code).toBe(
    "NOT_FOUND",
  );
  expect((await rejection(viewer.applications.get({ id: created.application!.id }))).code).toBe("NOT_FOUND");
});

test("candidates.update takes no status, role or company: those belong to applications", async () => {
  const c = await recruiter.candidates.create(person(newCompany(), "Una Changed", mail("una")));
  for (const field of ["status", "role", "company"]) {
    const error = await rejection(
      recruiter.candidates.update({ id: c.id, version: c.version, [field]: "hired" } as never),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(errorShape(error).data.fieldErrors).toEqual([{ path: field, message: "Unknown field" }]);
  }
  expect(await viewer.candidates.get({ id: c.id })).toEqual(detailOf(c));
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

test("an email is one person across every company, case-insensitively; the conflict names and links who holds it", async () => {
  const company = newCompany();
  const email = mail("john");
  const john = await recruiter.candidates.create(person(company, "John Doe", email));
  const expectHeldByJohn = (error: Awaited<ReturnType<typeof rejection>>) => {
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("John Doe");
    expect(error.message).toContain(john.id);
    expect(errorShape(error).data).toMatchObject({
      reason: "duplicate",
      details: { id: john.id, name: "John Doe", fields: ["email"] },
    });
  };
  expectHeldByJohn(
    await rejection(recruiter.candidates.create(person(company.toUpperCase(), "Johnny", email.toUpperCase()))),
  );
  // Another company is no way round it: the same email is the same person.
  const elsewhere = newCompany();
  expectHeldByJohn(await rejection(recruiter.candidates.create(person(elsewhere, "John Doe", email))));
  expect((await viewer.candidates.stats({ company: elsewhere })).total).toBe(0);
  expect((await viewer.candidates.list({ company: elsewhere })).items).toEqual([]);

  const jane = await recruiter.candidates.create(person(newCompany(), "Jane Roe", mail("jane")));
  expectHeldByJohn(
    await rejection(recruiter.candidates.update({ id: jane.id, version: 1, email: email.replace("john", "John") })),
  );
  expect(await viewer.candidates.get({ id: jane.id })).toEqual(detailOf(jane));
  // Changing only the case of one's own email is no conflict (and, lower-cased by the one email rule, no change).
  expect(
    (await recruiter.candidates.update({ id: jane.id, version: 1, email: jane.email.replace("jane", "Jane") })).email,
  ).toBe(jane.email);
});

test("a save carrying a stale version is a CONFLICT and leaves the row as it was", async () => {
  const created = await recruiter.candidates.create(person(newCompany(), "Stale Steve", mail("steve")));
  const first = await recruiter.candidates.update({ id: created.id, version: 1, name: "Steve One" });
  const stale = await rejection(
    recruiter.candidates.update({ id: created.id, version: 1, name: "Steve Two", tags: ["late"] }),
  );
  expect(stale.code).toBe("CONFLICT");
  expect(stale.message).toMatch(/someone else saved .* first; reload/i);
  const unchanged = { ...first, erased: false, applications: [created.application] };
  expect(await viewer.candidates.get({ id: created.id })).toEqual(unchanged);

  expect((await rejection(recruiter.candidates.delete({ id: created.id, version: 1 }))).code).toBe("CONFLICT");
  expect(await viewer.candidates.get({ id: created.id })).toEqual(unchanged);
});

test("recording consent stamps its time; withdrawing clears it", async () => {
  const company = newCompany();
  const c = await recruiter.candidates.create(person(company, "Connie Sent", mail("connie")));
  const given = await recruiter.candidates.update({ id: c.id, version: 1, consentGiven: true });
  expect(given.consentGiven).toBe(true);
  expect(given.consentTimestamp).toBeInstanceOf(Date);
  // Recording it again keeps the original time.
  const again = await recruiter.candidates.update({
    id: c.id,
    version: given.version,
    consentGiven: true,
    tags: ["lead"],
  });
  expect(again.consentTimestamp).toEqual(given.consentTimestamp);

  const withdrawn = await recruiter.candidates.update({ id: c.id, version: again.version, consentGiven: false });
  expect(withdrawn).toMatchObject({ consentGiven: false, consentTimestamp: null });
  expect(await viewer.candidates.get({ id: c.id })).toEqual({
    ...withdrawn,
    erased: false,
    applications: [c.application],
  });

  const atCreation = await recruiter.candidates.create({
    ...person(company, "Early Bird", mail("early")),
    consentGiven: true,
  });
  expect(atCreation.consentTimestamp).toBeInstanceOf(Date);
});
