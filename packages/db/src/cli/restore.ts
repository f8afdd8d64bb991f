/**
 * npm run db:restore -- <backup folder> [--force] [--no-files]
 * Restores a backup made by `npm run db:backup` into the configured database (embedded or external):
 * refuses a database that holds data unless --force, migrates it to the backup's level, loads every
 * table in one transaction and checks the counts, then puts reports/ and keys/ back into the data folder.
 */
import { createHash } from "node:crypto";
import { access, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { loadConfig } from "@shortlist/config";
import { runCli } from "./backup/cli";
import { openForMaintenance } from "./backup/connect";
import { BackupError, MIGRATIONS_TABLE, listTables, readManifest, type Manifest } from "./backup/format";
import { loadTables, restoreFiles } from "./backup/load";

const say = (line: string) => process.stderr.write(`${line}\n`);

/** Keys already in the data folder that the backup would replace with different ones. */
async function conflictingKeys(dataDir: string, manifest: Manifest): Promise<string[]> {
  const conflicts: string[] = [];
  for (const file of manifest.files.filter((f) => f.path.startsWith("keys/"))) {
    const current = await readFile(join(dataDir, file.path)).catch(() => undefined);
    if (current && createHash("sha256").update(current).digest("hex") !== file.sha256) conflicts.push(file.path);
  }
  return conflicts;
}

async function tablesWithRows(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname <> $1 order by 1`,
    [MIGRATIONS_TABLE],
  );
  const filled: string[] = [];
  for (const { name } of rows) {
    const { rowCount } = await client.query(`select 1 from ${pg.escapeIdentifier(name)} limit 1`);
    if (rowCount) filled.push(name);
  }
  return filled;
}

await runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { force: { type: "boolean", default: false }, "no-files": { type: "boolean", default: false } },
  });
  if (positionals.length !== 1) {
    throw new BackupError("Usage: npm run db:restore -- <backup folder> [--force] [--no-files]");
  }
  const dir = resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);
  const manifest = await readManifest(dir);
  for (const table of manifest.tables) {
    await access(join(dir, table.file)).catch(() => {
      throw new BackupError(`The backup is incomplete: ${join(dir, table.file)} is missing.`);
    });
  }
  const withFiles = !values["no-files"];

  const config = loadConfig();
  const db = await openForMaintenance(config, say);
  try {
    const migrator = db.orm.migrator;
    const executed = (await migrator.getExecuted()).map((m) => m.name);
    const known = new Set([...executed, ...(await migrator.getPending()).map((m) => m.name)]);
    const unknown = manifest.migrations.filter((name) => !known.has(name));
    if (unknown.length) {
      throw new BackupError(
        `The backup comes from a newer Shortlist (migration ${unknown[0]} is unknown here): update Shortlist, then restore. Nothing was changed.`,
      );
    }
    const newer = executed.filter((name) => !manifest.migrations.includes(name));
    if (newer.length) {
      throw new BackupError(
        `The target, ${db.where}, is already at migration ${newer.at(-1)}, newer than the backup's ${manifest.migrations.at(-1)}: ` +
          `restore into an empty database (drop and create "${db.target.dbName}", or point DATABASE_URL at a new one). Nothing was changed.`,
      );
    }
    const client = await db.client();
    try {
      const filled = await tablesWithRows(client);
      const keys = withFiles ? await conflictingKeys(config.dataDir, manifest) : [];
      if ((filled.length || keys.length) && !values.force) {
        const holds = [
          filled.length ? `rows in ${filled.join(", ")}` : "",
          keys.length ? `different keys (${keys.join(", ")}) in ${config.dataDir}` : "",
        ].filter(Boolean);
        throw new BackupError(
          `The target, ${db.where}, is not empty: it holds ${holds.join(" and ")}. Restoring replaces all of it with the backup; ` +
            `run again with --force to do that. Nothing was changed.`,
        );
      }
      const last = manifest.migrations.at(-1)!;
      if (!executed.includes(last)) {
        say(`migrating to ${last}`);
        await migrator.up({ to: last });
      }
      const present = new Map((await listTables(client)).map((t) => [t.name, t.columns.join(",")]));
      for (const table of manifest.tables) {
        if (present.get(table.name) !== table.columns.join(",")) {
          throw new BackupError(
            `After migrating to ${last}, table ${table.name} does not have the backup's columns (${table.columns.join(", ")}); nothing was restored.`,
          );
        }
      }
      say(`restoring ${dir} into ${db.where}`);
      const { replica } = await loadTables(client, dir, manifest, say);
      if (!replica) say("  (not a superuser: tables were loaded parents first, with foreign keys checked)");
    } finally {
      await client.end();
    }
  } finally {
    await db.close();
  }
  if (withFiles) await restoreFiles(dir, config.dataDir, manifest, say);
  const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
  say(`done: ${manifest.tables.length} tables, ${rows} rows restored and counted`);
});
