/** Concurrent calls on a small connection pool, and racing saves of one record. */
import { beforeAll, expect, test } from "vitest";
import { callerFor, createUser, rowCounts, signedIn, useTestApi, type Caller } from "./helpers";

// Two connections: a call that held one while waiting for another would starve the pool.
const { db, deps } = useTestApi({ env: { DB_POOL_MAX: "2", DB_CONNECT_TIMEOUT_MS: "10000" } });
let writer: Caller;
beforeAll(async () => {
  writer = (await signedIn(deps, "recruiter")).caller;
});

const statuses = (results: PromiseSettledResult<unknown>[]) =>
  results.map((r) => (r.status === "fulfilled" ? "ok" : String((r.reason as { code?: string }).code)));

test("more concurrent writes than pooled connections all succeed", async () => {
  const results = await Promise.allSettled([
    ...Array.from({ length: 6 }, (_, i) =>
      writer.candidates.create({
        name: `Parallel ${i}`,
        email: `p${i}@example.com`,
        role: "Engineer",
        company: "Acme",
      }),
    ),
    writer.candidates.importBatch({
      rows: [{ line: 2, data: { name: "Imported", email: "imp@example.com", role: "Engineer", company: "Acme" } }],
    }),
    // Setup takes its lock inside its transaction too (and finds Shortlist already set up).
    callerFor(deps).auth.setup({ email: "late@example.com", name: "Late", password: "a long enough password" }),
  ]);
  expect(statuses(results)).toEqual([...Array(7).fill("ok"), "CONFLICT"]);
  expect(await rowCounts(db.orm, ["candidates"])).toEqual({ candidates: 7 });
});

test("two saves racing from the same version: exactly one wins, the other is a CONFLICT", async () => {
  const c = await writer.candidates.create({
    name: "Raced",
    email: "raced@example.com",
    role: "Engineer",
    company: "Race",
  });
  const results = await Promise.allSettled([
    writer.candidates.update({ id: c.id, version: 1, name: "Winner A" }),
    writer.candidates.update({ id: c.id, version: 1, name: "Winner B" }),
  ]);
  expect(statuses(results).sort()).toEqual(["CONFLICT", "ok"]);
  const winner = results.find((r) => r.status === "fulfilled")!.value as { name: string };
  expect(await writer.candidates.get({ id: c.id })).toMatchObject({ name: winner.name, version: 2 });
});

test("concurrent wrong passwords on a small pool are each refused and each counted", async () => {
  const { email } = await createUser(db.orm, "viewer");
  const attempts = Array.from({ length: 4 }, (_, i) =>
    callerFor(deps, { ip: `10.8.0.${i}` }).auth.login({ email, password: "a wrong password" }),
  );
  expect(statuses(await Promise.allSettled(attempts))).toEqual(Array(4).fill("UNAUTHORIZED"));
  const [throttle] = await db.orm.em
    .fork()
    .execute<{ failures: number }[]>("select failures from login_throttles where key = ?", [`account:${email}`]);
  expect(throttle?.failures).toBe(4);
});
