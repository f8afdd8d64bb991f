import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { ConfigError, loadConfig, type DatabaseConfig } from "@shortlist/config";
import { appConnection, appPasswordFile, isSuperuser, openDatabase } from "@shortlist/db";
import { useTestDatabase } from "@shortlist/db/testing";
import { signedIn, testDeps } from "../../api/test/helpers";

const INSUFFICIENT_PRIVILEGE = "42501";

let dir: string;
const roles: string[] = [];
// Registered before the database: afterAll hooks run in reverse, so this runs after the drop.
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  // Roles are cluster-wide; their grants went with the dropped database.
  const server = inject("testDatabase");
  const client = new pg.Client({ ...server, database: server.maintenanceDb });
  await client.connect();
  for (const role of roles) await client.query(`drop role if exists ${pg.escapeIdentifier(role)}`);
  await client.end();
});
const db = useTestDatabase();
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "shortlist-roles-"));
});

async function query<T extends object>(config: DatabaseConfig, sql: string): Promise<T[]> {
  const { host, port, user, password, dbName: database } = config;
  const client = new pg.Client({ host, port, user, password, database });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "allowed",
    (error: { code?: string }) => error.code,
  );

test("the app's pool may read and write rows through the procedures, but not change the schema", async () => {
  const em = () => db.orm.em.fork();
  expect(
    await em().execute("select current_user as user, rolsuper from pg_roles where rolname = current_user"),
  ).toEqual([{ user: db.config.user, rolsuper: false }]);
  expect(db.config.user).not.toBe(db.ownerConfig.user);

  const { caller } = await signedIn(testDeps(db), "recruiter");
  const created = await caller.candidates.create({
    name: "Ada Lovelace",
    email: "ada@example.com",
    role: "Engineer",
    company: "Acme",
  });
  expect((await caller.candidates.get({ id: created.id })).email).toBe("ada@example.com");

  for (const ddl of [
    "create table intruder (id int)",
    "drop table candidates",
    "alter table candidates add column intruder int",
    "truncate candidates",
    "create schema intruder",
    "insert into mikro_orm_migrations (name) values ('intruder')",
  ]) {
    expect([ddl, await refusal(em().execute(ddl))]).toEqual([ddl, INSUFFICIENT_PRIVILEGE]);
  }
  expect(await refusal(em().execute("select count(*) from mikro_orm_migrations"))).not.toBe(INSUFFICIENT_PRIVILEGE);
});

test("the embedded default makes a least-privilege role with a password kept beside the cluster's", async () => {
  const role = `${db.ownerConfig.dbName}_roles`;
  roles.push(role);
  const owner = { ...db.ownerConfig, mode: "embedded" as const, embeddedDataDir: join(dir, "postgres") };
  const warnings: string[] = [];
  const serving = await appConnection(owner, { warn: (m) => warnings.push(m), roleName: role });

  const file = appPasswordFile(owner.embeddedDataDir);
  expect(file).toBe(join(dir, "postgres.app.password"));
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  expect(serving).toMatchObject({ user: role, dbName: owner.dbName });
  expect(warnings).toEqual([]);
  expect(
    await query(
      owner,
      `select rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin from pg_roles where rolname = '${role}'`,
    ),
  ).toEqual([
    {
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolreplication: false,
      rolbypassrls: false,
      rolcanlogin: true,
    },
  ]);

  // A table a later migration makes (as the owner) is covered by the default privileges.
  await query(owner, "create table later_migration (id int primary key generated always as identity, note text)");
  await query(serving, "insert into later_migration (note) values ('ok')");
  expect(await query(serving, "update later_migration set note = 'changed' returning note")).toEqual([
    { note: "changed" },
  ]);
  expect(await refusal(query(serving, "drop table later_migration"))).toBe(INSUFFICIENT_PRIVILEGE);

  // The next start finds the role and the same password, and still serves as it.
  const again = await appConnection(owner, { warn: (m) => warnings.push(m), roleName: role });
  expect(again.password).toBe(serving.password);
  expect(await query(again, "select current_user as user")).toEqual([{ user: role }]);
});

function externalConfig(env: Record<string, string>) {
  const { host, port, user, password, dbName } = db.ownerConfig;
  return loadConfig(
    {
      NODE_ENV: "test",
      DATABASE_URL: `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${dbName}`,
      ...env,
    },
    { readFiles: false },
  );
}

test("an external server migrates as DATABASE_URL's user and serves as DATABASE_APP_URL's", async () => {
  const { host, port, user, password, dbName } = db.config;
  const config = externalConfig({
    DATABASE_APP_URL: `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${dbName}`,
  });
  const warnings: string[] = [];
  const opened = await openDatabase(config, { warn: (m) => warnings.push(m) });
  try {
    expect(opened.target.user).toBe(db.ownerConfig.user);
    expect(opened.serving.user).toBe(user);
    expect(await opened.orm.em.fork().execute("select current_user as user")).toEqual([{ user }]);
    expect(warnings).toEqual([]);
  } finally {
    await opened.close();
  }
});

test("without DATABASE_APP_URL, a superuser DATABASE_URL serves and a warning says so", async () => {
  expect(await isSuperuser(db.ownerConfig)).toBe(true);
  const warnings: string[] = [];
  const opened = await openDatabase(externalConfig({}), { warn: (m) => warnings.push(m) });
  await opened.close();
  expect(opened.serving.user).toBe(db.ownerConfig.user);
  expect(warnings).toEqual([expect.stringContaining(`superuser "${db.ownerConfig.user}"`)]);
  expect(warnings[0]).toContain("DATABASE_APP_URL");
});

test("DATABASE_APP_URL is refused without a server to migrate, or without a user", () => {
  const issues = (env: Record<string, string>) => {
    try {
      loadConfig({ NODE_ENV: "test", ...env }, { readFiles: false });
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.issues;
      throw error;
    }
  };
  expect(issues({ DATABASE_APP_URL: "postgres://app:pw@db.example/shortlist" })).toEqual([
    expect.stringMatching(/^DATABASE_APP_URL: needs DATABASE_URL/),
  ]);
  expect(
    issues({ DATABASE_URL: "postgres://owner:pw@db.example/shortlist", DATABASE_APP_URL: "postgres://db.example/x" }),
  ).toEqual([expect.stringMatching(/^DATABASE_APP_URL: must name the user/)]);
  expect(issues({ DATABASE_URL: "postgres://o@h/db", DATABASE_APP_URL: "mysql://app@h/db" })).toEqual([
    expect.stringMatching(/^DATABASE_APP_URL: /),
  ]);
  const { database } = loadConfig(
    {
      DATABASE_URL: "postgres://owner:pw@db.example/shortlist",
      DATABASE_APP_URL: "postgres://app:s%40cret@db.example",
    },
    { readFiles: false },
  );
  expect(database.app).toEqual({
    host: "db.example",
    port: 5432,
    user: "app",
    password: "s@cret",
    dbName: "shortlist",
  });
});
