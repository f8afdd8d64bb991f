/** Candidate lists: filters, search, keyset pagination, stats and batch import. */
import { randomBytes } from "node:crypto";
import { beforeAll, expect, test } from "vitest";
import { rejection, signedIn, useTestApi, type Caller } from "./helpers";

const { db, deps } = useTestApi();
let recruiter: Caller;
beforeAll(async () => {
  recruiter = (await signedIn(deps, "recruiter")).caller;
});

const hex = () => randomBytes(4).toString("hex");
const newCompany = () => `Company ${hex()}`;
/** An email of its own: an email is one person across every company. */
const mail = (local: string, domain = "example.com") => `${local}-${hex()}@${domain}`;
const row = (company: string, name: string, email: string, extra: object = {}) => ({
  name,
  email,
  role: "Engineer",
  company,
  ...extra,
});
/** Newest first, also under a search (which ranks by relevance unless told otherwise). */
const names = async (filters: Parameters<Caller["candidates"]["list"]>[0]) =>
  (await recruiter.candidates.list({ limit: 200, sort: "added", ...filters })).items.map((c) => c.name);

test("filters by outcome, job, stage, company, role (case-insensitively) and domain; search is a case-insensitive substring with % and _ taken literally", async () => {
  const company = newCompany();
  const ana = await recruiter.candidates.create(
    row(company, "Ana Lima", mail("ana", "lima.dev"), { assessmentDomains: ["python", "ml"] }),
  );
  const bob = await recruiter.candidates.create(
    row(company, "Bob 100% Sure", mail("bob"), { role: "Designer", assessmentDomains: ["figma"] }),
  );
  await recruiter.candidates.create(row(company, "Cy_Under", mail("cy"), { assessmentDomains: ["mlops"] }));
  await recruiter.candidates.create(row(company, "Dee Dash", mail("dee_x"), { role: "Designer" }));
  await recruiter.candidates.create(
    row(newCompany(), "Ana Elsewhere", mail("ana", "elsewhere.dev"), { assessmentDomains: ["ml"] }),
  );
  const engineering = await recruiter.jobs.get({ id: ana.application!.jobId });
  const screening = engineering.stages.find((s) => s.name === "Screening")!;
  await recruiter.applications.move({ id: ana.application!.id, version: 1, stageId: screening.id });
  const [reason] = await recruiter.rejectionReasons.list();
  await recruiter.applications.reject({ id: bob.application!.id, version: 1, reasonId: reason!.id });

  expect(await names({ company })).toEqual(["Dee Dash", "Cy_Under", "Bob 100% Sure", "Ana Lima"]);
  expect(await names({ company, outcome: "rejected" })).toEqual(["Bob 100% Sure"]);
  expect(await names({ company, outcome: "active" })).toEqual(["Dee Dash", "Cy_Under", "Ana Lima"]);
  expect(await names({ company, outcome: "hired" })).toEqual([]);
  expect(await names({ jobId: engineering.id })).toEqual(["Cy_Under", "Ana Lima"]);
  expect(await names({ stageId: screening.id })).toEqual(["Ana Lima"]);
  expect(await names({ company, role: "Designer" })).toEqual(["Dee Dash", "Bob 100% Sure"]);
  expect(await names({ company, role: "dESIGNER" })).toEqual(["Dee Dash", "Bob 100% Sure"]);
  expect(await names({ company, domain: "ml" })).toEqual(["Ana Lima"]);
  expect(await names({ domain: "ml" })).toEqual(["Ana Elsewhere", "Ana Lima"]);
  expect(await names({ company, search: "aNA li" })).toEqual(["Ana Lima"]);
  expect(await names({ company, search: "LIMA.DEV" })).toEqual(["Ana Lima"]);
  expect(await names({ company, search: "%" })).toEqual(["Bob 100% Sure"]);
  expect(await names({ company, search: "0% s" })).toEqual(["Bob 100% Sure"]);
  expect(await names({ company, search: "_" })).toEqual(["Dee Dash", "Cy_Under"]);
  expect(await names({ company, search: "nobody" })).toEqual([]);
  // Filters match through the person's applications, whatever the case: "testcorp" finds TestCorp's people.
  expect(await names({ company: company.toLowerCase() })).toEqual([
    "Dee Dash",
    "Cy_Under",
    "Bob 100% Sure",
    "Ana Lima",
  ]);
  // One application has to match every application filter: Bob's rejection was for Designer, not Engineer.
  expect(await names({ company, role: "Engineer", outcome: "rejected" })).toEqual([]);
});

