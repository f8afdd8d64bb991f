/**
 * Test helpers: each test file clones the migrated template database that the
 * root global setup (test/global-setup.ts) made, so files run in parallel,
 * each on a fresh database of its own. Only test files import this module.
 */
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { databaseEnv, loadConfig, type DatabaseConfig } from "@shortlist/config";
import { initOrm, type MikroORM } from "./orm";

export { testKeyring, TEST_MASTER_KEY } from "./privacy/test-keyring";

/** The server the global setup prepared, handed to test files through `provide`/`inject`. */
export interface TestDatabaseServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The database to connect to for CREATE / DROP DATABASE. */
  maintenanceDb: string;
  /** The migrated database every test database is cloned from. */
  template: string;
  /** Prefix of every database this run creates; teardown drops whatever is left with it. */
  prefix: string;
  /** The least-privilege role (roles.ts) test databases serve as, made for this run on the template. */
  app: { user: string; password: string };
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: TestDatabaseServer;
  }
}

export interface TestDatabase {
  /** Full configuration of the fresh database, defaults filled as in production; its user is the one `orm` uses. */
  config: DatabaseConfig;
  /** The same database as its owner (the server's admin user), who may migrate. */
  ownerConfig: DatabaseConfig;
  /** Connected as the app role, as the server serves requests, unless created with `{ as: "owner" }`. */
  orm: MikroORM;
  /** Closes `orm` (if still open) and drops the database, ending any other session on it. */
  dropDatabase(): Promise<void>;
  /** Closes `orm`; the database stays, so a new ORM can be opened on `config`. */
  close(): Promise<void>;
}

async function withAdminClient<T>(server: TestDatabaseServer, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: server.maintenanceDb,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const OBJECT_IN_USE = "55006";

async function cloneTemplate(client: pg.Client, name: string, template: string): Promise<void> {
  const sql = `create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(template)}`;
  // The template must have no other session; one that is just closing can still count for a moment.
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(sql);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== OBJECT_IN_USE || attempt >= 50) throw error;
      await sleep(100);
    }
  }
}

/**
 * Creates a fresh, fully migrated database for the calling test file (call it
 * in `beforeAll`, drop it in `afterAll`). `env` overrides configuration the
 * way the process environment would (e.g. `{ DB_POOL_MAX: "2" }`). `as: "owner"`
 * connects `orm` as the owner, for tests of migrations and the schema itself.
 */
export async function createTestDatabase(
  env: Record<string, string> = {},
  { as = "app" }: { as?: "app" | "owner" } = {},
): Promise<TestDatabase> {
  const server = inject("testDatabase");
  if (!server) throw new Error("No test database server: run this file in the integration or e2e vitest project.");
  const name = `${server.prefix}${randomBytes(6).toString("hex")}`;
  await withAdminClient(server, async (client) => {
    await cloneTemplate(client, name, server.template);
    // Table and default privileges come with the template; the database's own ACL does not.
    await client.query(
      `grant connect on database ${pg.escapeIdentifier(name)} to ${pg.escapeIdentifier(server.app.user)}`,
    );
  });

  const configAs = (user: string, password: string) =>
    loadConfig(
      {
        NODE_ENV: "test",
        ...databaseEnv({ host: server.host, port: server.port, user, password, dbName: name }),
        ...env,
      },
      { readFiles: false },
    ).database;
  const ownerConfig = configAs(server.user, server.password);
  const config = as === "owner" ? ownerConfig : configAs(server.app.user, server.app.password);

  let orm: MikroORM;
  try {
    orm = await initOrm(config);
  } catch (error) {
    await dropDatabase(server, name);
    throw error;
  }
  let open = true;
  const close = async () => {
    if (open) await orm.close(true);
    open = false;
  };
  return {
    config,
    ownerConfig,
    orm,
    close,
    async dropDatabase() {
      await close();
      await dropDatabase(server, name);
    },
  };
}

async function dropDatabase(server: TestDatabaseServer, name: string): Promise<void> {
  await withAdminClient(server, (client) =>
    client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`),
  );
}

export interface UseTestDatabaseOptions {
  /** Configuration overrides, as for `createTestDatabase`. */
  env?: Record<string, string>;
  /** `"owner"` connects `orm` as the owner (migration and schema tests). */
  as?: "app" | "owner";
}

/**
 * Registers `beforeAll` (create the database) and `afterAll` (drop it) for the calling test file
 * and returns the database as a handle whose properties are readable once `beforeAll` has run.
 * Hooks the file registers after this call run after the database exists, and their `afterAll`
 * before it is dropped.
 */
export function useTestDatabase(options: UseTestDatabaseOptions = {}): TestDatabase {
  let current: TestDatabase | undefined;
  const ready = (): TestDatabase => {
    if (!current) throw new Error("The test database is not ready: read it in a hook or a test, not at load time.");
    return current;
  };
  beforeAll(async () => {
    current = await createTestDatabase(options.env, { as: options.as });
  });
  afterAll(() => current?.dropDatabase());
  return {
    get config() {
      return ready().config;
    },
    get ownerConfig() {
      return ready().ownerConfig;
    },
    get orm() {
      return ready().orm;
    },
    close: () => ready().close(),
    dropDatabase: () => ready().dropDatabase(),
  };
}
