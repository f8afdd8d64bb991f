/** Candidate lists: filters, search, keyset pagination, stats and batch import. */
import { randomBytes } from "node:crypto";
import { beforeAll, expect, test } from "vitest";
import { rejection, signedIn, useTestApi, type Caller } from "./helpers";

const { db, deps } = useTestApi();
let recruiter: Caller;
beforeAll(async () => {
  recruiter = (await signedIn(deps, "recruiter")).caller;
});

const newCompany = () => `Company ${randomBytes(4).toString("hex")}`;
const row = (company: string, name: string, email: string, extra: object = {}) => ({
  name,
  email,
  role: "Engineer",
  company,
  ...extra,
});
const names = async (filters: Parameters<Caller["candidates"]["list"]>[0]) =>
  (await recruiter.candidates.list({ limit: 200, ...filters })).items.map((c) => c.name);

test("filters by status, company, role and domain; search is a case-insensitive substring with % and _ taken literally", async () => {
  const company = newCompany();
  const ana = await recruiter.candidates.create(
    row(company, "Ana Lima", "ana@lima.dev", { assessmentDomains: ["python", "ml"] }),
  );
  await recruiter.candidates.create(
    row(company, "Bob 100% Sure", "bob@example.com", { role: "Designer", assessmentDomains: ["figma"] }),
  );
  await recruiter.candidates.create(row(company, "Cy_Under", "cy@example.com", { assessmentDomains: ["mlops"] }));
  await recruiter.candidates.create(row(company, "Dee Dash", "dee_x@example.com", { role: "Designer" }));
  await recruiter.candidates.create(row(newCompany(), "Ana Elsewhere", "ana@lima.dev", { assessmentDomains: ["ml"] }));
  await recruiter.candidates.update({ id: ana.id, version: ana.version, status: "invited" });

  expect(await names({ company })).toEqual(["Dee Dash", "Cy_Under", "Bob 100% Sure", "Ana Lima"]);
  expect(await names({ company, status: "invited" })).toEqual(["Ana Lima"]);
  expect(await names({ company, status: "pending" })).toEqual(["Dee Dash", "Cy_Under", "Bob 100% Sure"]);
  expect(await names({ company, role: "Designer" })).toEqual(["Dee Dash", "Bob 100% Sure"]);
  expect(await names({ company, domain: "ml" })).toEqual(["Ana Lima"]);
  expect(await names({ domain: "ml" })).toEqual(["Ana Elsewhere", "Ana Lima"]);
  expect(await names({ company, search: "aNA li" })).toEqual(["Ana Lima"]);
  expect(await names({ company, search: "LIMA.DEV" })).toEqual(["Ana Lima"]);
  expect(await names({ company, search: "%" })).toEqual(["Bob 100% Sure"]);
  expect(await names({ company, search: "0% s" })).toEqual(["Bob 100% Sure"]);
  expect(await names({ company, search: "_" })).toEqual(["Dee Dash", "Cy_Under"]);
  expect(await names({ company, search: "nobody" })).toEqual([]);
  expect(await names({ company: company.toLowerCase() })).toEqual([]);
});

test("stats count per status under the other filters", async () => {
  const company = newCompany();
  const a = await recruiter.candidates.create(row(company, "Ann", "ann@example.com", { assessmentDomains: ["go"] }));
  const b = await recruiter.candidates.create(row(company, "Ben", "ben@example.com", { role: "Designer" }));
  await recruiter.candidates.create(row(company, "Cat", "cat@example.com"));
  await recruiter.candidates.create(row(newCompany(), "Dan", "dan@example.com"));
  await recruiter.candidates.update({ id: a.id, version: a.version, status: "hired" });
  await recruiter.candidates.update({ id: b.id, version: b.version, status: "rejected" });

  const zero = { pending: 0, invited: 0, in_progress: 0, completed: 0, rejected: 0, hired: 0 };
  expect(await recruiter.candidates.stats({ company })).toEqual({
    total: 3,
    byStatus: { ...zero, pending: 1, hired: 1, rejected: 1 },
  });
  expect(await recruiter.candidates.stats({ company, role: "Engineer" })).toEqual({
    total: 2,
    byStatus: { ...zero, pending: 1, hired: 1 },
  });
  expect(await recruiter.candidates.stats({ company, domain: "go" })).toEqual({
    total: 1,
    byStatus: { ...zero, hired: 1 },
  });
  expect(await recruiter.candidates.stats({ company, search: "BEN" })).toEqual({
    total: 1,
    byStatus: { ...zero, rejected: 1 },
  });
  expect((await rejection(recruiter.candidates.stats({ company, status: "hired" } as never))).code).toBe("BAD_REQUEST");
});

test("cursor pagination walks every row exactly once, newest first, even when rows share a created_at", async () => {
  const company = newCompany();
  const ids = new Set<string>();
  for (let i = 0; i < 30; i++)
    ids.add((await recruiter.candidates.create(row(company, `Single ${i}`, `s${i}@example.com`))).id);
  // One import statement: these 27 rows get the very same created_at.
  const imported = await recruiter.candidates.importBatch({
    rows: Array.from({ length: 27 }, (_, i) => ({
      line: i + 2,
      data: row(company, `Batch ${i}`, `b${i}@example.com`),
    })),
  });
  expect(imported.created).toBe(27);
  const sameStamp = await db.orm.em
    .fork()
    .execute<{ n: string }[]>(
      "select count(distinct created_at) as n from candidates where company = ? and name like 'Batch%'",
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
  ]);
  expect([result.created, result.skipped, result.rejected]).toEqual([2, 2, 3]);
  expect(lines(result, "created")).toEqual([2, 4]);
  expect(lines(result, "skipped")).toEqual([5, 7]);
  expect(result.results[1]!.problems).toEqual([{ line: 3, path: "email", message: "Enter a valid email address" }]);
  expect(result.results[4]!.problems).toEqual([{ line: 6, path: "name", message: expect.any(String) }]);
  expect(result.results[6]!.problems).toEqual([{ line: 8, path: "(input)", message: expect.any(String) }]);

  const stored = (await recruiter.candidates.list({ company })).items;
  expect(stored.map((c) => c.name).sort()).toEqual(["Already Here", "Ivy Import", "Jon Import"]);
  const ivy = stored.find((c) => c.name === "Ivy Import")!;
  expect(ivy).toMatchObject({
    email: "ivy@example.com",
    status: "pending",
    consentGiven: true,
    assessmentDomains: ["sql"],
    version: 1,
  });
  expect(ivy.consentTimestamp).toBeInstanceOf(Date);
  expect(result.results[0]!.id).toBe(ivy.id);
  expect(stored.find((c) => c.id === existing.id)).toEqual(existing);

  const rerun = await recruiter.candidates.importBatch(batch);
  expect([rerun.created, rerun.skipped, rerun.rejected]).toEqual([0, 4, 3]);
  expect(lines(rerun, "skipped")).toEqual([2, 4, 5, 7]);
  expect(rerun.results.filter((r) => r.outcome === "rejected")).toEqual(
    result.results.filter((r) => r.outcome === "rejected"),
  );
  expect((await recruiter.candidates.stats({ company })).total).toBe(3);
});
