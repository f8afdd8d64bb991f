import pg from "pg";
import type { Config, DatabaseConfig } from "@shortlist/config";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "./embedded";
import { initOrm, type MikroORM } from "./orm";
import { servingOrm } from "./roles";
import { explainDatabaseError } from "./startup-errors";

export interface Database {
  orm: MikroORM;
  /** The connection settings in force (for the embedded cluster, with its generated password). */
  target: DatabaseConfig;
  /** The settings `orm` connects with: the app role (roles.ts) unless opened with `serveAs: "owner"`. */
  serving: DatabaseConfig;
  embedded?: EmbeddedPostgresHandle;
  close(): Promise<void>;
}

/** Creates the database when the server answers but the database does not exist yet. */
export async function ensureDatabaseExists(db: DatabaseConfig): Promise<void> {
  const client = new pg.Client({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: "postgres",
    connectionTimeoutMillis: db.connectTimeoutMs,
  });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [db.dbName]);
    if (!rowCount) await client.query(`create database ${pg.escapeIdentifier(db.dbName)}`);
  } finally {
    await client.end();
  }
}

/**
 * Opens the configured database: the external server when DATABASE_URL or
 * POSTGRES_HOST is set, otherwise an embedded cluster in the data folder.
 * Pending migrations are applied unless `migrate` is false.
 */
export async function openDatabase(
  config: Pick<Config, "database">,
  {
    migrate = true,
    log,
    serveAs = "app",
    warn = (message) => console.warn(message),
  }: {
    migrate?: boolean;
    log?: (line: string) => void;
    /** `app` (requests): the least-privilege role, see roles.ts; `owner`: the migrating user (db:migrate). */
    serveAs?: "app" | "owner";
    warn?: (message: string) => void;
  } = {},
): Promise<Database> {
  let target = config.database;
  let embedded: EmbeddedPostgresHandle | undefined;
  if (target.mode === "embedded") {
    embedded = await startEmbeddedPostgres({ dataDir: target.embeddedDataDir, port: target.port, log });
    target = { ...target, user: embedded.user, password: embedded.password };
  }
  try {
    await ensureDatabaseExists(target);
    const ownerOrm = await initOrm(target);
    if (migrate) await ownerOrm.migrator.up();
    const { orm, serving } =
      serveAs === "app" ? await servingOrm(ownerOrm, target, { warn }) : { orm: ownerOrm, serving: target };
    return {
      orm,
      target,
      serving,
      embedded,
      async close() {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw explainDatabaseError(error, target);
  }
}
