/** Sign-in, sessions (hashed, ended by logout, disabling and expiry) and password rules. */
import { createHash } from "node:crypto";
import { expect, test } from "vitest";
import {
  callerFor,
  createUser,
  errorShape,
  PASSWORD,
  rejection,
  signedIn,
  signIn,
  useTestApi,
  type CookieJar,
} from "./helpers";

const { db, deps } = useTestApi();

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const sql = <T extends object>(query: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(query, params);
const sessionsOf = (userId: string) =>
  sql<{ token_hash: string; last_seen_at: string | Date }>(
    "select token_hash, last_seen_at from sessions where user_id = ?",
    [userId],
  );

test("a wrong password and an unknown email fail alike: UNAUTHORIZED, revealing nothing", async () => {
  const user = await createUser(db.orm, "recruiter");
  const anonymous = callerFor(deps, { ip: "10.0.0.1" });
  const wrong = await rejection(anonymous.auth.login({ email: user.email, password: "not the password" }));
  const unknown = await rejection(anonymous.auth.login({ email: "nobody@example.com", password: "not the password" }));
  expect([wrong.code, unknown.code]).toEqual(["UNAUTHORIZED", "UNAUTHORIZED"]);
  expect(wrong.message).toBe(unknown.message);
  expect(wrong.message).not.toMatch(/exist|unknown|no such|not found/i);
  expect(wrong.message).not.toContain(user.email);
  expect(await sessionsOf(user.id)).toEqual([]);
});

test("sign-in accepts the email in any case and starts a session whose token is stored only as its SHA-256", async () => {
  const user = await createUser(db.orm, "reviewer");
  const jar: CookieJar = { session: null, expiresAt: null };
  const signedInUser = await callerFor(deps, { jar }).auth.login({
    email: user.email.toUpperCase(),
    password: PASSWORD,
  });
  expect(signedInUser).toMatchObject({ id: user.id, role: "reviewer" });

  const token = jar.session!;
  expect(token.length).toBeGreaterThanOrEqual(43);
  const [stored] = await sessionsOf(user.id);
  expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(stored!.token_hash).not.toBe(token);
  expect(stored!.token_hash).toBe(sha256(token));
  // The cookie ends when the session does: at the absolute limit after sign-in.
  const [span] = await sql<{ ms: string; expires_at: string | Date }>(
    "select round(extract(epoch from expires_at - last_seen_at) * 1000) as ms, expires_at from sessions where user_id = ?",
    [user.id],
  );
  expect(Number(span!.ms)).toBe(deps.config.auth.sessionAbsoluteMs);
  expect(jar.expiresAt).toEqual(new Date(span!.expires_at));

  const me = await callerFor(deps, { sessionToken: token }).auth.me();
  expect(me).toEqual({
    user: { id: user.id, email: user.email, name: "Test reviewer", role: "reviewer" },
    via: "session",
  });
});

test("logout ends the session and clears the cookie", async () => {
  const { user, sessionToken } = await signedIn(deps, "viewer");
  const jar: CookieJar = { session: sessionToken, expiresAt: new Date() };
  expect(await callerFor(deps, { sessionToken, jar }).auth.logout()).toEqual({ signedOut: true });
  expect(jar.session).toBeNull();
  expect(await sessionsOf(user.id)).toEqual([]);
  expect((await rejection(callerFor(deps, { sessionToken }).auth.me())).code).toBe("UNAUTHORIZED");
});

test("passwords under 12 characters are refused, naming the field", async () => {
  const { caller } = await signedIn(deps, "admin");
  const created = await rejection(
    caller.users.create({ email: "short@example.com", name: "Short", role: "viewer", password: "short-pass1" }),
  );
  expect(created.code).toBe("BAD_REQUEST");
  expect(errorShape(created).data.fieldErrors).toEqual([{ path: "password", message: "Use at least 12 characters" }]);
  expect(errorShape(created).message).toContain("password: Use at least 12 characters");

  const other = await createUser(db.orm, "viewer");
  const updated = await rejection(caller.users.update({ id: other.id, version: 1, password: "x".repeat(11) }));
  expect(errorShape(updated).data.fieldErrors).toEqual([{ path: "password", message: "Use at least 12 characters" }]);
  // The old password still works: nothing was changed.
  await signIn(deps, other.email, PASSWORD);
});

test("disabling a user ends their sessions, refuses their API tokens and their sign-in", async () => {
  const admin = await signedIn(deps, "admin");
  const target = await signedIn(deps, "recruiter");
  const { secret } = await target.caller.apiTokens.create({ name: "nightly import" });
  expect(await callerFor(deps, { bearerToken: secret }).auth.me()).toMatchObject({ via: "token" });

  const [before] = (await admin.caller.users.list()).filter((u) => u.id === target.user.id);
  const disabled = await admin.caller.users.update({ id: target.user.id, version: before!.version, disabled: true });
  expect(disabled.disabled).toBe(true);

  expect(await sessionsOf(target.user.id)).toEqual([]);
  expect((await rejection(target.caller.auth.me())).code).toBe("UNAUTHORIZED");
  expect((await rejection(callerFor(deps, { bearerToken: secret }).auth.me())).code).toBe("UNAUTHORIZED");
  // The right password of a disabled account answers exactly as a wrong one: a guesser learns nothing.
  const login = await rejection(callerFor(deps).auth.login({ email: target.user.email, password: PASSWORD }));
  const wrong = await rejection(callerFor(deps).auth.login({ email: target.user.email, password: "not it at all" }));
  expect([login.code, login.message]).toEqual([wrong.code, wrong.message]);
  expect(login.code).toBe("UNAUTHORIZED");
  expect(await sessionsOf(target.user.id)).toEqual([]);
});

test("re-enabling a disabled user does not revive the API tokens that disabling revoked", async () => {
  const admin = await signedIn(deps, "admin");
  const target = await signedIn(deps, "reviewer");
  const { secret, token } = await target.caller.apiTokens.create({ name: "weekly report" });
  const version = async () => (await admin.caller.users.list()).find((u) => u.id === target.user.id)!.version;
  await admin.caller.users.update({ id: target.user.id, version: await version(), disabled: true });
  await admin.caller.users.update({ id: target.user.id, version: await version(), disabled: false });

  expect((await rejection(callerFor(deps, { bearerToken: secret }).auth.me())).code).toBe("UNAUTHORIZED");
  const listed = (await admin.caller.apiTokens.list({ all: true })).find((t) => t.id === token.id);
  expect(listed!.revokedAt).toBeInstanceOf(Date);
});

test("a new password ends the user's other sessions", async () => {
  const admin = await signedIn(deps, "admin");
  const target = await signedIn(deps, "reviewer");
  const [before] = (await admin.caller.users.list()).filter((u) => u.id === target.user.id);
  await admin.caller.users.update({ id: target.user.id, version: before!.version, password: "a brand new passphrase" });
  expect((await rejection(target.caller.auth.me())).code).toBe("UNAUTHORIZED");
  await signIn(deps, target.user.email, "a brand new passphrase");
  expect((await rejection(callerFor(deps).auth.login({ email: target.user.email, password: PASSWORD }))).code).toBe(
    "UNAUTHORIZED",
  );
});

test("a session idle for longer than the idle limit is ended; one used within it slides on", async () => {
  const idleMs = deps.config.auth.sessionIdleMs;
  const active = await signedIn(deps, "viewer");
  const almostIdle = new Date(Date.now() - idleMs + 10 * 60_000);
  await sql("update sessions set last_seen_at = ? where user_id = ?", [almostIdle, active.user.id]);
  expect(await active.caller.auth.me()).toMatchObject({ user: { id: active.user.id } });
  const [touched] = await sessionsOf(active.user.id);
  expect(new Date(touched!.last_seen_at).getTime()).toBeGreaterThan(almostIdle.getTime());

  const idle = await signedIn(deps, "viewer");
  await sql("update sessions set last_seen_at = ? where user_id = ?", [
    new Date(Date.now() - idleMs - 60_000),
    idle.user.id,
  ]);
  expect((await rejection(idle.caller.auth.me())).code).toBe("UNAUTHORIZED");
  expect(await sessionsOf(idle.user.id)).toEqual([]);
});

test("a session past its absolute expiry is ended even while in use", async () => {
  const { user, caller } = await signedIn(deps, "viewer");
  await sql("update sessions set last_seen_at = now(), expires_at = now() - interval '1 second' where user_id = ?", [
    user.id,
  ]);
  const error = await rejection(caller.auth.me());
  expect(error.code).toBe("UNAUTHORIZED");
  expect(error.message).toMatch(/sign in/i);
  expect(await sessionsOf(user.id)).toEqual([]);
});
