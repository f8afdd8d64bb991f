import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

test("importing @shortlist/db keeps a process's failing exit code (a failed test run must fail CI)", () => {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", 'await import("./src/index.ts"); process.exitCode = 3;'],
    { cwd: packageDir, encoding: "utf8" },
  );
  expect(run.stderr).toBe("");
  expect(run.status).toBe(3);
});
