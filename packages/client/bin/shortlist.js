#!/usr/bin/env node
// The `shortlist` command: runs src/cli/main.ts under tsx, in this same process.
// Plain JavaScript that any Node can parse, so that an old Node gets a clear message.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const MIN_MAJOR = 22;
const major = Number(process.versions.node.split(".")[0]);
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** The Node that the repository installs (its `node` devDependency), if this package sits inside it. */
function repositoryNode() {
  for (let dir = packageDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", "node", "bin", "node");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; look further up
    }
    if (dirname(dir) === dir) return null;
  }
}

if (major < MIN_MAJOR) {
  const newer = process.env.SHORTLIST_CLI_REEXEC ? null : repositoryNode();
  if (newer) {
    // Run again under the repository's Node (e.g. `node_modules/.bin/shortlist` from a shell whose `node` is older).
    const child = spawnSync(newer, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, SHORTLIST_CLI_REEXEC: "1" },
    });
    if (child.error) {
      process.stderr.write(`shortlist: could not start ${newer}: ${child.error.message}\n`);
      process.exit(2);
    }
    if (child.signal) process.kill(process.pid, child.signal);
    process.exit(child.status ?? 2);
  }
  process.stderr.write(
    `shortlist needs Node.js ${MIN_MAJOR} or newer, but this is Node ${process.version} (${process.execPath}).\n` +
      "From the Shortlist repository, run it as `npx shortlist ...` or `npm run shortlist -- ...`: both use the Node 24\n" +
      "that `npm install` puts in node_modules/.bin. Or put that folder first on your PATH, or install Node 22+.\n",
  );
  process.exit(2);
}

const { register } = await import("tsx/esm/api");
register({ tsconfig: join(packageDir, "tsconfig.json") });
await import(new URL("../src/cli/main.ts", import.meta.url).href);
