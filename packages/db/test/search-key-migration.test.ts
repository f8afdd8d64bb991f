import { expect, test } from "vitest";
import { searchKeyOf } from "@shortlist/db";
import { useTestDatabase } from "@shortlist/db/testing";

/**
 * The search-key migration on candidates made before it: every row gets its key from the same normaliser the service
 * uses, over several batches; down drops the column and puts the old expression index back.
 */
const db = useTestDatabase({ as: "owner" });
const SEARCH_KEY = "Migration20261202092340_candidates_search_key";

const sql = <T extends object = Record<string, unknown>>(query: string, params: unknown[] = []) =>
  db.orm.em.fork().execute<T[]>(query, params);

const indexes = async () =>
  (await sql<{ indexname: string }>("select indexname from pg_indexes where tablename = 'candidates'"))
    .map((r) => r.indexname)
    .sort();

test("existing candidates get their search key in batches, and the migration rolls back cleanly", async () => {
  const { migrator } = db.orm;
  const executed = (await migrator.getExecuted()).map((m) => m.name);
  const at = executed.indexOf(SEARCH_KEY);
  expect(at).toBeGreaterThan(0);
  await migrator.down({ to: executed[at - 1] });
  const indexesBefore = await indexes();
  expect(indexesBefore).toContain("candidates_search_trgm_idx");

  await sql("insert into candidates (name, email) values (?, ?), (?, ?)", [
    "Zoë Ångström",
    "ZOE@Example.com",
    "Łukasz  Straße",
    "lukasz@example.com",
  ]);
  // More rows than one batch of the migration holds.
  await sql(
    "insert into candidates (name, email) select 'Bulk ' || i, 'bulk' || i || '@example.com' from generate_series(1, 4500) i",
  );

  await migrator.up({ to: SEARCH_KEY });

  const rows = await sql<{ name: string; email: string; search_key: string }>(
    "select name, email, search_key from candidates",
  );
  expect(rows).toHaveLength(4502);
  for (const row of rows) expect(row.search_key).toBe(searchKeyOf(row.name, row.email));
  expect(rows.find((r) => r.name === "Zoë Ångström")!.search_key).toBe("zoe angstrom zoe@example.com");
  expect(rows.find((r) => r.email === "lukasz@example.com")!.search_key).toBe("lukasz strasse lukasz@example.com");
  const [column] = await sql<{ is_nullable: string }>(
    "select is_nullable from information_schema.columns where table_name = 'candidates' and column_name = 'search_key'",
  );
  expect(column!.is_nullable).toBe("NO");
  expect(await indexes()).toContain("candidates_search_key_trgm_idx");
  expect(await indexes()).not.toContain("candidates_search_trgm_idx");

  await migrator.down({ to: executed[at - 1] });
  expect(await indexes()).toEqual(indexesBefore);
  expect(
    await sql(
      "select 1 from information_schema.columns where table_name = 'candidates' and column_name = 'search_key'",
    ),
  ).toEqual([]);
  await migrator.up();
  expect(await sql("select 1 from candidates where search_key is null")).toEqual([]);
});

test("a selective search reads the trigram index, not the whole table (pg_trgm's similarity given its true cost)", async () => {
  await sql(
    `insert into candidates (name, email, search_key)
     select 'Person ' || md5(i::text), 'p' || i || '@plan.test', 'person ' || md5(i::text) || ' p' || i || '@plan.test'
       from generate_series(1, 25000) i`,
  );
  await sql("analyze candidates");
  for (const term of ["angstrom", "jon"]) {
    const [plan] = await sql<{ "QUERY PLAN": unknown }>(
      "explain (format json) select id from candidates c where (c.search_key like ? or ? <% c.search_key)",
      [`%${term}%`, term],
    );
    expect(JSON.stringify(plan!["QUERY PLAN"])).toContain('"Index Name":"candidates_search_key_trgm_idx"');
  }
});
