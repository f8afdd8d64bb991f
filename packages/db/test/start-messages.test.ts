/** `npm start` failures other than the embedded cluster's: each prints its cause and what to do. */
import { createServer } from "node:net";
import { once } from "node:events";
import { expect, test } from "vitest";
import { databaseEnv } from "@shortlist/config";
import { createTestDatabase } from "@shortlist/db/testing";
import { freePort } from "../src/net";
import { runScript } from "./backup-support";

const main = "apps/server/src/main.ts";

test("an external server that does not answer: where it was looked for and what to check", async () => {
  const port = await freePort();
  const run = await runScript(main, [], { DATABASE_URL: `postgres://shortlist:pw@127.0.0.1:${port}/shortlist` });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`Shortlist could not start: Could not open PostgreSQL at 127.0.0.1:${port}`);
  expect(run.stderr).toContain("Is that server running and listening there? Check DATABASE_URL");
  expect(run.stderr).not.toMatch(/^\s+at /m);
});

test("a taken HTTP port names PORT", async () => {
  const db = await createTestDatabase({}, { as: "owner" });
  await db.close();
  const blocker = createServer().listen(0, "127.0.0.1");
  await once(blocker, "listening");
  const { port } = blocker.address() as { port: number };
  try {
    const run = await runScript(main, [], {
      ...databaseEnv(db.ownerConfig),
      HOST: "127.0.0.1",
      PORT: String(port),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `Shortlist could not start: port ${port} is already in use: stop the other program or set PORT to a free port.`,
    );
  } finally {
    blocker.close();
    await db.dropDatabase();
  }
});
