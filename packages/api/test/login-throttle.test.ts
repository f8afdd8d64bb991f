/** Failed sign-ins are limited per account and per address; a lock ends, so nobody can lock an account for good. */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { ContextDeps } from "@shortlist/api";
import { createTestDatabase, type TestDatabase } from "@shortlist/db/testing";
import { callerFor, createUser, PASSWORD, rejection, signIn, testDeps } from "./helpers";

const PER_ACCOUNT = 3;
const PER_ADDRESS = 5;

let db: TestDatabase;
let deps: ContextDeps;
beforeAll(async () => {
  db = await createTestDatabase();
  deps = testDeps(db, {
    LOGIN_MAX_FAILURES_PER_ACCOUNT: String(PER_ACCOUNT),
    LOGIN_MAX_FAILURES_PER_ADDRESS: String(PER_ADDRESS),
  });
});
afterAll(() => db?.dropDatabase());

const login = (email: string, password: string, ip: string) => callerFor(deps, { ip }).auth.login({ email, password });
const codeOf = async (call: Promise<unknown>) => (await rejection(call)).code;
const sessionCount = async (userId: string) =>
  Number(
    (
      await db.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from sessions where user_id = ?", [userId])
    )[0]!.n,
  );

/** As if the lockout period had passed: the lock and its counting window lie in the past. */
async function letLockExpire(key: string) {
  const lockoutSeconds = deps.config.auth.lockoutMs / 1000;
  const changed = await db.orm.em.fork().execute(
    `update login_throttles set locked_until = now() - interval '1 second',
         window_started_at = now() - make_interval(secs => ?) where key = ?`,
    [lockoutSeconds + 60, key],
    "run",
  );
  expect(changed).toMatchObject({ affectedRows: 1 });
}

test(`after ${PER_ACCOUNT} failures the account answers TOO_MANY_REQUESTS, even to the right password, until the lock ends`, async () => {
  const user = await createUser(db.orm, "recruiter");
  for (let i = 0; i < PER_ACCOUNT; i++)
    expect(await codeOf(login(user.email, "wrong password", "10.1.0.1"))).toBe("UNAUTHORIZED");

  const locked = await rejection(login(user.email, PASSWORD, "10.1.0.1"));
  expect(locked.code).toBe("TOO_MANY_REQUESTS");
  expect(locked.message).toMatch(/try again after \d{4}-\d\d-\d\dT/);
  // The lock is the account's: another address does not get around it.
  expect(await codeOf(login(user.email, PASSWORD, "10.1.0.2"))).toBe("TOO_MANY_REQUESTS");
  expect(await sessionCount(user.id)).toBe(0);

  await letLockExpire(`account:${user.email}`);
  // A stranger's single guess after the lock does not lock it again: counting starts afresh.
  expect(await codeOf(login(user.email, "wrong password", "10.1.0.3"))).toBe("UNAUTHORIZED");
  await signIn(deps, user.email, PASSWORD, "10.1.0.1");
  expect(await sessionCount(user.id)).toBe(1);
});

test("the lock ends when its time has passed, so the owner gets back in", async () => {
  const user = await createUser(db.orm, "viewer");
  for (let i = 0; i < PER_ACCOUNT; i++) await codeOf(login(user.email, "wrong password", "10.3.0.1"));
  expect(await codeOf(login(user.email, PASSWORD, "10.3.0.1"))).toBe("TOO_MANY_REQUESTS");

  await db.orm.em
    .fork()
    .execute("update login_throttles set locked_until = now() - interval '1 second' where key = ?", [
      `account:${user.email}`,
    ]);
  await signIn(deps, user.email, PASSWORD, "10.3.0.1");
  expect(await sessionCount(user.id)).toBe(1);
});

test("a successful sign-in clears the account's failures", async () => {
  const user = await createUser(db.orm, "reviewer");
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < PER_ACCOUNT - 1; i++)
      expect(await codeOf(login(user.email, "wrong password", `10.4.0.${round}`))).toBe("UNAUTHORIZED");
    await signIn(deps, user.email, PASSWORD, `10.4.0.${round}`);
  }
  expect(await sessionCount(user.id)).toBe(3);
});

test(`after ${PER_ADDRESS} failures from one address, that address is refused for every account`, async () => {
  const user = await createUser(db.orm, "recruiter");
  for (let i = 0; i < PER_ADDRESS; i++) {
    expect(await codeOf(login(`guess${i}@example.com`, "wrong password", "10.2.0.1"))).toBe("UNAUTHORIZED");
  }
  expect(await codeOf(login(user.email, PASSWORD, "10.2.0.1"))).toBe("TOO_MANY_REQUESTS");
  expect(await sessionCount(user.id)).toBe(0);

  // Other addresses are unaffected, and the address's lock ends too.
  await signIn(deps, user.email, PASSWORD, "10.2.0.2");
  await letLockExpire("address:10.2.0.1");
  await signIn(deps, user.email, PASSWORD, "10.2.0.1");
  expect(await sessionCount(user.id)).toBe(2);
});
