import { expect, test } from "vitest";
import { useTestDatabase } from "@shortlist/db/testing";

const db = useTestDatabase({ as: "owner" });

async function leftovers() {
  const em = db.orm.em.fork();
  const tables = await em.execute<{ name: string }[]>(
    "select table_name as name from information_schema.tables where table_schema = 'public' order by 1",
  );
  const types = await em.execute<{ name: string }[]>(
    "select t.typname as name from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname = 'public' and t.typtype = 'e'",
  );
  return { tables: tables.map((r) => r.name), enums: types.map((r) => r.name) };
}

test("all migrations roll back to an empty schema and apply again cleanly", async () => {
  const { migrator } = db.orm;
  const applied = (await migrator.getExecuted()).map((m) => m.name);
  expect(applied.length).toBeGreaterThan(0);

  const reverted = await migrator.down({ to: 0 });
  expect(reverted.map((m) => m.name)).toEqual([...applied].reverse());
  expect(await migrator.getExecuted()).toEqual([]);
  expect(await leftovers()).toEqual({ tables: ["mikro_orm_migrations"], enums: [] });

  const reapplied = await migrator.up();
  expect(reapplied.map((m) => m.name)).toEqual(applied);
  expect(await db.orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe("");
});
