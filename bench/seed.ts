/**
 * Seeds candidates through the fastest path we have: one `INSERT … SELECT`
 * over `generate_series` inside PostgreSQL (no row crosses the wire), with the
 * table's secondary indexes dropped first and rebuilt afterwards from their
 * exact `pg_indexes` definitions (building an index once is far cheaper than
 * maintaining it row by row), then `ANALYZE`.
 */
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { normalizeForSearch } from "@shortlist/db";
import { DEFAULT_STAGES } from "@shortlist/db/constants";

/** Data shape shared by the seed, the import file and the bench's filters. */
export const FIRST_NAMES = [
  "Ada",
  "Grace",
  "Alan",
  "Edsger",
  "Barbara",
  "Donald",
  "Margaret",
  "Ken",
  "Dennis",
  "Frances",
  "John",
  "Martha",
  "Radia",
  "Linus",
  "Guido",
  "Katherine",
  "Tim",
  "Hedy",
  "Claude",
  "Sophie",
  "Niklaus",
  "Leslie",
  "Shafi",
  "Tony",
  "Jean",
  "Annie",
  "Bjarne",
  "Yukihiro",
  "Anders",
  "Ole",
  "Mary",
  "Lynn",
  "Adele",
  "Evelyn",
  "Kathleen",
  "Betty",
  "Carol",
  "Joan",
  "Susan",
  "Xiaoyun",
];
export const LAST_NAMES = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Hamilton",
  "Thompson",
  "Ritchie",
  "Allen",
  "Backus",
  "Smith",
  "Perlman",
  "Torvalds",
  "van Rossum",
  "Johnson",
  "Berners-Lee",
  "Lamarr",
  "Shannon",
  "Wilson",
  "Wirth",
  "Lamport",
  "Goldwasser",
  "Hoare",
  "Sammet",
  "Easley",
  "Stroustrup",
  "Matsumoto",
  "Hejlsberg",
  "Dahl",
  "Keller",
  "Conway",
  "Goldberg",
  "Berezin",
  "Booth",
  "Holberton",
  "Shaw",
  "Clarke",
  "Kare",
  "Wang",
  "Nakamura",
  "Okafor",
  "García",
  "Müller",
  "Kowalski",
  "Novak",
  "Silva",
  "Haddad",
  "Singh",
  "O'Brien",
];
export const ROLES = [
  "Backend Engineer",
  "Frontend Engineer",
  "Data Engineer",
  "Site Reliability Engineer",
  "Product Designer",
  "Product Manager",
  "Engineering Manager",
  "QA Engineer",
  "Security Engineer",
  "Data Scientist",
  "Mobile Engineer",
  "DevOps Engineer",
  "Technical Writer",
  "Solutions Architect",
  "ML Engineer",
  "Support Engineer",
  "Platform Engineer",
  "Analytics Engineer",
  "Staff Engineer",
  "Recruiter",
];
export const COMPANY_COUNT = 200;
export const companyName = (n: number) => `Company ${String(n).padStart(3, "0")}`;
export const DOMAINS = [
  "algorithms",
  "databases",
  "security",
  "frontend",
  "backend",
  "devops",
  "ml",
  "mobile",
  "testing",
  "design",
  "leadership",
  "communication",
];

const sqlArray = (values: readonly string[]) => `array[${values.map((v) => pg.escapeLiteral(v)).join(", ")}]`;