test("stats count applications per outcome from the jobs' counters under the job filters, and none under the others", async () => {
  const company = newCompany();
  const a = await recruiter.candidates.create(row(company, "Ann", mail("ann"), { assessmentDomains: ["go"] }));
  const b = await recruiter.candidates.create(row(company, "Ben", mail("ben"), { role: "Designer" }));
  await recruiter.candidates.create(row(company, "Cat", mail("cat")));
  await recruiter.candidates.create(row(newCompany(), "Dan", mail("dan")));
  const engineering = await recruiter.jobs.get({ id: a.application!.jobId });
  const hired = engineering.stages.find((s) => s.kind === "hired")!;
  await recruiter.applications.move({ id: a.application!.id, version: 1, stageId: hired.id });
  const [reason] = await recruiter.rejectionReasons.list();
  await recruiter.applications.reject({ id: b.application!.id, version: 1, reasonId: reason!.id });

  const zero = { active: 0, hired: 0, rejected: 0, withdrawn: 0 };
  expect(await recruiter.candidates.stats({ company })).toEqual({
    total: 3,
    byOutcome: { ...zero, active: 1, hired: 1, rejected: 1 },
  });
  expect(await recruiter.candidates.stats({ company: company.toUpperCase(), role: "engineer" })).toEqual({
    total: 2,
    byOutcome: { ...zero, active: 1, hired: 1 },
  });
  expect(await recruiter.candidates.stats({ jobId: b.application!.jobId })).toEqual({
    total: 1,
    byOutcome: { ...zero, rejected: 1 },
  });
  // A second application of the same person counts too: the chips count applications, not people.
  await recruiter.applications.create({ candidateId: a.id, jobId: b.application!.jobId });
  expect((await recruiter.candidates.stats({ company })).byOutcome).toEqual({
    ...zero,
    active: 2,
    hired: 1,
    rejected: 1,
  });
  const noCounter = { total: null, byOutcome: null };
  expect(await recruiter.candidates.stats({ company, domain: "go" })).toEqual(noCounter);
  expect(await recruiter.candidates.stats({ company, search: "BEN" })).toEqual(noCounter);
  expect(await recruiter.candidates.stats({ company, tag: "x" })).toEqual(noCounter);
  expect(await recruiter.candidates.stats({ stageId: hired.id })).toEqual(noCounter);
  expect((await rejection(recruiter.candidates.stats({ company, outcome: "hired" } as never))).code).toBe(
    "BAD_REQUEST",
  );
});

test("cursor pagination walks every row exactly once, newest first, even when rows share a created_at", async () => {
  const company = newCompany();
  const ids = new Set<string>();
  for (let i = 0; i < 30; i++)
    ids.add((await recruiter.candidates.create(row(company, `Single ${i}`, mail(`s${i}`)))).id);
  // One import statement: these 27 rows get the very same created_at.
  const imported = await recruiter.candidates.importBatch({
    rows: Array.from({ length: 27 }, (_, i) => ({
      line: i + 2,
      data: row(company, `Batch ${i}`, mail(`b${i}`)),
    })),
  });
  expect(imported.created).toBe(27);
  const sameStamp = await db.orm.em.fork().execute<{ n: string }[]>(
    `select count(distinct c.created_at) as n from candidates c join applications a on a.candidate_id = c.id
         join jobs j on j.id = a.job_id where j.company = ? and c.name like 'Batch%'`,
    [company],
  );
  expect(sameStamp[0]!.n).toBe("1");

  const seen: { id: string; createdAt: Date }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Awaited<ReturnType<Caller["candidates"]["list"]>> = await recruiter.candidates.list({
      company,
      limit: 10,
      cursor,
    });
    seen.push(...page.items.map((c) => ({ id: c.id, createdAt: c.createdAt })));
    cursor = page.nextCursor;
    pages++;
    expect(pages).toBeLessThanOrEqual(6);
  } while (cursor);

  expect(pages).toBe(6);
  expect(seen).toHaveLength(57);
  expect(new Set(seen.map((c) => c.id)).size).toBe(57);
  expect(seen.filter((c) => ids.has(c.id))).toHaveLength(30);
  const newestFirst = [...seen].sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : 1));
  expect(seen).toEqual(newestFirst);
  // The batch was imported last, so it fills the first pages.
  expect(seen.slice(0, 27).every((c) => !ids.has(c.id))).toBe(true);
});

