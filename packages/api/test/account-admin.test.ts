/** Account care: own password changes, admin resets and unlocks, disabling, and sign-in leaving versions alone. */
import { expect, test } from "vitest";
import { callerFor, createUser, errorShape, PASSWORD, rejection, signedIn, signIn, useTestApi } from "./helpers";

const { db, deps } = useTestApi();

const sql = <T extends object>(query: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(query, params);
const sessionCount = async (userId: string) =>
  Number((await sql<{ n: string }>("select count(*) as n from sessions where user_id = ?", [userId]))[0]!.n);
const login = (email: string, password: string, ip = "10.9.0.1") =>
  callerFor(deps, { ip }).auth.login({ email, password });

test("signing in between an admin loading a user and saving an edit does not make the edit a CONFLICT", async () => {
  const admin = await signedIn(deps, "admin");
  const target = await createUser(db.orm, "recruiter");
  const loaded = (await admin.caller.users.list()).find((u) => u.id === target.id)!;
  await signIn(deps, target.email);
  await signIn(deps, target.email);
  const saved = await admin.caller.users.update({ id: target.id, version: loaded.version, name: "Renamed" });
  expect(saved).toMatchObject({ name: "Renamed", version: loaded.version + 1 });
  expect(saved.lastLoginAt).toBeInstanceOf(Date);
});

test("a user changes their own password: the current one is checked, this session stays, the others end", async () => {
  const { user, sessionToken, caller } = await signedIn(deps, "viewer");
  const other = await signIn(deps, user.email, PASSWORD, "10.9.0.2");

  const wrong = await rejection(
    caller.auth.changePassword({ currentPassword: "not my password", newPassword: "x".repeat(12) }),
  );
  expect(wrong.code).toBe("BAD_REQUEST");
  expect(errorShape(wrong).data.fieldErrors).toEqual([
    { path: "currentPassword", message: "The current password is wrong" },
  ]);
  const short = await rejection(caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: "too short" }));
  expect(errorShape(short).data.fieldErrors).toEqual([{ path: "newPassword", message: "Use at least 12 characters" }]);
  expect(await sessionCount(user.id)).toBe(2);

  expect(await caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: "my own new passphrase" })).toEqual(
    {
      changed: true,
    },
  );
  expect(await callerFor(deps, { sessionToken }).auth.me()).toMatchObject({ user: { id: user.id } });
  expect((await rejection(callerFor(deps, { sessionToken: other }).auth.me())).code).toBe("UNAUTHORIZED");
  expect((await rejection(login(user.email, PASSWORD))).code).toBe("UNAUTHORIZED");
  await signIn(deps, user.email, "my own new passphrase");
});

test("an API token cannot change its owner's password", async () => {
  const { caller } = await signedIn(deps, "recruiter");
  const { secret } = await caller.apiTokens.create({ name: "script" });
  const error = await rejection(
    callerFor(deps, { bearerToken: secret }).auth.changePassword({
      currentPassword: PASSWORD,
      newPassword: "y".repeat(12),
    }),
  );
  expect(error.code).toBe("FORBIDDEN");
});

test("an admin resets a user's password: the old one stops working and the user's sessions end", async () => {
  const admin = await signedIn(deps, "admin");
  const target = await signedIn(deps, "reviewer");
  const short = await rejection(admin.caller.users.resetPassword({ id: target.user.id, password: "short" }));
  expect(errorShape(short).data.fieldErrors).toEqual([{ path: "password", message: "Use at least 12 characters" }]);
  expect(await sessionCount(target.user.id)).toBe(1);

  const reset = await admin.caller.users.resetPassword({ id: target.user.id, password: "set by the admin 1" });
  expect(reset).toMatchObject({ id: target.user.id });
  expect(await sessionCount(target.user.id)).toBe(0);
  expect((await rejection(login(target.user.email, PASSWORD))).code).toBe("UNAUTHORIZED");
  await signIn(deps, target.user.email, "set by the admin 1");
  // The admin's own session is untouched.
  expect(await admin.caller.auth.me()).toMatchObject({ user: { id: admin.user.id } });
});

test("an admin unlocks an account locked by guesses, so its owner signs in from the guessing address at once", async () => {
  const admin = await signedIn(deps, "admin");
  const target = await createUser(db.orm, "recruiter");
  const max = deps.config.auth.maxFailuresPerAccount;
  for (let i = 0; i < max; i++)
    expect((await rejection(login(target.email, "wrong guess", "10.9.1.1"))).code).toBe("UNAUTHORIZED");
  expect((await rejection(login(target.email, PASSWORD, "10.9.1.1"))).code).toBe("TOO_MANY_REQUESTS");

  const unlocked = await admin.caller.users.unlock({ id: target.id });
  expect(unlocked).toMatchObject({ user: { id: target.id }, clearedLocks: 2 });
  await signIn(deps, target.email, PASSWORD, "10.9.1.1");
  const missing = await rejection(admin.caller.users.unlock({ id: "00000000-0000-4000-8000-000000000000" }));
  expect(missing.code).toBe("NOT_FOUND");
});
