/**
 * Start-up of the embedded PostgreSQL: after a kill -9 of the process that started it, on a busy
 * port, in a folder its OS user cannot enter. Each failure must say its cause and what to do.
 */
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { startEmbeddedPostgres } from "../src/embedded";
import { freePort } from "../src/net";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const serverMain = fileURLToPath(new URL("../../../apps/server/src/main.ts", import.meta.url));
const root = process.getuid?.() === 0;
// As root the cluster runs as `postgres`, which must be able to reach /tmp/<dir>.
const dir = mkdtempSync(join("/tmp", "shortlist-start-"));
chmodSync(dir, 0o755);
afterAll(() => {
  // A failed run may leave a cluster behind: stop it before removing its folder.
  try {
    process.kill(
      Number(readFileSync(join(dir, "data", "postgres", "postmaster.pid"), "utf8").split("\n")[0]),
      "SIGINT",
    );
  } catch {
    // none running
  }
  spawnSync("chmod", ["-R", "u+rwx", dir]);
  rmSync(dir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of ["DATABASE_URL", "DATABASE_APP_URL", "POSTGRES_HOST"]) delete env[name];
  return env;
}

test("a cluster left running by a killed process is stopped and the next start succeeds", async () => {
  const dataDir = join(dir, "data", "postgres");
  const port = await freePort();
  const script =
    `const { startEmbeddedPostgres } = await import("./src/embedded.ts");` +
    `await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} });` +
    `console.log("ready"); setInterval(() => {}, 60_000);`;
  const first = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: packageDir,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  first.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  await expect.poll(() => out, { timeout: 120_000, interval: 200 }).toContain("ready");
  const orphan = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  first.kill("SIGKILL");
  await once(first, "exit");
  expect(alive(orphan)).toBe(true);

  const lines: string[] = [];
  const cluster = await startEmbeddedPostgres({ dataDir, port, log: (line) => lines.push(line) });
  try {
    expect(alive(orphan)).toBe(false);
    expect(lines.join("\n")).toContain(`stopping the orphaned embedded PostgreSQL (PID ${orphan})`);
    const client = new pg.Client({ host: "127.0.0.1", port, user: cluster.user, password: cluster.password });
    await client.connect();
    expect((await client.query("select 1 as one")).rows).toEqual([{ one: 1 }]);
    await client.end();

    // While a live process owns it, the folder is not taken from it.
    await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(
      new RegExp(
        `is in use: its PostgreSQL \\(PID \\d+\\) was started by another running process \\(PID ${process.pid}`,
      ),
    );
  } finally {
    await cluster.stop();
  }

  // A busy port: the real cause and the setting to change, not "undefined".
  const blocker = createServer().listen(port, "127.0.0.1");
  await once(blocker, "listening");
  try {
    const failure = startEmbeddedPostgres({ dataDir, port });
    await expect(failure).rejects.toThrow(/Address already in use/);
    await expect(failure).rejects.toThrow(/set SHORTLIST_EMBEDDED_PG_PORT to a free port/);
  } finally {
    blocker.close();
  }

  // The data folder is private to its owner; as root the cluster's group may only pass through it.
  expect(statSync(join(dir, "data")).mode & 0o777).toBe(root ? 0o710 : 0o700);
});

test("a data folder inside a folder the cluster's user cannot enter is refused with a plain message", async () => {
  const privateDir = join(dir, "private");
  mkdirSync(privateDir);
  // As root the cluster's user is `postgres`, shut out by 0700; as anyone else, shut ourselves out.
  chmodSync(privateDir, root ? 0o700 : 0o000);
  const run = spawn(process.execPath, ["--import", "tsx", serverMain], {
    cwd: packageDir,
    env: childEnv({
      SHORTLIST_DATA_DIR: join(privateDir, "data"),
      SHORTLIST_EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
      LOG_LEVEL: "silent",
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  run.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(run, "exit")) as [number];
  expect(code).toBe(1);
  expect(stderr).toContain("Shortlist could not start: The embedded PostgreSQL cannot use the data folder");
  expect(stderr).toContain(`cannot enter "${privateDir}"`);
  expect(stderr).toContain(root ? 'the OS user "postgres"' : "the OS user");
  expect(stderr).toContain("Set SHORTLIST_DATA_DIR to a folder outside private folders");
  expect(stderr).not.toContain("undefined");
});