test("a cursor that candidates.list did not hand out is BAD_REQUEST", async () => {
  const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const id = "0b6c2f64-9a43-4e0b-8d43-1f1c3b1f6f00";
  const cursors = [
    "garbage!",
    forged({ a: 1 }),
    forged(["not a date", id]),
    forged(["2026-01-01T00:00:00.000Z", "-".repeat(36)]),
    forged(["-271821-04-20T00:00:00.000Z", id]),
  ];
  for (const cursor of cursors) {
    const error = await rejection(recruiter.candidates.list({ cursor }));
    expect({ cursor, code: error.code }).toEqual({ cursor, code: "BAD_REQUEST" });
    expect(error.message).toMatch(/cursor/);
  }
});

test("importBatch creates valid rows, rejects invalid ones with line and reason, and skips duplicates", async () => {
  const company = newCompany();
  const existing = await recruiter.candidates.create(row(company, "Already Here", "here@example.com"));
  const batch = {
    rows: [
      {
        line: 2,
        data: row(company, "Ivy Import", "ivy@example.com", { consentGiven: true, assessmentDomains: ["sql"] }),
      },
      { line: 3, data: row(company, "Bad Mail", "not-an-email") },
      { line: 4, data: row(company, "Jon Import", "jon@example.com") },
      { line: 5, data: row(company.toUpperCase(), "Ivy Again", "IVY@example.com") },
      { line: 6, data: { email: "noname@example.com", role: "X", company } },
      { line: 7, data: row(company, "Here Again", "HERE@example.com") },
      { line: 8, data: "not an object" },
      // The same email at another company is the same person: skipped too.
      { line: 9, data: row(newCompany(), "Ivy Elsewhere", "ivy@example.com") },
    ],
  };
  const result = await recruiter.candidates.importBatch(batch);
  const lines = (r: typeof result, outcome: string) =>
    r.results.filter((x) => x.outcome === outcome).map((x) => x.line);
  // One result per row, in the order sent, each with its line; created rows carry their new id.
  expect(result.results.map((r) => [r.line, r.outcome])).toEqual([
    [2, "created"],
    [3, "rejected"],
    [4, "created"],
    [5, "skipped"],
    [6, "rejected"],
    [7, "skipped"],
    [8, "rejected"],
    [9, "skipped"],
  ]);
  expect([result.created, result.skipped, result.rejected]).toEqual([2, 3, 3]);
  expect(lines(result, "created")).toEqual([2, 4]);
  expect(lines(result, "skipped")).toEqual([5, 7, 9]);
  expect(result.results[1]!.problems).toEqual([{ line: 3, path: "email", message: "Enter a valid email address" }]);
  expect(result.results[4]!.problems).toEqual([{ line: 6, path: "name", message: expect.any(String) }]);
  expect(result.results[6]!.problems).toEqual([{ line: 8, path: "(input)", message: expect.any(String) }]);

  const stored = (await recruiter.candidates.list({ company })).items;
  expect(stored.map((c) => c.name).sort()).toEqual(["Already Here", "Ivy Import", "Jon Import"]);
  const ivy = stored.find((c) => c.name === "Ivy Import")!;
  expect(ivy).toMatchObject({
    email: "ivy@example.com",
    consentGiven: true,
    assessmentDomains: ["sql"],
    version: 1,
  });
  expect(ivy.consentTimestamp).toBeInstanceOf(Date);
  expect(result.results[0]!.id).toBe(ivy.id);
  // Filed under the job named by role and company, in its first stage.
  expect((await recruiter.candidates.get({ id: ivy.id })).applications).toEqual([
    expect.objectContaining({ jobTitle: "Engineer", company, stageName: "Applied", outcome: "active" }),
  ]);
  const { application, ...record } = existing;
  expect(stored.find((c) => c.id === existing.id)).toMatchObject({
    ...record,
    applications: [expect.objectContaining({ jobId: application!.jobId, stageName: "Applied", outcome: "active" })],
  });

  const rerun = await recruiter.candidates.importBatch(batch);
  expect([rerun.created, rerun.skipped, rerun.rejected]).toEqual([0, 5, 3]);
  expect(lines(rerun, "skipped")).toEqual([2, 4, 5, 7, 9]);
  expect(rerun.results.filter((r) => r.outcome === "rejected")).toEqual(
    result.results.filter((r) => r.outcome === "rejected"),
  );
  expect((await recruiter.candidates.stats({ company })).total).toBe(3);
});
