/**
 * `kill -9` the `shortlist candidates import` CLI in the middle of a file, run
 * it again on the same file: the table ends up holding every row of the file
 * exactly once (each batch is saved whole or not at all; rows already present
 * are skipped on the second run).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, test } from "vitest";
import { useTestDatabase } from "@shortlist/db/testing";
import { createUser, PASSWORD } from "../../../../packages/api/test/helpers";
import { serveApp, tokenClient } from "./helpers";

const CLI = fileURLToPath(new URL("../../../../packages/client/bin/shortlist.js", import.meta.url));
const ROWS = 40_000;

const db = useTestDatabase();
let app: Awaited<ReturnType<typeof serveApp>>;
let dir: string;
let file: string;
let env: Record<string, string>;

beforeAll(async () => {
  app = await serveApp(db);
  const { url } = app;
  const user = await createUser(db.orm, "recruiter");
  const token = (await tokenClient(url, user.email, PASSWORD)).headers.authorization!.replace(/^Bearer /, "");
  env = { ...(process.env as Record<string, string>), SHORTLIST_URL: url, SHORTLIST_TOKEN: token, NO_COLOR: "1" };

  dir = await mkdtemp(join(tmpdir(), "shortlist-import-kill-"));
  file = join(dir, "candidates.jsonl");
  const lines: string[] = [];
  for (let i = 1; i <= ROWS; i++) {
    lines.push(
      JSON.stringify({
        name: `Imported ${i}`,
        email: `imported${i}@example.com`,
        role: ["Engineer", "Designer", "Analyst"][i % 3],
        company: `Company ${i % 17}`,
        assessmentDomains: ["backend", "databases"].slice(0, 1 + (i % 2)),
        consentGiven: i % 2 === 0,
      }),
    );
  }
  await writeFile(file, `${lines.join("\n")}\n`);
});
afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function stored(): Promise<{ rows: number; emails: number }> {
  const [row] = await db.orm.em
    .fork()
    .execute<{ rows: string; emails: string }[]>(
      "select count(*) as rows, count(distinct lower(email)) as emails from candidates",
    );
  return { rows: Number(row!.rows), emails: Number(row!.emails) };
}

function runCli(args: string[]): {
  child: ChildProcess;
  output: () => string;
  exit: Promise<[number | null, NodeJS.Signals | null]>;
} {
  // The repository's Node (this process's) runs the CLI directly: one process, so SIGKILL reaches the importer itself.
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exit = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, output: () => output, exit };
}

test("kill -9 mid-import, then the same import again: every row of the file exactly once", async () => {
  const first = runCli(["candidates", "import", file, "--batch-size", "250"]);
  // Wait (a bounded number of looks) until some batches are saved, then kill it without warning.
  let atKill = { rows: 0, emails: 0 };
  for (let look = 0; look < 1_200 && atKill.rows < 2_000; look++) {
    await sleep(25);
    atKill = await stored();
    if (first.child.exitCode !== null) break;
  }
  first.child.kill("SIGKILL");
  const [code, signal] = await first.exit;
  expect({ code, signal }, first.output()).toEqual({ code: null, signal: "SIGKILL" });
  // A batch the server was already writing still commits (or not) after the client died: let it settle.
  let afterKill = await stored();
  for (let look = 0, unchanged = 0; look < 100 && unchanged < 5; look++) {
    await sleep(100);
    const now = await stored();
    unchanged = now.rows === afterKill.rows ? unchanged + 1 : 0;
    afterKill = now;
  }
  // Really mid-way: some rows saved, not all.
  expect(afterKill.rows).toBeGreaterThan(0);
  expect(afterKill.rows).toBeLessThan(ROWS);
  expect(afterKill.emails).toBe(afterKill.rows);

  const second = runCli(["candidates", "import", file]);
  const [code2] = await second.exit;
  expect(code2, second.output()).toBe(0);
  // The second run skipped what the first had saved and created the rest.
  expect(second.output()).toMatch(new RegExp(`${(ROWS - afterKill.rows).toLocaleString("en-US")} created`));
  expect(second.output()).toMatch(new RegExp(`${afterKill.rows.toLocaleString("en-US")} skipped`));

  expect(await stored()).toEqual({ rows: ROWS, emails: ROWS });
  const [missing] = await db.orm.em
    .fork()
    .execute<{ n: string }[]>(
      "select count(*) as n from generate_series(1, ?::int) i where not exists (select 1 from candidates c where c.email = 'imported' || i || '@example.com')",
      [ROWS],
    );
  expect(Number(missing!.n)).toBe(0);
}, 240_000);
