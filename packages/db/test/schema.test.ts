import { expect, test } from "vitest";
import { useTestDatabase } from "@shortlist/db/testing";

const db = useTestDatabase({ as: "owner" });

test("every migration has been applied to the fresh database", async () => {
  expect(await db.orm.migrator.getPending()).toEqual([]);
  expect((await db.orm.migrator.getExecuted()).length).toBeGreaterThan(0);
});

test("the migrated schema is exactly what the entities describe (no drift)", async () => {
  // Any SQL here is a change the entities want that no migration made: add a migration.
  expect(await db.orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe("");
});
