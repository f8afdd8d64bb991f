/**
 * Many creates through batched HTTP requests (`?batch=1`, as the SPA's and the
 * CLI's httpBatchLink send them): every call of a batch runs in a transaction
 * of its own, so all 200 land, the counts agree, and one failing call in a
 * batch leaves the writes of its neighbours intact.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { useTestDatabase } from "@shortlist/db/testing";
import { createUser, PASSWORD } from "../../../../packages/api/test/helpers";
import { serveApp, tokenClient, type TrpcHttp } from "./helpers";

const db = useTestDatabase();
let app: Awaited<ReturnType<typeof serveApp>>;
let api: TrpcHttp;
beforeAll(async () => {
  app = await serveApp(db);
  const { url } = app;
  const user = await createUser(db.orm, "recruiter");
  api = await tokenClient(url, user.email, PASSWORD);
});
afterAll(async () => {
  await app?.close();
});

const candidate = (company: string, n: number, overrides: Record<string, unknown> = {}) => ({
  name: `Batch ${n}`,
  // An email is one person across companies: each company's batch has its own.
  email: `${company.toLowerCase()}-batch${n}@example.com`,
  role: "Engineer",
  company,
  assessmentDomains: ["backend"],
  ...overrides,
});

/** The people filed under a job at the company. */
async function companyRows(company: string) {
  return db.orm.em.fork().execute<{ email: string; name: string }[]>(
    `select c.email, c.name from candidates c join applications a on a.candidate_id = c.id
     join jobs j on j.id = a.job_id where j.company = ? order by c.email`,
    [company],
  );
}

test("200 concurrent creates in 20 batched requests of 10: all stored once, stats count them", async () => {
  // Each batch files its 10 people under a job of its own at BatchCo: a batch's calls race for their job's row (its
  // counters), the batches run side by side. (Creates into one job wait for each other, lock held to commit.)
  const batches = await Promise.all(
    Array.from({ length: 20 }, (_, b) =>
      api.batch<{ id: string; email: string }>(
        "candidates.create",
        Array.from({ length: 10 }, (_, i) => candidate("BatchCo", b * 10 + i, { role: `Engineer ${b}` })),
      ),
    ),
  );
  for (const { status, results } of batches) {
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(status).toBe(200);
  }
  const ids = batches.flatMap((b) => b.results.map((r) => (r.ok ? r.data.id : null)));
  expect(new Set(ids).size).toBe(200);

  const rows = await companyRows("BatchCo");
  expect(rows).toHaveLength(200);
  expect(new Set(rows.map((r) => r.email)).size).toBe(200);

  const stats = await api.query<{ total: number; byOutcome: Record<string, number> }>("candidates.stats", {
    company: "BatchCo",
  });
  // The counters of the 20 jobs, each create adding to its job's under the job's lock.
  expect(stats.ok && stats.data).toEqual({
    total: 200,
    byOutcome: { active: 200, hired: 0, rejected: 0, withdrawn: 0 },
  });
  const page = await api.query<{ items: unknown[] }>("candidates.list", { company: "BatchCo", limit: 200 });
  expect(page.ok && page.data.items).toHaveLength(200);
});

test("one failing call in a batch (a duplicate, an invalid row) leaves its neighbours' writes intact", async () => {
  const existing = await api.mutation("candidates.create", candidate("IsoCo", 100));
  expect(existing.ok).toBe(true);

  const inputs = Array.from({ length: 10 }, (_, i) => candidate("IsoCo", i));
  inputs[3] = candidate("IsoCo", 3, { email: "ISOCO-BATCH100@example.com" }); // an email a person has: CONFLICT at the database
  inputs[6] = candidate("IsoCo", 6, { email: "not an email" }); // refused by validation
  inputs[8] = candidate("IsoCo", 8, { name: "Nul\u0000byte" }); // refused by validation (Postgres cannot store it)

  const { status, results } = await api.batch("candidates.create", inputs);
  expect(status).toBe(207);
  expect(results.map((r) => (r.ok ? "ok" : r.error.code))).toEqual([
    "ok",
    "ok",
    "ok",
    "CONFLICT",
    "ok",
    "ok",
    "BAD_REQUEST",
    "ok",
    "BAD_REQUEST",
    "ok",
  ]);
  for (const r of results) if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);

  const stored = (await companyRows("IsoCo")).map((r) => r.email).sort();
  expect(stored).toEqual(
    ["batch0", "batch1", "batch100", "batch2", "batch4", "batch5", "batch7", "batch9"]
      .map((e) => `isoco-${e}@example.com`)
      .sort(),
  );

  // A failing call in the middle of a batch of mutations on one record does not roll back the others either.
  const c = await api.mutation<{ id: string; version: number }>("candidates.create", candidate("IsoCo", 200));
  if (!c.ok) throw new Error(c.error.message);
  const mixed = await api.batch("candidates.update", [
    { id: c.data.id, version: 1, name: "First edit" },
    { id: c.data.id, version: 1, name: "Stale edit" },
    { id: c.data.id, version: 2, recruiterNotes: "Second edit" },
  ]);
  const codes = mixed.results.map((r) => (r.ok ? "ok" : r.error.code));
  // The calls of one batch run concurrently: exactly one of the two version-1 edits wins; the version-2 edit
  // lands only if it ran after the winner. Whatever the interleaving, the stored row is what the winners wrote.
  expect(codes.slice(0, 2).sort()).toEqual(["CONFLICT", "ok"]);
  const [row] = await db.orm.em
    .fork()
    .execute<{ name: string; recruiter_notes: string | null; version: number }[]>(
      "select name, recruiter_notes, version from candidates where id = ?",
      [c.data.id],
    );
  const winnerName = codes[0] === "ok" ? "First edit" : "Stale edit";
  expect(row).toEqual(
    codes[2] === "ok"
      ? { name: winnerName, recruiter_notes: "Second edit", version: 3 }
      : { name: winnerName, recruiter_notes: null, version: 2 },
  );
});
