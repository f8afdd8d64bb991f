import { createReadStream, createWriteStream } from "node:fs";
import { chmod, mkdir, readdir, stat } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { FILE_FOLDERS, MIGRATIONS_TABLE, copyColumns, formatBytes, listTables, meter } from "./format";
import type { FileEntry, TableEntry } from "./format";

/** Every table in one consistent snapshot, streamed to `<out>/tables/<table>.copy.gz`. */
export async function backupTables(client: pg.Client, out: string, say: (line: string) => void) {
  await mkdir(join(out, "tables"), { recursive: true, mode: 0o700 });
  await client.query("begin isolation level repeatable read read only");
  try {
    const { rows: version } = await client.query<{ v: string }>("select current_setting('server_version') as v");
    const { rows: applied } = await client.query<{ name: string }>(
      `select name from ${pg.escapeIdentifier(MIGRATIONS_TABLE)} order by id`,
    );
    const tables: TableEntry[] = [];
    for (const table of await listTables(client)) {
      const file = `tables/${table.name}.copy.gz`;
      const progress = (rows: number, bytes: number) => say(`  ${table.name}: ${rows} rows, ${formatBytes(bytes)}…`);
      const counted = meter(progress);
      const sql = `copy ${pg.escapeIdentifier(table.name)} (${copyColumns(table.columns, pg.escapeIdentifier)}) to stdout`;
      await pipeline(
        client.query(copyTo(sql)),
        counted.stream,
        createGzip(),
        createWriteStream(join(out, file), { mode: 0o600 }),
      );
      const { rows, bytes, sha256 } = counted.result();
      tables.push({ name: table.name, columns: table.columns, rows, file, sha256 });
      say(`  ${table.name}: ${rows} rows, ${formatBytes(bytes)}`);
    }
    await client.query("commit");
    return { postgresVersion: version[0]!.v, migrations: applied.map((m) => m.name), tables };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/** Copies `<dataDir>/reports` and `<dataDir>/keys` (when present) to `<out>/files/`, hashing each file. */
export async function backupFiles(dataDir: string, out: string, say: (line: string) => void): Promise<FileEntry[]> {
  const files: FileEntry[] = [];
  for (const folder of FILE_FOLDERS) {
    for await (const source of walk(join(dataDir, folder))) {
      const path = relative(dataDir, source).split("\\").join("/");
      const target = join(out, "files", path);
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      const counted = meter();
      await pipeline(createReadStream(source), counted.stream, createWriteStream(target, { mode: 0o600 }));
      await chmod(target, (await stat(source)).mode & 0o777);
      const { bytes, sha256 } = counted.result();
      files.push({ path, bytes, sha256 });
    }
    const count = files.filter((f) => f.path.startsWith(`${folder}/`)).length;
    if (count) say(`  ${folder}/: ${count} files`);
  }
  return files;
}
