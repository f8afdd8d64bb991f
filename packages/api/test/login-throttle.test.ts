/** Failed sign-ins: locked per account and address, per address, and slowed per account; a lock ends, so nobody can lock an account for good. */
import { TRPCError } from "@trpc/server";
import { expect, test, vi } from "vitest";
import { callerFor, createUser, errorShape, PASSWORD, rejection, signIn, useTestApi } from "./helpers";

const PER_ACCOUNT = 3;
const PER_ADDRESS = 5;

const { db, deps } = useTestApi({
  env: {
    LOGIN_MAX_FAILURES_PER_ACCOUNT: String(PER_ACCOUNT),
    LOGIN_MAX_FAILURES_PER_ADDRESS: String(PER_ADDRESS),
    LOGIN_ACCOUNT_DELAY_MAX_SECONDS: "16",
  },
});

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

test(`after ${PER_ACCOUNT} failures from one address, that address is refused for the account, even the right password, until the lock ends`, async () => {
  const user = await createUser(db.orm, "recruiter");
  for (let i = 0; i < PER_ACCOUNT; i++)
    expect(await codeOf(login(user.email, "wrong password", "10.1.0.1"))).toBe("UNAUTHORIZED");

  const locked = await rejection(login(user.email, PASSWORD, "10.1.0.1"));
  expect(locked.code).toBe("TOO_MANY_REQUESTS");
  expect(locked.message).toMatch(/try again after \d{4}-\d\d-\d\dT/);
  expect(errorShape(locked).data).toMatchObject({
    reason: "too_many_attempts",
    details: { retryAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
  });
  expect(await sessionCount(user.id)).toBe(0);

  await letLockExpire(`pair:${user.email}|10.1.0.1`);
  await letLockExpire(`account:${user.email}`);
  // A single guess after the lock does not lock it again: counting starts afresh.
  expect(await codeOf(login(user.email, "wrong password", "10.1.0.1"))).toBe("UNAUTHORIZED");
  await signIn(deps, user.email, PASSWORD, "10.1.0.1");
  expect(await sessionCount(user.id)).toBe(1);
});

test("the lock ends when its time has passed, so the owner gets back in", async () => {
  const user = await createUser(db.orm, "viewer");
  for (let i = 0; i < PER_ACCOUNT; i++) await codeOf(login(user.email, "wrong password", "10.3.0.1"));
  expect(await codeOf(login(user.email, PASSWORD, "10.3.0.1"))).toBe("TOO_MANY_REQUESTS");

  await db.orm.em
    .fork()
    .execute("update login_throttles set locked_until = now() - interval '1 second' where key in (?)", [
      [`pair:${user.email}|10.3.0.1`, `account:${user.email}`],
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

/** Calls that run at the same time, as a tRPC batch runs its calls; the outcome of each, in order. */
const concurrently = (calls: Promise<unknown>[]) =>
  Promise.all(
    calls.map((call) =>
      call.then(
        () => "OK",
        (error: { code?: string }) => error.code ?? String(error),
      ),
    ),
  );

test("a concurrent batch of wrong passwords and the right one: at most the limit is checked, the right one is refused", async () => {
  const user = await createUser(db.orm, "admin");
  const calls = [
    ...Array.from({ length: 12 }, (_, i) => login(user.email, `wrong password ${i}`, "10.5.0.1")),
    login(user.email, PASSWORD, "10.5.0.1"),
  ];
  const outcomes = await concurrently(calls);
  // UNAUTHORIZED means the password was checked; once the limit is reached, nothing more is.
  expect(outcomes.filter((o) => o === "UNAUTHORIZED")).toHaveLength(PER_ACCOUNT);
  expect(outcomes.filter((o) => o === "TOO_MANY_REQUESTS")).toHaveLength(13 - PER_ACCOUNT);
  expect(outcomes.at(-1)).toBe("TOO_MANY_REQUESTS");
  expect(await sessionCount(user.id)).toBe(0);
});

test("a concurrent batch guessing many accounts from one address checks no more than the address's limit", async () => {
  const outcomes = await concurrently(
    Array.from({ length: 14 }, (_, i) => login(`spray${i}@example.com`, "wrong password", "10.6.0.1")),
  );
  expect(outcomes.filter((o) => o === "UNAUTHORIZED")).toHaveLength(PER_ADDRESS);
  expect(outcomes.filter((o) => o === "TOO_MANY_REQUESTS")).toHaveLength(14 - PER_ADDRESS);
});

test("guesses from one address do not keep the owner out from another: the account is only slowed down, briefly", async () => {
  const user = await createUser(db.orm, "admin");
  for (let i = 0; i < PER_ACCOUNT + 3; i++) await codeOf(login(user.email, "wrong password", "10.7.0.1"));
  expect(await codeOf(login(user.email, PASSWORD, "10.7.0.1"))).toBe("TOO_MANY_REQUESTS");

  // From elsewhere the right password is at most asked to wait the account's short, capped delay.
  const maxDelayMs = deps.config.auth.accountDelayMaxMs;
  await vi.waitFor(
    async () => {
      try {
        await signIn(deps, user.email, PASSWORD, "10.7.0.2");
      } catch (error) {
        if (!(error instanceof TRPCError) || error.code !== "TOO_MANY_REQUESTS") throw new Error(String(error));
        const retryAt = new Date(String(errorShape(error).data.details?.retryAt));
        expect(retryAt.getTime() - Date.now()).toBeLessThanOrEqual(maxDelayMs);
        throw error;
      }
    },
    { timeout: maxDelayMs + 10_000, interval: 250 },
  );
  expect(await sessionCount(user.id)).toBe(1);
  // The guessing address stays locked out of the account.
  expect(await codeOf(login(user.email, PASSWORD, "10.7.0.1"))).toBe("TOO_MANY_REQUESTS");
});

test("past the limit, each failure from anywhere doubles the account's wait, up to the cap", async () => {
  const user = await createUser(db.orm, "viewer");
  const waits: number[] = [];
  for (let i = 0; i < PER_ACCOUNT + 8; i++) {
    // Each guess comes from a new address once the previous wait is over.
    await db.orm.em
      .fork()
      .execute("update login_throttles set locked_until = null where key = ?", [`account:${user.email}`]);
    await codeOf(login(user.email, "wrong password", `10.8.0.${i}`));
    const [row] = await db.orm.em
      .fork()
      .execute<{ ms: string | null }[]>(
        "select round(extract(epoch from locked_until - now()) * 1000) as ms from login_throttles where key = ?",
        [`account:${user.email}`],
      );
    // Whole seconds: the read comes well under a second after the write.
    waits.push(row?.ms == null ? 0 : Math.ceil(Number(row.ms) / 1000));
  }
  const cap = deps.config.auth.accountDelayMaxMs / 1000;
  const expected = Array.from({ length: PER_ACCOUNT + 8 }, (_, i) =>
    i + 1 < PER_ACCOUNT ? 0 : Math.min(2 ** (i + 1 - PER_ACCOUNT), cap),
  );
  expect(waits).toEqual(expected);
});
