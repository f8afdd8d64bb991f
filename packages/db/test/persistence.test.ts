import { expect, test } from "vitest";
import { Candidate, initOrm } from "@shortlist/db";
import { useTestDatabase } from "@shortlist/db/testing";

const db = useTestDatabase();

// Seed 000 lost Martha Smith: only the row flushed outside the transaction survived a reconnect.
test("rows written through a fork, in and out of a transaction, survive a new connection", async () => {
  const em = db.orm.em.fork();
  em.create(Candidate, { name: "John Doe", email: "john@example.com" });
  await em.flush();
  await em.transactional(async (tx) => {
    tx.create(Candidate, { name: "Martha Smíth", email: "Martha@example.com" });
  });
  await db.close();

  const orm = await initOrm(db.config);
  try {
    const found = await orm.em.fork().find(Candidate, {}, { orderBy: { name: "asc" } });
    // The search key comes from the entity's onCreate (the one normaliser): nothing sets it by hand.
    expect(found.map((c) => [c.name, c.email, c.searchKey, c.version])).toEqual([
      ["John Doe", "john@example.com", "john doe john@example.com", 1],
      ["Martha Smíth", "Martha@example.com", "martha smith martha@example.com", 1],
    ]);
  } finally {
    await orm.close(true);
  }
});
