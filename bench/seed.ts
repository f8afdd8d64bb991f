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
