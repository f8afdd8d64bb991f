/** npm run users:reset-admin: the operator's way back in when no admin is left, run against the configured database. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { databaseEnv } from "@shortlist/config";
import { callerFor, createUser, PASSWORD, rejection, signedIn, signIn, useTestApi } from "./helpers";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

const { db, deps } = useTestApi();

/** Runs the npm script as an operator would, pointed at this file's database. */
async function resetAdminCommand(args: string[], extraEnv: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env))
    if (/^(DATABASE_|POSTGRES_|SHORTLIST_ADMIN_)/.test(key) || key.startsWith("npm_")) delete env[key];
  Object.assign(env, {
    ...databaseEnv(db.config),
    LOG_LEVEL: "silent",
    ...extraEnv,
  });
  const child = spawn("npm", ["run", "--silent", "users:reset-admin", "--", ...args], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr };
}

/** The trail's events about a user, as `[action, actor type, change]`. */
const eventsAbout = async (userId: string) =>
  (
    await db.orm.em
      .fork()
      .execute<{ action: string; actor_type: string; change: unknown }[]>(
        "select action, actor_type, change from audit_events where entity_id = ? order by seq",
        [userId],
      )
  ).map((e) => [e.action, e.actor_type, e.change]);

const activeAdmins = () =>
  db.orm.em.fork().execute<{ email: string }[]>("select email from users where role = 'admin' and disabled_at is null");

test("with no active admin left, it re-enables and promotes the user, sets SHORTLIST_ADMIN_PASSWORD and ends their sessions", async () => {
  const target = await signedIn(deps, "admin");
  await db.orm.em
    .fork()
    .execute("update users set role = 'viewer', disabled_at = now() where role = 'admin'", [], "run");
  expect(await activeAdmins()).toEqual([]);
  await db.orm.em
    .fork()
    .execute(
      "insert into login_throttles (key, failures, window_started_at, locked_until) values (?, 9, now(), now() + interval '1 hour')",
      [`pair:${target.user.email}|127.0.0.1`],
    );

  const newPassword = "operator chose this one";
  const run = await resetAdminCommand(["--email", target.user.email.toUpperCase()], {
    SHORTLIST_ADMIN_PASSWORD: newPassword,
  });
  expect(run).toMatchObject({ code: 0, stderr: "" });
  expect(run.stdout).toContain(`${target.user.email} is an enabled admin again`);
  expect(run.stdout).not.toContain(newPassword);

  expect(await activeAdmins()).toEqual([{ email: target.user.email }]);
  const events = await eventsAbout(target.user.id);
  expect(events.at(-1)).toEqual([
    "users.resetAdmin",
    "system",
    {
      before: { role: "viewer", disabled: true },
      after: { role: "admin", disabled: false, sessionsEnded: true, passwordReset: true },
    },
  ]);
  expect(JSON.stringify(events)).not.toContain(newPassword);
  expect((await rejection(target.caller.auth.me())).code).toBe("UNAUTHORIZED");
  expect((await rejection(callerFor(deps).auth.login({ email: target.user.email, password: PASSWORD }))).code).toBe(
    "UNAUTHORIZED",
  );
  const session = await signIn(deps, target.user.email, newPassword);
  expect(await callerFor(deps, { sessionToken: session }).users.list()).toEqual(
    expect.arrayContaining([expect.objectContaining({ email: target.user.email, role: "admin", disabled: false })]),
  );
});

test("for an unknown email it creates the admin and prints a generated password once", async () => {
  await createUser(db.orm, "viewer");
  const run = await resetAdminCommand(["--email", "rescue@example.com"]);
  expect(run).toMatchObject({ code: 0, stderr: "" });
  expect(run.stdout).toContain("Created rescue@example.com as an admin.");
  const password = /Password \(shown only now\): (\S+)/.exec(run.stdout)?.[1];
  expect(password?.length).toBeGreaterThanOrEqual(24);
  const [rescue] = await db.orm.em
    .fork()
    .execute<{ id: string }[]>("select id from users where email = 'rescue@example.com'");
  expect(await eventsAbout(rescue!.id)).toEqual([
    [
      "users.resetAdmin",
      "system",
      {
        before: null,
        after: { email: "rescue@example.com", name: "Administrator", role: "admin", passwordReset: true },
      },
    ],
  ]);
  await signIn(deps, "rescue@example.com", password!);
});

test("a missing or invalid --email changes nothing and says which option is wrong", async () => {
  const before = await db.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from users");
  for (const args of [[], ["--email", "not-an-email"]]) {
    const run = await resetAdminCommand(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^--email: (required|not a valid email address)/);
  }
  expect(await db.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from users")).toEqual(before);
});
