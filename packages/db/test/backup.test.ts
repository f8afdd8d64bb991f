/**
 * npm run db:backup / db:restore through their CLIs on a real database: backup → wipe → restore brings
 * every row, migration, report PDF and key back; a restore into a database with data is refused unless
 * --force; a damaged backup restores nothing.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { databaseEnv } from "@shortlist/config";
import { useTestDatabase } from "@shortlist/db/testing";
import { backupCli, fingerprint, restoreCli, runScript } from "./backup-support";

const db = useTestDatabase({ as: "owner" });
let env: Record<string, string>;
let connection: pg.ClientConfig;
const dir = mkdtempSync("/tmp/shortlist-backup-");
const dataDir = join(dir, "data");
let plainOwner: { role: string; db: string } | undefined;

beforeAll(async () => {
  await db.close();
  const { host, port, user, password, dbName } = db.ownerConfig;
  connection = { host, port, user, password, database: dbName };
  env = {
    ...databaseEnv(db.ownerConfig),
    SHORTLIST_DATA_DIR: dataDir,
  };
  const seeded = await runScript("packages/api/src/vetting/cli/seed.ts", ["--demo"], env);
  expect(seeded.stderr).not.toMatch(/error/i);
  expect(seeded.code).toBe(0);
  await sql(`
    insert into users (email, name, role, password_hash)
      values ('zoe@example.com', E'Zoë \\\\ "quoted"\\ttab\\nnewline', 'admin', 'argon2id$x');
    insert into sessions (token_hash, user_id, last_seen_at, expires_at, ip, user_agent)
      select repeat('a', 64), id, now(), now() + interval '1 day', null, E'agent\\r\\n' from users;
    insert into api_tokens (name, prefix, token_hash, user_id) select 'script', 'sl_ab', repeat('b', 64), id from users;
    insert into login_throttles (key, failures, window_started_at) values ('account:zoe', 2, now());
    insert into reports (candidate_id, application_id, assessment_id, recommendation, confidence, summary, strengths, concerns,
        follow_up_questions, standout_metrics, learning_trajectory, vs_benchmark, generated_at, pdf_path)
      select candidate_id, application_id, id, (enum_range(null::report_recommendation))[1], 0.5, E'línea\\\\uno', '["a"]',
        '[]', '[]', '{"k": [1, null]}', 'up', 'above', now(), 'reports/r1.pdf'
      from assessments where status = 'completed' limit 1;
    update candidates set recruiter_notes = E'tab\\there\\\\back', assessment_domains = '{"a b","c,d"}'
      where email like '%@%' and ctid in (select ctid from candidates limit 3);
  `);
  mkdirSync(join(dataDir, "reports"), { recursive: true });
  mkdirSync(join(dataDir, "keys", "people"), { recursive: true });
  writeFileSync(join(dataDir, "reports", "r1.pdf"), Buffer.from("%PDF-1.7 not really\n\u0000binary"));
  writeFileSync(join(dataDir, "keys", "master.key"), "master secret\n", { mode: 0o600 });
  writeFileSync(join(dataDir, "keys", "people", "p1.key"), "person secret\n", { mode: 0o600 });
});

afterAll(async () => {
  try {
    if (plainOwner) {
      await sql(`drop database if exists ${pg.escapeIdentifier(plainOwner.db)} with (force)`);
      await sql(`drop role if exists ${pg.escapeIdentifier(plainOwner.role)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

async function sql(text: string): Promise<void> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function wipe(): Promise<void> {
  await sql("drop schema public cascade; create schema public;");
  rmSync(join(dataDir, "reports"), { recursive: true });
  rmSync(join(dataDir, "keys"), { recursive: true });
}

// signing.pem: the seed opens the keyring (it seals the demo candidates' personal fields in the audit trail).
const files = ["reports/r1.pdf", "keys/master.key", "keys/people/p1.key", "keys/signing.pem"];
const readFiles = () => files.map((f) => readFileSync(join(dataDir, f)).toString("base64"));

test("backup → wipe → restore brings back every row, migration, report PDF and key", async () => {
  const before = await fingerprint(connection);
  expect(Object.keys(before)).toEqual(expect.arrayContaining(["candidates", "assessment_questions", "reports"]));
  expect(Number(before.assessment_questions!.split(" ")[0])).toBeGreaterThan(100);
  const filesBefore = readFiles();

  const out = join(dir, "first");
  const backup = await backupCli(["--out", out], env);
  expect(backup.stderr).toContain("assessment_questions:");
  expect(backup.code).toBe(0);
  expect(backup.stdout.trim()).toBe(out);
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
  expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual([...files].sort());
  expect(statSync(out).mode & 0o777).toBe(0o700);
  expect(statSync(join(out, "files", "keys", "master.key")).mode & 0o777).toBe(0o600);
  // Parents before children: a restore without replica mode can load in this order.
  const order = manifest.tables.map((t: { name: string }) => t.name);
  expect(order.indexOf("users")).toBeLessThan(order.indexOf("sessions"));
  expect(order.indexOf("assessments")).toBeLessThan(order.indexOf("reports"));

  await wipe();
  expect(await fingerprint(connection)).toEqual({});

  const restore = await restoreCli([out], env);
  expect(restore.stderr).toContain("restored and counted");
  expect(restore.code).toBe(0);
  expect(await fingerprint(connection)).toEqual(before);
  expect(readFiles()).toEqual(filesBefore);
  expect(statSync(join(dataDir, "keys", "master.key")).mode & 0o777).toBe(0o600);
});

test("a restore into a database with data is refused without --force and changes nothing; --force replaces it", async () => {
  const out = join(dir, "second");
  expect((await backupCli(["--out", out], env)).code).toBe(0);
  await sql(
    "delete from sessions; update candidates set name = 'Changed' where ctid in (select ctid from candidates limit 1)",
  );
  const changed = await fingerprint(connection);

  const refused = await restoreCli([out], env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/is not empty: it holds rows in .*candidates/);
  expect(refused.stderr).toContain("--force");
  expect(await fingerprint(connection)).toEqual(changed);

  const forced = await restoreCli([out, "--force"], env);
  expect(forced.code).toBe(0);
  const restored = await fingerprint(connection);
  expect(restored).not.toEqual(changed);
  expect(restored.sessions!.startsWith("1 ")).toBe(true);
});

test("a damaged table file restores nothing, and the message names the file", async () => {
  const out = join(dir, "third");
  expect((await backupCli(["--out", out], env)).code).toBe(0);
  const before = await fingerprint(connection);
  const file = join(out, "tables", "reports.copy.gz");
  const text = gunzipSync(readFileSync(file)).toString().replace("above", "ABOVE");
  chmodSync(file, 0o600);
  writeFileSync(file, gzipSync(text));

  const damaged = await restoreCli([out, "--force"], env);
  expect(damaged.code).toBe(1);
  expect(damaged.stderr).toContain("tables/reports.copy.gz is damaged");
  expect(await fingerprint(connection)).toEqual(before);

  const notABackup = await restoreCli([join(dir, "nowhere")], env);
  expect(notABackup.code).toBe(1);
  expect(notABackup.stderr).toContain("is not a Shortlist backup");
});

test("an owner who is not a superuser restores too: tables load parents first with foreign keys checked", async () => {
  const out = join(dir, "fourth");
  expect((await backupCli(["--out", out], env)).code).toBe(0);
  const before = await fingerprint(connection);
  plainOwner = { role: `${env.POSTGRES_DB}_owner`, db: `${env.POSTGRES_DB}_plain` };
  const { role, db: dbName } = plainOwner;
  await sql(`create role ${pg.escapeIdentifier(role)} login password 'plain-owner-pw' nosuperuser`);
  await sql(`create database ${pg.escapeIdentifier(dbName)} owner ${pg.escapeIdentifier(role)}`);

  const plainEnv = { ...env, POSTGRES_USER: role, POSTGRES_PASSWORD: "plain-owner-pw", POSTGRES_DB: dbName };
  const restore = await restoreCli([out, "--no-files"], plainEnv);
  expect(restore.stderr).toContain("not a superuser: tables were loaded parents first");
  expect(restore.code).toBe(0);
  expect(await fingerprint({ ...connection, database: dbName })).toEqual(before);
});
