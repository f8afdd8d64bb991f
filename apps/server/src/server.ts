import { once } from "node:events";
import type { AddressInfo } from "node:net";
import {
  ensureBootstrapAdmin,
  recoverConversations,
  startMailWorker,
  stopConversations,
  stopJudges,
  stopPreprocessing,
  type MailWorker,
} from "@shortlist/api";
import { ConfigError, loadConfig, type Config } from "@shortlist/config";
import { openDatabase, openKeyring, type Database } from "@shortlist/db";
import type { Logger } from "pino";
import { createHttpServer } from "./app";
import { startCheckpointWriter, type CheckpointWriter } from "./checkpoints";
import { startPeriodicCleanup, type PeriodicCleanup } from "./cleanup";
import { createLogger } from "./logger";

export interface RunningServer {
  url: string;
  config: Config;
  database: Database;
  log: Logger;
  /** Deletes expired sessions and old sign-in throttle rows every SHORTLIST_CLEANUP_INTERVAL_MS. */
  cleanup: PeriodicCleanup;
  /** Signs the audit chain's head into `<data dir>/checkpoints/` every N events or minutes (and at stop). */
  checkpoints: CheckpointWriter;
  /** Sends the mail outbox after each commit (SMTP_URL), or holds it for the Mailbox. */
  mail: MailWorker;
  stop(): Promise<void>;
}

/** Opens the database (embedded or external), applies migrations, creates the first admin if asked, listens. */
export async function startServer(config: Config = loadConfig()): Promise<RunningServer> {
  const log = createLogger(config);
  if (config.database.mode === "embedded") {
    log.info({ dataDir: config.database.embeddedDataDir, port: config.database.port }, "starting embedded PostgreSQL");
  }
  const database = await openDatabase(config, {
    log: (line) => log.debug({ postgres: line }),
    warn: (message) => log.warn(message),
  });
  log.info(
    { host: database.target.host, port: database.target.port, db: database.target.dbName, user: database.serving.user },
    "database ready, migrations applied",
  );

  let keyring;
  try {
    keyring = await openKeyring({ dataDir: config.dataDir, masterKeyBase64: config.keys.masterKey, log }, database.orm);
  } catch (error) {
    await database.close();
    throw error;
  }

  const bootstrap = await ensureBootstrapAdmin(database.orm.em.fork(), config);
  if (bootstrap === "created")
    log.info({ email: config.bootstrapAdmin?.email }, "created the first admin from SHORTLIST_ADMIN_EMAIL");

  const server = createHttpServer({ orm: database.orm, config, log, keyring });
  server.listen(config.port, config.host);
  try {
    await once(server, "listening");
  } catch (error) {
    await database.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;

  const cleanup = startPeriodicCleanup({ orm: database.orm, config, log });
  void cleanup.runOnce();
  const checkpoints = startCheckpointWriter({ orm: database.orm, config, log, keyring });
  const mail = startMailWorker({ orm: database.orm, config, log, keyring });
  if (!config.mail.smtpUrl) log.info("no SMTP_URL: mail is held in the outbox (read it in the Mailbox), never sent");
  // Replies a stopped server left half-written become incomplete (retryable); pending ones are written now.
  await recoverConversations({ orm: database.orm, config, log, keyring }).catch((error: unknown) =>
    log.error({ err: error }, "recovering chat replies at start failed; pending ones wait for a retry"),
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await cleanup.stop();
      await mail.stop();
      // Ends live chat event streams (SSE) too, which would otherwise keep their connections open.
      await stopConversations({ orm: database.orm, config, log, keyring });
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Interview answers' model judge: calls in flight are aborted (the built-in evaluation stays).
      await stopJudges();
      // Admissions' preprocessing stops after its current chunk; `admissions.preprocess` resumes it.
      await stopPreprocessing();
      // After the last request: the final checkpoint covers every event written.
      await checkpoints.stop();
      await database.close();
    })());
  return { url, config, database, log, cleanup, checkpoints, mail, stop };
}

export { ConfigError };
