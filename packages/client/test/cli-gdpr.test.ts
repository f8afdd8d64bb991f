/** `shortlist candidates gdpr-export` against a real server on a real database, the installed bin in a child process. */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createShortlistClient, type ShortlistClient } from "../src/index";
import { cliServer, repoRoot, runCli, type Run } from "./support";

const harness = cliServer({ label: "cli-gdpr" });
let url: string;
let recruiterToken: string;
let reviewerToken: string;
let dir: string;
let client: ShortlistClient;

const shortlist = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
  runCli(args, { env: { SHORTLIST_URL: url, SHORTLIST_TOKEN: recruiterToken, ...env }, cwd: repoRoot });

const newCandidate = () =>
  client.candidates.create.mutate({
    name: "Grace Hopper",
    email: `grace-${randomUUID().slice(0, 8)}@example.com`,
    role: "Backend Engineer",
    company: "Acme",
  });

beforeAll(async () => {
  ({ url, recruiterToken, reviewerToken, dir } = await harness.start());
  client = createShortlistClient({ url, token: recruiterToken });
});

afterAll(() => harness.stop());

test("writes the one JSON document to stdout, the trail about the person decrypted", async () => {
  const candidate = await newCandidate();
  const run = await shortlist(["candidates", "gdpr-export", candidate.id]);
  expect(run.code).toBe(0);
  const doc = JSON.parse(run.stdout) as Record<string, unknown> & { auditEvents: { action: string; after: unknown }[] };
  expect(doc).toMatchObject({
    format: "shortlist.personal-data",
    subjectId: candidate.id,
    candidate: { id: candidate.id, name: "Grace Hopper", email: candidate.email },
    assessments: [],
    reports: [],
  });
  expect(doc.auditEvents.find((e) => e.action === "candidates.create")?.after).toMatchObject({ name: "Grace Hopper" });
});

test("-o writes a file only its owner may read; stdout stays empty", async () => {
  const candidate = await newCandidate();
  const out = join(dir, "grace.json");
  const run = await shortlist(["candidates", "gdpr-export", candidate.id, "-o", out]);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe("");
  expect(JSON.parse(await readFile(out, "utf8"))).toMatchObject({ candidate: { id: candidate.id } });
  expect((await stat(out)).mode & 0o777).toBe(0o600);
});

test("an unknown candidate exits 1, a reviewer's token exits 2; no file is written", async () => {
  const out = join(dir, "nobody.json");
  const unknown = await shortlist(["candidates", "gdpr-export", randomUUID(), "-o", out]);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain("NOT_FOUND");
  const candidate = await newCandidate();
  const refused = await shortlist(["candidates", "gdpr-export", candidate.id, "-o", out], {
    SHORTLIST_TOKEN: reviewerToken,
  });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain("FORBIDDEN");
  expect(existsSync(out)).toBe(false);
});
