/**
 * The embedded default: db:backup connects to the cluster a running Shortlist serves (starting a second
 * one would fail on its lock), and starts the cluster itself when none runs; db:restore likewise.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { loadConfig } from "@shortlist/config";
import { ensureDatabaseExists } from "../src/database";
import { startEmbeddedPostgres } from "../src/embedded";
import { freePort } from "../src/net";
import { initOrm } from "../src/orm";
import { backupCli, fingerprint, restoreCli } from "./backup-support";

const dir = mkdtempSync("/tmp/shortlist-backup-embedded-");
chmodSync(dir, 0o755); // as root the cluster's user must reach it
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("backup and restore on the embedded cluster, running or not", async () => {
  const port = await freePort();
  const env = { SHORTLIST_DATA_DIR: join(dir, "data"), SHORTLIST_EMBEDDED_PG_PORT: String(port) };
  const config = loadConfig({ ...env, NODE_ENV: "test" }, { readFiles: false });

  // Stands in for a running server: its cluster, migrated, with a candidate in it.
  const cluster = await startEmbeddedPostgres({ dataDir: config.database.embeddedDataDir, port });
  const target = { ...config.database, user: cluster.user, password: cluster.password };
  const connection = { host: "127.0.0.1", port, user: cluster.user, password: cluster.password, database: "shortlist" };
  let before: Record<string, string>;
  try {
    await ensureDatabaseExists(target);
    const orm = await initOrm(target);
    try {
      await orm.migrator.up();
      await orm.em.execute(
        "insert into candidates (name, email, search_key) values ('John Doe', 'john@example.com', 'john doe john@example.com')",
      );
    } finally {
      await orm.close(true);
    }
    before = await fingerprint(connection);

    const live = await backupCli(["--out", join(dir, "live")], env);
    expect(live.stderr).toContain(`backing up the running embedded PostgreSQL of ${join(dir, "data")}`);
    expect(live.stderr).toContain("candidates: 1 rows");
    expect(live.code).toBe(0);
  } finally {
    await cluster.stop();
  }

  const stopped = await backupCli(["--out", join(dir, "stopped")], env);
  expect(stopped.stderr).toContain("starting the embedded PostgreSQL");
  expect(stopped.code).toBe(0);

  const restore = await restoreCli([join(dir, "live"), "--force"], env);
  expect(restore.stderr).toContain("candidates: 1 rows");
  expect(restore.stderr).toMatch(/done: \d+ tables, \d+ rows restored and counted/);
  expect(restore.code).toBe(0);

  const again = await startEmbeddedPostgres({ dataDir: config.database.embeddedDataDir, port });
  try {
    expect(await fingerprint(connection)).toEqual(before);
  } finally {
    await again.stop();
  }
});
