/**
 * The backup format (version 1): a folder holding
 *   manifest.json               written last; its presence marks a complete backup
 *   tables/<table>.copy.gz      each table's rows as PostgreSQL COPY text, gzip'd
 *   files/reports/…, files/keys/…  the data folder's report PDFs and keys (secrets), when present
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import type pg from "pg";

export const FORMAT = "shortlist-backup";
export const FORMAT_VERSION = 1;
export const MIGRATIONS_TABLE = "mikro_orm_migrations";
/** Data-folder subfolders a backup carries: `keys` holds secrets, `reports` the rendered PDFs. */
export const FILE_FOLDERS = ["reports", "keys"] as const;

export interface TableEntry {
  name: string;
  columns: string[];
  rows: number;
  /** Relative to the backup folder. */
  file: string;
  /** SHA-256 of the uncompressed COPY text. */
  sha256: string;
}

export interface FileEntry {
  /** Relative to the data folder, e.g. `reports/abc.pdf`; stored under `files/`. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  postgresVersion: string;
  database: string;
  /** Applied migrations, oldest first: restore migrates the target to the last of them. */
  migrations: string[];
  /** In foreign-key order: a table comes after every table it references. */
  tables: TableEntry[];
  files: FileEntry[];
}

export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BackupError";
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** Reads and checks `<dir>/manifest.json`, naming the first field that is wrong. */
export async function readManifest(dir: string): Promise<Manifest> {
  const file = join(dir, "manifest.json");
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupError(
      code === "ENOENT"
        ? `"${dir}" is not a Shortlist backup: it has no manifest.json (an interrupted backup has none).`
        : `${file} cannot be read: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const m = parsed as Partial<Manifest>;
  const bad = (field: string, why: string) => new BackupError(`${file}: "${field}" ${why}`);
  if (m?.format !== FORMAT) throw bad("format", `must be "${FORMAT}"`);
  if (m.version !== FORMAT_VERSION)
    throw bad("version", `is ${String(m.version)}; this Shortlist reads version ${FORMAT_VERSION}`);
  if (!isStringArray(m.migrations) || m.migrations.length === 0) throw bad("migrations", "must list migration names");
  if (!Array.isArray(m.tables)) throw bad("tables", "must be a list");
  m.tables.forEach((t, i) => {
    if (typeof t?.name !== "string" || !/^[a-z_][a-z0-9_]*$/.test(t.name)) throw bad(`tables[${i}].name`, "is invalid");
    if (!isStringArray(t.columns) || !t.columns.length) throw bad(`tables[${i}].columns`, "must list column names");
    if (!Number.isSafeInteger(t.rows) || t.rows < 0) throw bad(`tables[${i}].rows`, "must be a count");
    if (t.file !== `tables/${t.name}.copy.gz`) throw bad(`tables[${i}].file`, `must be tables/${t.name}.copy.gz`);
    if (typeof t.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(t.sha256))
      throw bad(`tables[${i}].sha256`, "is invalid");
  });
  if (!Array.isArray(m.files)) throw bad("files", "must be a list");
  m.files.forEach((f, i) => {
    const safe =
      typeof f?.path === "string" &&
      FILE_FOLDERS.some((folder) => f.path.startsWith(`${folder}/`)) &&
      !f.path.split("/").some((part) => part === ".." || part === "" || part === ".");
    if (!safe) throw bad(`files[${i}].path`, "must be a plain path under reports/ or keys/");
    if (!Number.isSafeInteger(f.bytes) || f.bytes < 0) throw bad(`files[${i}].bytes`, "must be a size");
    if (typeof f.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(f.sha256)) throw bad(`files[${i}].sha256`, "is invalid");
  });
  return m as Manifest;
}

/** A pass-through stream that hashes and counts what flows through it (rows = newlines in COPY text). */
export function meter(onProgress?: (rows: number, bytes: number) => void) {
  const hash = createHash("sha256");
  let rows = 0;
  let bytes = 0;
  let reported = Date.now();
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
      if (onProgress && Date.now() - reported > 1000) {
        reported = Date.now();
        onProgress(rows, bytes);
      }
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ rows, bytes, sha256: hash.digest("hex") }) };
}

/** The tables of the current schema (but the migrations table), parents before children, and their columns. */
export async function listTables(client: pg.Client): Promise<Array<{ name: string; columns: string[] }>> {
  const { rows: tables } = await client.query<{ name: string; columns: string[] }>(
    `select c.relname as name,
            array_agg(a.attname::text order by a.attnum) as columns
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname <> $1
      group by c.relname
      order by c.relname`,
    [MIGRATIONS_TABLE],
  );
  const { rows: references } = await client.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent
       from pg_constraint k
       join pg_class c on c.oid = k.conrelid
       join pg_class p on p.oid = k.confrelid
       join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = current_schema() and c.oid <> p.oid`,
  );
  const ordered: typeof tables = [];
  const placed = new Set<string>();
  const visit = (table: (typeof tables)[number], path: Set<string>) => {
    if (placed.has(table.name) || path.has(table.name)) return; // a cycle: restore relies on replica mode
    path.add(table.name);
    for (const ref of references.filter((r) => r.child === table.name)) {
      const parent = tables.find((t) => t.name === ref.parent);
      if (parent) visit(parent, path);
    }
    placed.add(table.name);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

export function copyColumns(columns: string[], escape: (name: string) => string): string {
  return columns.map(escape).join(", ");
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