/** Fills `candidates` with `rows` rows; returns the seconds it took. */
export async function seedCandidates(client: pg.Client, rows: number, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
       join pg_class c on c.relname = i.indexname
       join pg_index x on x.indexrelid = c.oid
      where i.schemaname = 'public' and i.tablename = 'candidates' and not x.indisprimary`,
  );
  // People only: since the jobs model (issue #10) role, company and status belong to applications (scenarios/counts.ts
  // files them). The search key, where the schema has one, is the normaliser's output for the same name and email.
  const { rows: searchKey } = await client.query(
    "select 1 from information_schema.columns where table_name = 'candidates' and column_name = 'search_key'",
  );
  const first = `(${sqlArray(FIRST_NAMES)})[1 + s.i % ${FIRST_NAMES.length}]`;
  const last = `(${sqlArray(LAST_NAMES)})[1 + (s.i / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}]`;
  const keyed = (names: readonly string[]) => sqlArray(names.map((n) => normalizeForSearch(n)));
  const key = `(${keyed(FIRST_NAMES)})[1 + s.i % ${FIRST_NAMES.length}] || ' ' || (${keyed(LAST_NAMES)})[1 + (s.i / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}] || ' candidate' || s.i || '@example.com'`;
  await client.query("begin");
  for (const { indexname } of indexes) await client.query(`drop index ${pg.escapeIdentifier(indexname)}`);
  // Newest-first keyset order needs distinct, spread-out created_at values: one row every ~7 s over ~3 months per 1M.
  await client.query(
    `insert into candidates (id, created_at, updated_at, version, name, email, ${searchKey.length ? "search_key," : ""}
                             consent_given, consent_timestamp, assessment_domains, recruiter_notes, resume_url)
     select gen_random_uuid(), s.ts, s.ts, 1,
            ${first} || ' ' || ${last},
            'candidate' || s.i || '@example.com',
            ${searchKey.length ? `${key},` : ""}
            s.i % 3 = 0, case when s.i % 3 = 0 then s.ts end,
            case when s.i % 4 = 0
                 then array[(${sqlArray(DOMAINS)})[1 + s.i % 12], (${sqlArray(DOMAINS)})[1 + (s.i + 5) % 12], (${sqlArray(DOMAINS)})[1 + (s.i + 9) % 12]]
                 else array[(${sqlArray(DOMAINS)})[1 + s.i % 12], (${sqlArray(DOMAINS)})[1 + (s.i + 5) % 12]] end,
            case when s.i % 5 = 0 then 'Strong on fundamentals; follow up about the take-home exercise.' end,
            case when s.i % 7 = 0 then 'https://cv.example.com/' || s.i || '.pdf' end
       from (select i, timestamptz '2025-01-01 00:00:00+00' + i * interval '7 seconds' + (i % 997) * interval '1 millisecond' as ts
               from generate_series(1, $1::int) as i) as s`,
    [rows],
  );
  const inserted = performance.now();
  log(
    `  inserted ${rows.toLocaleString("en")} rows in ${((inserted - started) / 1000).toFixed(1)} s; rebuilding ${indexes.length} indexes`,
  );
  await client.query("set local maintenance_work_mem = '512MB'");
  for (const { indexdef } of indexes) await client.query(indexdef);
  await client.query("commit");
  await client.query("vacuum analyze candidates");
  return (performance.now() - started) / 1000;
}

/**
 * The jobs the seeded people applied to, one application each, taking turns: what the list's company and role filters
 * and the counts scenario read. Two titles share a company and two companies share a title, so each filter is its own.
 */
export const SEED_JOBS = [
  { title: "Backend Engineer", company: companyName(42) },
  { title: "Data Engineer", company: companyName(42) },
  { title: "Backend Engineer", company: companyName(7) },
  { title: "Product Designer", company: companyName(7) },
] as const;

/** Stage positions the applications fill in turn: most in Applied, few in Hired. */
const STAGE_SPREAD = [1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6];

/**
 * Drops a table's constraints (its primary key, unique and foreign keys, and other tables' foreign keys to it) and its
 * other indexes, runs `load`, then builds them all again from their catalogue definitions: indexing and checking the
 * rows once after a bulk insert (an index built by one sort, a foreign key validated by one join) is far cheaper than
 * row by row. Runs inside the caller's transaction.
 */
async function withoutIndexesAndConstraints(client: pg.Client, table: string, load: () => Promise<void>) {
  // Primary key first and other tables' foreign keys last when adding; the other way round when dropping.
  const { rows: constraints } = await client.query<{ on: string; name: string; def: string }>(
    `select conrelid::regclass::text as on, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where (conrelid = $1::regclass and contype in ('p', 'u', 'f')) or (confrelid = $1::regclass and contype = 'f')
      order by conrelid <> $1::regclass, array_position(array['p', 'u', 'f']::"char"[], contype), conname`,
    [table],
  );
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `select c.relname as name, pg_get_indexdef(x.indexrelid) as def from pg_index x join pg_class c on c.oid = x.indexrelid
      where x.indrelid = $1::regclass
        and not exists (select 1 from pg_constraint k where k.conrelid = x.indrelid and k.conindid = x.indexrelid)`,
    [table],
  );
  for (const c of [...constraints].reverse())
    await client.query(`alter table ${c.on} drop constraint ${pg.escapeIdentifier(c.name)}`);
  for (const i of indexes) await client.query(`drop index ${pg.escapeIdentifier(i.name)}`);
  await load();
  await client.query("set local maintenance_work_mem = '512MB'");
  for (const i of indexes) await client.query(i.def);
  for (const c of constraints)
    await client.query(`alter table ${c.on} add constraint ${pg.escapeIdentifier(c.name)} ${c.def}`);
}

/**
 * One application per seeded candidate over SEED_JOBS (each with the default stages), spread over the stages, 20%
 * rejected and 5% withdrawn, with the jobs' and stages' counters set from a full count; returns the seconds. One
 * `INSERT … SELECT` computes each row's job and stage from the candidate's rank, with no join.
 */
export async function seedApplications(client: pg.Client, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  await client.query("begin");
  const { rows: jobs } = await client.query<{ id: string; title: string; company: string }>(
    `insert into jobs (title, company, status) select t, c, 'open' from unnest($1::text[], $2::text[]) as j(t, c)
     returning id, title, company`,
    [SEED_JOBS.map((j) => j.title), SEED_JOBS.map((j) => j.company)],
  );
  const jobIds = SEED_JOBS.map((s) => jobs.find((j) => j.title === s.title && j.company === s.company)!.id);
  const { rows: stages } = await client.query<{ id: string; job_id: string; position: number }>(
    `insert into job_stages (job_id, name, kind, position)
     select j, s.name, s.kind::stage_kind, s.position
       from unnest($1::uuid[]) as j, jsonb_to_recordset($2::jsonb) as s(name text, kind text, position int)
     returning id, job_id, position`,
    [jobIds, JSON.stringify(DEFAULT_STAGES.map((stage, i) => ({ ...stage, position: i + 1 })))],
  );
  // The stage of job k (0-based) at position p (1-based) is stageIds[k * stages + p - 1].
  const stageIds = jobIds.flatMap((jobId) =>
    stages
      .filter((s) => s.job_id === jobId)
      .sort((a, b) => a.position - b.position)
      .map((s) => s.id),
  );
  await withoutIndexesAndConstraints(client, "applications", async () => {
    await client.query(
      `insert into applications (candidate_id, job_id, stage_id, outcome, stage_entered_at, last_activity_at, created_at, updated_at)
       select c.id, ($1::uuid[])[1 + c.i % $3], ($2::uuid[])[(c.i % $3) * $4 + c.p],
              (case when c.i % 100 >= 95 then 'withdrawn' when c.i % 100 >= 75 then 'rejected'
                    when ($5::text[])[c.p] = 'hired' then 'hired' else 'active' end)::application_outcome,
              c.created_at, c.created_at, c.created_at, c.created_at
         from (select id, created_at, i, ($6::int[])[1 + (i / $3) % $7] as p
                 from (select id, created_at, (row_number() over (order by created_at, id))::int as i from candidates) n) c`,
      [
        jobIds,
        stageIds,
        jobIds.length,
        DEFAULT_STAGES.length,
        DEFAULT_STAGES.map((s) => s.kind),
        STAGE_SPREAD,
        STAGE_SPREAD.length,
      ],
    );
  });
  await client.query(
    `update job_stages s set app_count = n.count
     from (select stage_id, count(*)::int as count from applications where outcome in ('active', 'hired') group by stage_id) n
     where s.id = n.stage_id`,
  );
  await client.query(
    `update jobs j set active_count = n.active, hired_count = n.hired, rejected_count = n.rejected, withdrawn_count = n.withdrawn
     from (select job_id, count(*) filter (where outcome = 'active')::int as active, count(*) filter (where outcome = 'hired')::int as hired,
                  count(*) filter (where outcome = 'rejected')::int as rejected, count(*) filter (where outcome = 'withdrawn')::int as withdrawn
           from applications group by job_id) n
     where j.id = n.job_id`,
  );
  await client.query("commit");
  for (const table of ["applications", "job_stages", "jobs"]) await client.query(`vacuum analyze ${table}`);
  const seconds = (performance.now() - started) / 1000;
  const {
    rows: [total],
  } = await client.query<{ n: string }>("select count(*) as n from applications");
  log(`  ${Number(total!.n).toLocaleString("en")} applications over ${jobIds.length} jobs in ${seconds.toFixed(1)} s`);
  return seconds;
}

export interface BenchUser {
  userId: string;
  /** Bearer token for the Shortlist API (an admin's API token). */
  token: string;
}

/** An admin and an API token for it, written directly (only the token's SHA-256 is stored, as the app does). */
export async function seedAdminToken(client: pg.Client, passwordHash: string): Promise<BenchUser> {
  const {
    rows: [user],
  } = await client.query<{ id: string }>(
    "insert into users (email, name, role, password_hash) values ('bench-admin@example.com', 'Bench admin', 'admin', $1) returning id",
    [passwordHash],
  );
  const token = `sl_${randomBytes(32).toString("base64url")}`;
  const hash = createHash("sha256").update(token).digest("hex");
  await client.query(
    "insert into api_tokens (name, prefix, token_hash, user_id, last_used_at) values ('bench', $1, $2, $3, now())",
    [token.slice(0, 10), hash, user!.id],
  );
  return { userId: user!.id, token };
}
