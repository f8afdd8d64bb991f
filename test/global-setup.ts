/**
 * Global setup of the integration and e2e projects: finds a PostgreSQL server
 * (DATABASE_URL / POSTGRES_HOST, else an embedded cluster on a free port in a
 * fresh temp dir), migrates a template database on it and provides its
 * coordinates to `createTestDatabase()` from `@shortlist/db/testing`.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { databaseEnv, loadConfig } from "@shortlist/config";
import { ensureAppRole, initOrm, startEmbeddedPostgres } from "@shortlist/db";
import type { TestDatabaseServer } from "@shortlist/db/testing";
import { freePort } from "@shortlist/db/net";

type Server = Omit<TestDatabaseServer, "template" | "prefix" | "app">;
interface Prepared {
  server: TestDatabaseServer;
  teardown(): Promise<void>;
}

// Both projects list this file and each imports it afresh, so the one server is shared through globalThis.
const shared = globalThis as { __shortlistTestDb?: { users: number; ready: Promise<Prepared> } };

export default async function setup(project: TestProject) {
  const state = (shared.__shortlistTestDb ??= { users: 0, ready: prepare() });
  const { server } = await state.ready.catch((error: unknown) => {
    shared.__shortlistTestDb = undefined;
    throw error;
  });
  state.users++;
  project.provide("testDatabase", server);
  return async () => {
    if (--state.users > 0) return;
    shared.__shortlistTestDb = undefined;
    await (await state.ready).teardown();
  };
}

async function prepare(): Promise<Prepared> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(error));
  };
  try {
    const server = await findServer(cleanups);
    const prefix = `shortlist_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}_`;
    const template = `${prefix}template`;
    // Roles are cluster-wide: each run has its own, dropped after its databases (cleanups run in reverse).
    const app = { user: `${prefix}app`, password: randomBytes(24).toString("base64url") };
    cleanups.push(() =>
      admin(server, (client) => client.query(`drop role if exists ${pg.escapeIdentifier(app.user)}`)),
    );
    await admin(server, (client) => client.query(`create database ${pg.escapeIdentifier(template)}`));
    cleanups.push(() => dropDatabases(server, prefix));

    const templateConfig = databaseConfig(server, template);
    const orm = await initOrm(templateConfig);
    try {
      await orm.migrator.up();
    } finally {
      // No session may stay on the template, or cloning it fails.
      await orm.close(true);
    }
    await ensureAppRole(templateConfig, { name: app.user, password: app.password });
    return { server: { ...server, template, prefix, app }, teardown };
  } catch (error) {
    await teardown();
    throw error;
  }
}

async function findServer(cleanups: Array<() => Promise<unknown>>): Promise<Server> {
  const { database } = loadConfig(process.env, { readFiles: false });
  if (database.mode === "external") {
    const { host, port, user, password, dbName } = database;
    return { host, port, user, password, maintenanceDb: dbName };
  }
  // As root, the cluster runs as the `postgres` OS user, which must be able to reach its data dir:
  // so /tmp (not a possibly private $TMPDIR) and a world-traversable temp dir.
  const dir = await mkdtemp(join(process.getuid?.() === 0 ? "/tmp" : tmpdir(), "shortlist-test-pg-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await chmod(dir, 0o755);
  const port = await freePort();
  const log: string[] = [];
  const embedded = await startEmbeddedPostgres({
    dataDir: join(dir, "data"),
    port,
    log: (line) => log.push(line),
  }).catch((error: unknown) => {
    throw new Error(`Embedded PostgreSQL did not start:\n${log.join("\n")}`, { cause: error });
  });
  cleanups.push(() => embedded.stop());
  return { host: "127.0.0.1", port, user: embedded.user, password: embedded.password, maintenanceDb: "postgres" };
}

function databaseConfig(server: Server, dbName: string) {
  return loadConfig(
    {
      NODE_ENV: "test",
      ...databaseEnv({ ...server, dbName }),
    },
    { readFiles: false },
  ).database;
}

async function admin<T>(server: Server, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const { host, port, user, password, maintenanceDb } = server;
  const client = new pg.Client({ host, port, user, password, database: maintenanceDb });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops the template and any test database a file left behind. */
async function dropDatabases(server: Server, prefix: string): Promise<void> {
  await admin(server, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where starts_with(datname, $1)",
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(`drop database if exists ${pg.escapeIdentifier(datname)} with (force)`);
    }
  });
}
