import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { databaseEnv, loadConfig, type DatabaseConfig } from "@shortlist/config";
import { createKeyring, initOrm, type Keyring } from "@shortlist/db";
import { createApp, createLogger } from "@shortlist/server";
import { listenOnLoopback as listen } from "@shortlist/db/net";

let keyring: Keyring | undefined;
/** One keyring for every Shortlist server of the run: they share the database's data keys. */
export const benchKeyring = () =>
  (keyring ??= createKeyring(randomBytes(32), generateKeyPairSync("ed25519").privateKey, { masterKeySource: "bench" }));

/**
 * The real Shortlist app (createApp from @shortlist/server) on a free loopback
 * port, configured as in production except for the log level: `warn`, so that
 * neither side writes a log line per request. `auditOff`: the same build with auditing switched off
 * (ContextDeps' bench/test-only switch), the yardstick for what auditing costs.
 */
export async function startShortlistServer(db: DatabaseConfig, { auditOff = false }: { auditOff?: boolean } = {}) {
  const config = loadConfig(
    {
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      ...databaseEnv(db),
      DB_POOL_MAX: String(db.pool.max),
      SHORTLIST_WEB_DIST: "/nonexistent",
    },
    { readFiles: false },
  );
  const orm = await initOrm(config.database);
  const log = createLogger(config);
  const server = createServer(createApp({ orm, config, log, keyring: benchKeyring(), auditOff }));
  const { url, close } = await listen(server);
  return {
    url,
    orm,
    async close() {
      await close();
      await orm.close(true);
    },
  };
}
