/**
 * npm run db:backup [-- --out <folder>] [--no-files]
 * A consistent backup with no PostgreSQL client installed: one REPEATABLE READ READ ONLY transaction
 * copies every table out (COPY … TO STDOUT, gzip'd, streamed), then the data folder's reports/ and keys/.
 * Works on the embedded cluster (running or not) and on an external server (DATABASE_URL).
 */
import { mkdir, readdir, rename, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "@shortlist/config";
import { runCli } from "./backup/cli";
import { backupFiles, backupTables } from "./backup/dump";
import { FORMAT, FORMAT_VERSION, BackupError, type Manifest } from "./backup/format";
import { openForMaintenance } from "./backup/connect";

const say = (line: string) => process.stderr.write(`${line}\n`);

await runCli(async () => {
  const { values } = parseArgs({
    options: { out: { type: "string", short: "o" }, "no-files": { type: "boolean", default: false } },
  });
  // npm runs scripts in the package folder; a relative --out means the folder the command was typed in.
  const base = process.env.INIT_CWD ?? process.cwd();
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
  const out = resolve(base, values.out ?? `backups/shortlist-${stamp}`);
  const existing = await readdir(out).catch(() => []);
  if (existing.length) throw new BackupError(`--out: "${out}" is not empty; choose a new folder.`);
  await mkdir(out, { recursive: true, mode: 0o700 });

  const config = loadConfig();
  const db = await openForMaintenance(config, say);
  let manifest: Manifest;
  try {
    say(`backing up ${db.where} to ${out}`);
    const client = await db.client();
    try {
      const dump = await backupTables(client, out, say);
      manifest = {
        format: FORMAT,
        version: FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        postgresVersion: dump.postgresVersion,
        database: db.target.dbName,
        migrations: dump.migrations,
        tables: dump.tables,
        files: [],
      };
    } finally {
      await client.end();
    }
  } finally {
    await db.close();
  }
  if (!values["no-files"]) manifest.files = await backupFiles(config.dataDir, out, say);
  await writeFile(resolve(out, "manifest.json.partial"), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await rename(resolve(out, "manifest.json.partial"), resolve(out, "manifest.json"));
  const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
  say(`done: ${manifest.tables.length} tables, ${rows} rows, ${manifest.files.length} files`);
  console.log(out);
});
