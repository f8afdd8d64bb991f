/** The server runs the mail worker from its start to its stop: a message in the outbox at start is sent. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, expect, test } from "vitest";
import { enqueueMail } from "@shortlist/api";
import { freePort } from "@shortlist/db/net";
import { testKeyring, useTestDatabase } from "@shortlist/db/testing";
import { testConfig } from "../../../packages/api/test/helpers";
import { inUnitOfWork, startSmtpSink } from "../../../packages/api/test/mail-fixtures";
import { startServer, type RunningServer } from "../src/server";

const db = useTestDatabase();
let server: RunningServer | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function eventually(what: string, check: () => boolean, limitMs = 20_000) {
  const until = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what}: not within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("startServer starts the mail worker (SMTP_URL set: the outbox is sent) and stop() ends it", async () => {
  const smtpPort = await freePort();
  const sink = await startSmtpSink(smtpPort);
  dataDir = await mkdtemp(join(tmpdir(), "shortlist-mail-server-"));
  const config = testConfig(db.ownerConfig, {
    HOST: "127.0.0.1",
    PORT: String(await freePort()),
    SHORTLIST_WEB_DIST: "/nonexistent",
    SHORTLIST_DATA_DIR: dataDir,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  });
  const deps = { orm: db.orm, config, log: pino({ level: "silent" }), keyring: testKeyring() };
  await inUnitOfWork(deps, config, (ctx) =>
    enqueueMail(ctx, {
      template: "stage_change",
      subjectId: null,
      to: { email: "manager@example.com", name: "Hiro Manager" },
      variables: {
        job: { title: "Backend Engineer", company: "Acme" },
        sender: { name: "Rita" },
        stage: { name: "Offer", previous: "Interview" },
      },
      idempotencyKey: "server-start:1",
    }),
  );
  try {
    server = await startServer(config);
    await eventually("the queued message arrives", () => sink.received.length === 1);
    expect(sink.received[0]!.subject).toBe("An update on your application for Backend Engineer");
    await server.stop();
    server = undefined;
    expect(sink.received).toHaveLength(1);
  } finally {
    await sink.close();
  }
});
