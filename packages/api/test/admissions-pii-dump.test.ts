/**
 * PII at rest: 1,000 applications through the public form (in parallel chunks, as many browsers would send them),
 * then every row of every table of the database as text (what pg_dump would write; the embedded server has none)
 * holds none of their names, emails or phone numbers, as typed or as digits only.
 */
import pg from "pg";
import { beforeAll, describe, expect, test } from "vitest";
import { useTestApi, type Caller } from "./helpers";
import { applicantCaller, createCycle, manyApplicants, openCycle } from "./admissions-support";

const api = useTestApi();
let admin: Caller;

beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
});

const APPLICANTS = 1_000;
const PARALLEL = 20;

/** Every row of every table, as PostgreSQL prints it, one per line. */
async function dumpAllTables(): Promise<string> {
  const { host, port, user, password, dbName } = api.db.ownerConfig;
  const client = new pg.Client({ host, port, user, password, database: dbName });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      "select tablename as name from pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
    );
    expect(tables.map((r) => r.name)).toEqual(
      expect.arrayContaining(["admission_applications", "audit_events", "data_keys", "admission_rate_limits"]),
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const { rows } = await client.query<{ row: string }>(`select t::text as row from ${pg.escapeIdentifier(name)} t`);
      parts.push(...rows.map((r) => r.row));
    }
    return parts.join("\n");
  } finally {
    await client.end();
  }
}

describe("a database with 1,000 applications", () => {
  test("holds none of their names, emails or phone numbers in plaintext", { timeout: 120_000 }, async () => {
    const cycle = await createCycle(admin);
    await openCycle(admin, cycle.id);
    const applicants = manyApplicants(APPLICANTS);
    const caller = applicantCaller(api);
    for (let start = 0; start < applicants.length; start += PARALLEL) {
      await Promise.all(
        applicants
          .slice(start, start + PARALLEL)
          .map((applicant) => caller.applicants.submit({ slug: cycle.slug, ...applicant })),
      );
    }
    await admin.admissions.freeze({ cycleId: cycle.id });
    expect((await admin.admissions.cycles.get({ cycleId: cycle.id })).counts.SUBMITTED).toBe(APPLICANTS);

    const dump = (await dumpAllTables()).toLowerCase();
    expect(dump.length).toBeGreaterThan(APPLICANTS * 500);
    const found: string[] = [];
    for (const { name, email, phone } of applicants) {
      for (const value of [name, email, phone, phone.replace(/\D/g, "")])
        if (dump.includes(value.toLowerCase())) found.push(value);
    }
    expect(found).toEqual([]);

    // The check itself finds what is there: one applicant's values, planted in plaintext, are all caught.
    const [probe] = applicants;
    await api.db.orm.em
      .fork()
      .execute("update admission_cycles set description = ? where id = ?", [
        `${probe!.name} ${probe!.email} ${probe!.phone}`,
        cycle.id,
      ]);
    const planted = (await dumpAllTables()).toLowerCase();
    expect([probe!.name, probe!.email, probe!.phone].filter((v) => planted.includes(v.toLowerCase()))).toHaveLength(3);
  });
});
