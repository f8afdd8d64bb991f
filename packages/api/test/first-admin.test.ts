/** The first-admin setup and the last-admin guard; each test starts with no user at all. */
import { beforeEach, expect, test } from "vitest";
import { callerFor, createUser, errorShape, PASSWORD, rejection, signIn, useTestApi, type CookieJar } from "./helpers";

const { db, deps } = useTestApi();
beforeEach(async () => {
  await db.orm.em.fork().execute("delete from users");
});

const admins = async () =>
  db.orm.em.fork().execute<{ email: string }[]>("select email from users where role = 'admin' order by email");

test("setup creates the first admin once, signs them in, and a second setup is a CONFLICT", async () => {
  const jar: CookieJar = { session: null, expiresAt: null };
  const anonymous = callerFor(deps, { jar });
  expect(await anonymous.auth.setupStatus()).toEqual({ needsSetup: true });

  const user = await anonymous.auth.setup({ email: " First@Example.com ", name: "First Admin", password: PASSWORD });
  expect(user).toMatchObject({ email: "first@example.com", name: "First Admin", role: "admin" });
  expect(jar.session).toEqual(expect.any(String));
  expect(await callerFor(deps, { sessionToken: jar.session }).auth.me()).toMatchObject({
    user: { id: user.id },
    via: "session",
  });
  expect(await anonymous.auth.setupStatus()).toEqual({ needsSetup: false });

  const second = await rejection(
    anonymous.auth.setup({ email: "second@example.com", name: "Second", password: PASSWORD }),
  );
  expect(second.code).toBe("CONFLICT");
  expect(second.message).toMatch(/already set up/);
  expect(await admins()).toEqual([{ email: "first@example.com" }]);
});

test("concurrent setups create exactly one admin; the others get CONFLICT", async () => {
  const results = await Promise.allSettled(
    Array.from({ length: 4 }, (_, i) =>
      callerFor(deps).auth.setup({ email: `racer${i}@example.com`, name: `Racer ${i}`, password: PASSWORD }),
    ),
  );
  const won = results.filter((r) => r.status === "fulfilled");
  const lost = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as { code: string }).code] : []));
  expect(won).toHaveLength(1);
  expect(lost).toEqual(["CONFLICT", "CONFLICT", "CONFLICT"]);
  expect(await admins()).toHaveLength(1);
});

test("setup refuses a password under 12 characters, naming the field", async () => {
  const error = await rejection(
    callerFor(deps).auth.setup({ email: "a@example.com", name: "A", password: "elevenchars" }),
  );
  expect(error.code).toBe("BAD_REQUEST");
  const shape = errorShape(error);
  expect(shape.data.fieldErrors).toEqual([{ path: "password", message: "Use at least 12 characters" }]);
  expect(shape.message).toBe("Invalid input: password: Use at least 12 characters");
  expect(await admins()).toEqual([]);
});

test("the last active admin can be neither demoted nor disabled", async () => {
  const first = await createUser(db.orm, "admin");
  const caller = callerFor(deps, { sessionToken: await signIn(deps, first.email) });

  // The version as the list shows it now.
  const version = async () => (await caller.users.list()).find((u) => u.id === first.id)!.version;
  for (const change of [{ role: "recruiter" as const }, { disabled: true }]) {
    const error = await rejection(caller.users.update({ id: first.id, version: await version(), ...change }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/last active admin/);
  }
  // A disabled admin does not count as another active one.
  const disabled = await caller.users.create({
    email: "off@example.com",
    name: "Off",
    role: "admin",
    password: PASSWORD,
  });
  await caller.users.update({ id: disabled.id, version: disabled.version, disabled: true });
  expect((await rejection(caller.users.update({ id: first.id, version: await version(), role: "viewer" }))).code).toBe(
    "BAD_REQUEST",
  );
  expect(await caller.auth.me()).toMatchObject({ user: { role: "admin" } });

  // With a second active admin, the first may step down.
  await caller.users.create({ email: "second@example.com", name: "Second", role: "admin", password: PASSWORD });
  const current = await version();
  const demoted = await caller.users.update({ id: first.id, version: current, role: "recruiter" });
  expect(demoted).toMatchObject({ role: "recruiter", version: current + 1 });
});

test("demoting or disabling the last two admins at once leaves one: the last-admin rule holds under concurrency", async () => {
  for (const change of [{ role: "viewer" as const }, { disabled: true }]) {
    await db.orm.em.fork().execute("delete from users");
    const first = await createUser(db.orm, "admin");
    const second = await createUser(db.orm, "admin");
    const caller = callerFor(deps, { sessionToken: await signIn(deps, first.email) });
    const users = await caller.users.list();
    const outcomes = await Promise.allSettled(
      users.map((u) => caller.users.update({ id: u.id, version: u.version, ...change })),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = outcomes.find((o) => o.status === "rejected")!.reason as { code: string; message: string };
    // Each call resolves its caller afresh: when the acting admin's own change commits first, the other
    // call is refused because the caller is no longer an admin; otherwise by the last-admin rule.
    if (refused.code !== "FORBIDDEN") {
      expect(refused).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/last active admin/) });
    }
    const active = await db.orm.em
      .fork()
      .execute<{ id: string }[]>("select id from users where role = 'admin' and disabled_at is null");
    expect(active).toHaveLength(1);
    expect([first.id, second.id]).toContain(active[0]!.id);
  }
});
