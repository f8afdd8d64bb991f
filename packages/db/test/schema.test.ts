import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@shortlist/db/testing";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({}, { as: "owner" });
});
afterAll(() => db?.dropDatabase());

test("every migration has been applied to the fresh database", async () => {
  expect(await db.orm.migrator.getPending()).toEqual([]);
  expect((await db.orm.migrator.getExecuted()).length).toBeGreaterThan(0);
});

test("the migrated schema is exactly what the entities describe (no drift)", async () => {
  // Any SQL here is a change the entities want that no migration made: add a migration.
  expect(await db.orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe("");
});
