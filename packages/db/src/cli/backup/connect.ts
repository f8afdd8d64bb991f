/**
 * The database a backup or restore works on, as its owner: an external server (DATABASE_URL), the
 * embedded cluster that a running Shortlist already serves (found by its postmaster.pid), or else the
 * embedded cluster started here for the duration of the command.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import pg from "pg";
import type { Config, DatabaseConfig } from "@shortlist/config";
import { ensureDatabaseExists, openDatabase } from "../../database";
import { initOrm, type MikroORM } from "../../orm";
import { explainDatabaseError } from "../../startup-errors";

export interface Maintenance {
  target: DatabaseConfig;
  orm: MikroORM;
  /** Where the data is, for messages. */
  where: string;
  client(): Promise<pg.Client>;
  close(): Promise<void>;
}

/** Port of an embedded cluster that is running on `dataDir` now, if any. */
function runningEmbeddedPort(dataDir: string): number | undefined {
  const lockFile = join(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return undefined;
  const lines = readFileSync(lockFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return undefined;
  }
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

export async function openForMaintenance(config: Pick<Config, "database">, log: (line: string) => void) {
  const configured = config.database;
  let target: DatabaseConfig = configured;
  let orm: MikroORM;
  let stop = async () => {};
  let where = `${configured.host}:${configured.port}/${configured.dbName}`;
  const runningPort = configured.mode === "embedded" ? runningEmbeddedPort(configured.embeddedDataDir) : undefined;
  if (configured.mode === "embedded" && runningPort !== undefined) {
    const dataDir = configured.embeddedDataDir;
    const password = readFileSync(join(dirname(dataDir), `${basename(dataDir)}.password`), "utf8").trim();
    target = { ...configured, port: runningPort, user: "postgres", password };
    where = `the running embedded PostgreSQL of ${dirname(dataDir)} (port ${runningPort})`;
    try {
      await ensureDatabaseExists(target);
      orm = await initOrm(target);
    } catch (error) {
      throw explainDatabaseError(error, target);
    }
  } else if (configured.mode === "embedded") {
    log(`starting the embedded PostgreSQL of ${dirname(configured.embeddedDataDir)}`);
    const db = await openDatabase(config, { migrate: false, serveAs: "owner" });
    ({ orm, target } = db);
    stop = () => db.embedded?.stop() ?? Promise.resolve();
    where = `the embedded PostgreSQL of ${dirname(configured.embeddedDataDir)}`;
  } else {
    try {
      await ensureDatabaseExists(target);
      orm = await initOrm(target);
    } catch (error) {
      throw explainDatabaseError(error, target);
    }
  }
  const maintenance: Maintenance = {
    target,
    orm,
    where,
    async client() {
      const client = new pg.Client({
        host: target.host,
        port: target.port,
        user: target.user,
        password: target.password,
        database: target.dbName,
        connectionTimeoutMillis: target.connectTimeoutMs,
        application_name: "shortlist-backup",
      });
      await client.connect();
      // Large tables take as long as they take; nothing here waits on a person.
      await client.query("set statement_timeout = 0");
      return client;
    },
    async close() {
      await orm.close(true);
      await stop();
    },
  };
  return maintenance;
}
