/** Shared by the backup tests: running the CLIs as a person would, and fingerprints of every table. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry point of the repository with `env` added and no inherited database settings. */
export async function runScript(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: repoRoot, LOG_LEVEL: "silent" };
  for (const name of ["DATABASE_URL", "DATABASE_APP_URL", "POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DB"]) {
    delete childEnv[name];
  }
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: repoRoot,
    env: { ...childEnv, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number];
  return { code, stdout, stderr };
}

export const backupCli = (args: string[], env: Record<string, string>) =>
  runScript("packages/db/src/cli/backup.ts", args, env);
export const restoreCli = (args: string[], env: Record<string, string>) =>
  runScript("packages/db/src/cli/restore.ts", args, env);

/** Per table (the migrations table included, by name only): its row count and an md5 over its sorted rows. */
export async function fingerprint(connection: pg.ClientConfig): Promise<Record<string, string>> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = current_schema() order by 1`,
    );
    const result: Record<string, string> = {};
    for (const { name } of tables) {
      const id = pg.escapeIdentifier(name);
      const sql =
        name === "mikro_orm_migrations"
          ? `select count(*) || ' ' || string_agg(name, ',' order by name) as f from ${id}`
          : `select count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '-') as f from ${id} t`;
      result[name] = (await client.query<{ f: string }>(sql)).rows[0]!.f;
    }
    return result;
  } finally {
    await client.end();
  }
}
