/**
 * `shortlist audit verify [--checkpoint file.json]` against a real server: exit 0 when the chain verifies
 * (and holds the checkpoint), 1 with the first broken event and why, 2 when it cannot go on.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { createShortlistClient } from "../src/index";
import { cliServer, runCli, writeIn, type CliServer } from "./support";

const harness = cliServer({ label: "cli-audit" });
let server: CliServer;
beforeAll(async () => {
  server = await harness.start();
});
afterAll(() => harness.stop());

const shortlist = (args: string[], token = server.adminToken) =>
  runCli(["audit", "verify", ...args], { env: { SHORTLIST_URL: server.url, SHORTLIST_TOKEN: token } });

test("an intact chain verifies, alone and against a checkpoint the server signed", async () => {
  const plain = await shortlist([]);
  expect(plain.stderr).toBe("");
  expect(plain.code).toBe(0);
  expect(plain.stdout).toMatch(/^The audit chain verifies: \d+ events, head \d+ [0-9a-f]{64}\n$/);

  const admin = createShortlistClient({ url: server.url, token: server.adminToken });
  const checkpoint = await admin.audit.checkpoint.mutate();
  const file = await writeIn(server.dir, "checkpoint.json", JSON.stringify(checkpoint));
  const held = await shortlist(["--checkpoint", file]);
  expect(held.code).toBe(0);
  expect(held.stdout).toContain(`it still holds the checkpoint signed at ${checkpoint.at} (event ${checkpoint.seq})`);

  const altered = await writeIn(server.dir, "altered.json", JSON.stringify({ ...checkpoint, seq: checkpoint.seq - 1 }));
  const refused = await shortlist(["--checkpoint", altered]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("does not match this server's signing key");

  const notACheckpoint = await writeIn(server.dir, "other.json", JSON.stringify({ seq: "x" }));
  const unreadable = await shortlist(["--checkpoint", notACheckpoint]);
  expect(unreadable.code).toBe(2);
  expect(unreadable.stderr).toContain("is not a checkpoint: it needs seq (a whole number), hash (64 hex digits)");
});

test("a broken chain exits 1 naming the first broken event and why", async () => {
  // The app role may insert (never change): a row slipped in past the head is caught as inserted.
  const em = server.db.orm.em.fork();
  const [head] = await em.execute<{ seq: string; hash: string }[]>("select seq, hash from audit_head");
  const bogus = Number(head!.seq) + 1;
  await em.execute(
    `insert into audit_events (seq, at, actor_type, action, entity_kind, change, prev_hash, hash)
     values (?, now(), 'system', 'forged', 'forged', '{"before":null,"after":null}', ?, ?)`,
    [bogus, head!.hash, "f".repeat(64)],
  );
  const broken = await shortlist([]);
  expect(broken.code).toBe(1);
  expect(broken.stderr).toContain(`The audit chain is broken at event ${bogus} (inserted)`);
});

test("a token without the admin role exits 2", async () => {
  const run = await shortlist([], server.recruiterToken);
  expect(run.code).toBe(2);
});
