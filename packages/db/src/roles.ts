/**
 * The database role that serves requests. Migrations run as the configured
 * (owner) user; requests run as a role that can only read and write rows:
 * for the embedded cluster `shortlist_app`, made here at every start; for an
 * external server the role DATABASE_APP_URL names (see README, "Database roles").
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import pg from "pg";
import type { DatabaseConfig } from "@shortlist/config";
import { initOrm, type MikroORM } from "./orm";

export const APP_ROLE = "shortlist_app";

const DUPLICATE_OBJECT = "42710";
const UNIQUE_VIOLATION = "23505";

type Connection = Pick<DatabaseConfig, "host" | "port" | "user" | "password" | "dbName" | "connectTimeoutMs">;

async function withClient<T>(db: Connection, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.dbName,
    connectionTimeoutMillis: db.connectTimeoutMs,
    application_name: "shortlist",
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `.data/postgres.app.password` beside the cluster's `.data/postgres.password`. */
export function appPasswordFile(embeddedDataDir: string): string {
  return join(dirname(embeddedDataDir), `${basename(embeddedDataDir)}.app.password`);
}

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(24).toString("base64url");
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * A SCRAM-SHA-256 verifier (RFC 5802/7677, as PostgreSQL stores it), so the
 * plain password never appears in a statement the server could log.
 * The password must need no SASLprep (ours are base64url).
 */
export function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest("base64");
  const serverKey = createHmac("sha256", salted).update("Server Key").digest("base64");
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey}:${serverKey}`;
}

const ATTRIBUTES = "login nosuperuser nocreatedb nocreaterole noreplication nobypassrls inherit";

/**
 * Creates (or brings back in line) a login role that may only read and write
 * the rows of the owner's schema, and the same on tables later migrations make.
 * Runs as `owner` on its database; needs CREATEROLE (or superuser).
 */
export async function ensureAppRole(owner: Connection, role: { name: string; password: string }): Promise<void> {
  const name = pg.escapeIdentifier(role.name);
  const verifier = pg.escapeLiteral(scramVerifier(role.password));
  await withClient(owner, async (client) => {
    const { rows } = await client.query<{ exists: boolean }>(
      "select exists (select from pg_roles where rolname = $1) as exists",
      [role.name],
    );
    if (!rows[0]?.exists) {
      await client.query(`create role ${name} ${ATTRIBUTES} password ${verifier}`).catch((error: unknown) => {
        // Another process made it between the look-up and here: fine, it is altered below.
        const code = (error as { code?: string }).code;
        if (code !== DUPLICATE_OBJECT && code !== UNIQUE_VIOLATION) throw error;
      });
    }
    const [{ schema, owner: ownerRole }] = (
      await client.query<{ schema: string; owner: string }>("select current_schema() as schema, current_user as owner")
    ).rows as [{ schema: string; owner: string }];
    const ns = pg.escapeIdentifier(schema);
    await client.query("begin");
    try {
      // An existing role is reset too: its password to the one on file, its attributes to the least.
      await client.query(`alter role ${name} ${ATTRIBUTES} password ${verifier}`);
      await client.query(`grant connect on database ${pg.escapeIdentifier(owner.dbName)} to ${name}`);
      await client.query(`grant usage on schema ${ns} to ${name}`);
      await client.query(`grant select, insert, update, delete on all tables in schema ${ns} to ${name}`);
      await client.query(`grant usage, select on all sequences in schema ${ns} to ${name}`);
      const forOwner = `alter default privileges for role ${pg.escapeIdentifier(ownerRole)} in schema ${ns}`;
      await client.query(`${forOwner} grant select, insert, update, delete on tables to ${name}`);
      await client.query(`${forOwner} grant usage, select on sequences to ${name}`);
      // The migration history is the owner's to write; the app may only read it (to see nothing is pending).
      const { rows: history } = await client.query<{ table: string | null }>(
        "select to_regclass(format('%I.mikro_orm_migrations', $1::text))::text as table",
        [schema],
      );
      if (history[0]?.table) await client.query(`revoke insert, update, delete on ${history[0].table} from ${name}`);
      // The audit trail is append-only (its triggers refuse the rest for everyone); its head only moves forward.
      const { rows: audit } = await client.query<{ events: string | null; head: string | null }>(
        "select to_regclass(format('%I.audit_events', $1::text))::text as events, to_regclass(format('%I.audit_head', $1::text))::text as head",
        [schema],
      );
      if (audit[0]?.events) {
        await client.query(`revoke update, delete, truncate on ${audit[0].events} from ${name}`);
        // Chaining a committed event fills in these three, once (the table's guard trigger checks the rest).
        await client.query(`grant update (seq, prev_hash, hash) on ${audit[0].events} to ${name}`);
      }
      if (audit[0]?.head) await client.query(`revoke insert, delete, truncate on ${audit[0].head} from ${name}`);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback");
      throw error;
    }
  });
}

/** Whether `db.user` is a PostgreSQL superuser. */
export async function isSuperuser(db: Connection): Promise<boolean> {
  return withClient(db, async (client) => {
    const { rows } = await client.query<{ super: boolean }>(
      "select rolsuper as super from pg_roles where rolname = current_user",
    );
    return rows[0]?.super ?? false;
  });
}

/**
 * Settles the connection that serves requests, after migrations ran as `owner`
 * (the configured connection in force; for the embedded cluster, with its password):
 * embedded → `shortlist_app` with the password kept beside the cluster's;
 * external → DATABASE_APP_URL's role, else the owner itself.
 * Warns when requests would be served by a superuser.
 */
export async function appConnection(
  owner: DatabaseConfig,
  { warn, roleName = APP_ROLE }: { warn: (message: string) => void; roleName?: string },
): Promise<DatabaseConfig> {
  if (owner.mode === "embedded") {
    const password = readOrCreatePassword(appPasswordFile(owner.embeddedDataDir));
    await ensureAppRole(owner, { name: roleName, password });
    return { ...owner, user: roleName, password };
  }
  const serving = owner.app ? { ...owner, ...owner.app } : owner;
  if (await isSuperuser(serving)) {
    warn(
      `Requests are served as the PostgreSQL superuser "${serving.user}": ` +
        `set DATABASE_APP_URL to a role that may only read and write rows (README, "Database roles").`,
    );
  }
  return serving;
}

/**
 * Hands back the ORM that serves requests: `ownerOrm` itself when the owner
 * serves, else a new ORM as the app role. `ownerOrm` is closed when it is not the one returned.
 */
export async function servingOrm(
  ownerOrm: MikroORM,
  owner: DatabaseConfig,
  options: { warn: (message: string) => void },
): Promise<{ orm: MikroORM; serving: DatabaseConfig }> {
  let serving: DatabaseConfig;
  try {
    serving = await appConnection(owner, options);
  } catch (error) {
    await ownerOrm.close(true);
    throw error;
  }
  if (serving === owner) return { orm: ownerOrm, serving };
  await ownerOrm.close(true);
  return { orm: await initOrm(serving), serving };
}
