/** Changes made outside any request (the first admin from SHORTLIST_ADMIN_EMAIL at start) are in the trail too, as the system's. */
import { expect, test } from "vitest";
import { ensureBootstrapAdmin } from "@shortlist/api";
import { testConfig, useTestApi } from "./helpers";

const { db } = useTestApi();

test("the bootstrap admin's creation is recorded as the system's, without the password", async () => {
  const password = "bootstrap password here";
  const config = testConfig(db.config, {
    SHORTLIST_ADMIN_EMAIL: "boot@example.com",
    SHORTLIST_ADMIN_PASSWORD: password,
  });
  expect(await ensureBootstrapAdmin(db.orm.em.fork(), config)).toBe("created");
  expect(await ensureBootstrapAdmin(db.orm.em.fork(), config)).toBe("exists");
  const events = await db.orm.em
    .fork()
    .execute<{ action: string; actor_type: string; actor_label: string; change: unknown }[]>(
      "select action, actor_type, actor_label, change from audit_events order by seq",
    );
  expect(events).toEqual([
    {
      action: "users.bootstrapAdmin",
      actor_type: "system",
      actor_label: "server start (SHORTLIST_ADMIN_EMAIL)",
      change: {
        before: null,
        after: { email: "boot@example.com", name: "Administrator", role: "admin", firstAdmin: true },
      },
    },
  ]);
  expect(JSON.stringify(events)).not.toContain(password);
});
