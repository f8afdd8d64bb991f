import { createReadStream, createWriteStream } from "node:fs";
import { chmod, mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { BackupError, copyColumns, formatBytes, meter, type Manifest } from "./format";

export interface LoadResult {
  /** Whether foreign keys and triggers were held off with session_replication_role = replica. */
  replica: boolean;
}

/**
 * In one transaction: empties the backup's tables, copies each back in (checking each file's hash
 * while it streams), resets sequences and checks every row count. Any failure rolls all of it back.
 */
export async function loadTables(
  client: pg.Client,
  dir: string,
  manifest: Manifest,
  say: (line: string) => void,
): Promise<LoadResult> {
  const id = pg.escapeIdentifier;
  await client.query("begin");
  try {
    let replica = true;
    await client.query("savepoint replica");
    try {
      await client.query("set local session_replication_role = replica");
    } catch {
      // Not a superuser: the manifest lists parents before children, so the checks pass in that order.
      await client.query("rollback to savepoint replica");
      replica = false;
    }
    // Without replica mode the owner holds the tables' own triggers off (the audit trail's append-only
    // guard refuses TRUNCATE), inside this transaction only; foreign keys are still checked.
    const tables = manifest.tables.map((t) => id(t.name));
    if (!replica) for (const table of tables) await client.query(`alter table ${table} disable trigger user`);
    await client.query(`truncate ${tables.join(", ")}`);
    for (const table of manifest.tables) {
      const counted = meter((rows, bytes) => say(`  ${table.name}: ${rows} rows, ${formatBytes(bytes)}…`));
      const sql = `copy ${id(table.name)} (${copyColumns(table.columns, id)}) from stdin`;
      await pipeline(
        createReadStream(join(dir, table.file)),
        createGunzip(),
        counted.stream,
        client.query(copyFrom(sql)),
      );
      const { sha256, rows } = counted.result();
      if (sha256 !== table.sha256) {
        throw new BackupError(
          `${table.file} is damaged (its checksum differs from the manifest); nothing was restored.`,
        );
      }
      say(`  ${table.name}: ${rows} rows`);
    }
    if (!replica) for (const table of tables) await client.query(`alter table ${table} enable trigger user`);
    await resetSequences(client);
    for (const table of manifest.tables) {
      const { rows } = await client.query<{ n: string }>(`select count(*) as n from ${id(table.name)}`);
      if (Number(rows[0]!.n) !== table.rows) {
        throw new BackupError(
          `${table.name} holds ${rows[0]!.n} rows after loading, the backup has ${table.rows}; nothing was restored.`,
        );
      }
    }
    await client.query("commit");
    return { replica };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  }
}

/** Every sequence owned by a column of the current schema continues after that column's largest value. */
async function resetSequences(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ seq: string; tbl: string; col: string }>(
    `select format('%I.%I', sn.nspname, s.relname) as seq, t.relname as tbl, a.attname as col
       from pg_class s
       join pg_namespace sn on sn.oid = s.relnamespace
       join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
       join pg_class t on t.oid = d.refobjid
       join pg_namespace n on n.oid = t.relnamespace
       join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
      where s.relkind = 'S' and n.nspname = current_schema()`,
  );
  for (const { seq, tbl, col } of rows) {
    const max = `(select max(${pg.escapeIdentifier(col)}) from ${pg.escapeIdentifier(tbl)})`;
    await client.query(`select setval($1::regclass, coalesce(${max}, 1), ${max} is not null)`, [seq]);
  }
}

/** Copies the backup's files into the data folder, each through a temporary name, checking its hash. */
export async function restoreFiles(dir: string, dataDir: string, manifest: Manifest, say: (line: string) => void) {
  for (const file of manifest.files) {
    const source = join(dir, "files", file.path);
    const target = join(dataDir, file.path);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    const counted = meter();
    const partial = `${target}.restoring`;
    await pipeline(createReadStream(source), counted.stream, createWriteStream(partial, { mode: 0o600 }));
    if (counted.result().sha256 !== file.sha256) {
      await rm(partial, { force: true });
      throw new BackupError(`files/${file.path} is damaged (its checksum differs from the manifest).`);
    }
    await chmod(partial, (await stat(source)).mode & 0o777);
    await rename(partial, target);
  }
  if (manifest.files.length) say(`  ${manifest.files.length} files restored into ${dataDir}`);
}
