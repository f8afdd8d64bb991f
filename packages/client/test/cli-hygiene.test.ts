/**
 * What the CLI prints cannot drive the terminal (names stored before control characters were
 * refused, server messages quoting values), and a JSONL row with a `__proto__` or `constructor`
 * key is rejected with its line instead of stopping the import.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Application, Candidate, Job, JobStage } from "@shortlist/db";
import type { TestDatabase } from "@shortlist/db/testing";
import { createShortlistClient, type CandidateDTO, type ShortlistClient } from "../src/index";
import { cliServer, jsonl, runCli, writeIn, type Run } from "./support";

const harness = cliServer({ label: "cli-hygiene" });
let db: TestDatabase;
let url: string;
let recruiterToken: string;
let dir: string;
let client: ShortlistClient;

const shortlist = (args: string[]): Promise<Run> =>
  runCli(args, { env: { SHORTLIST_URL: url, SHORTLIST_TOKEN: recruiterToken } });

beforeAll(async () => {
  ({ db, url, recruiterToken, dir } = await harness.start());
  client = createShortlistClient({ url, token: recruiterToken });
});

afterAll(() => harness.stop());

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const HOSTILE_NAME = "\u001b[2J\u001b[HMallory\u001b]0;pwned\u0007 \u009b31mRed\u001b[0m\u007f";

const HOSTILE_STAGE = "Screen\u001b[31ming\u009b0m";

describe("names stored before control characters were refused: candidates list, jobs show, applications list", () => {
  const company = `Escape Co ${randomUUID().slice(0, 8)}`;
  let jobId: string;
  beforeAll(async () => {
    // Written past the API's validation, as older data or another writer could have.
    const em = db.orm.em.fork();
    const candidate = em.create(Candidate, { name: HOSTILE_NAME, email: "mallory@example.com", assessmentDomains: [] });
    const job = em.create(Job, { title: "Engineer\tLead", company, activeCount: 1 });
    const stage = em.create(JobStage, { job, name: HOSTILE_STAGE, kind: "applied", position: 0, appCount: 1 });
    const now = new Date();
    em.create(Application, { candidate, job, stage, stageEnteredAt: now, lastActivityAt: now });
    await em.flush();
    jobId = job.id;
  });

  test("the table shows the escapes as visible text, not as terminal commands", async () => {
    const run = await shortlist(["candidates", "list", "--company", company]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(CONTROL);
    expect(run.stdout).toContain("\\x1b[2J\\x1b[HMallory");
    expect(run.stdout).toContain("Engineer Lead");
  });

  test("--json stays JSON: every control character escaped, the value intact when parsed", async () => {
    const run = await shortlist(["candidates", "list", "--company", company, "--json"]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(CONTROL);
    const [row] = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as CandidateDTO);
    expect(row!.name).toBe(HOSTILE_NAME);
  });

  test("jobs show and applications list show the escapes as visible text too", async () => {
    const shown = await shortlist(["jobs", "show", jobId]);
    const listed = await shortlist(["applications", "list", "--job", jobId]);
    for (const run of [shown, listed]) {
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(CONTROL);
      expect(run.stdout).toContain("Screen\\x1b[31ming\\x9b0m");
    }
    expect(shown.stdout).toContain(`Engineer\\x09Lead at ${company} (open)`);
    expect(listed.stdout).toContain("\\x1b[2J\\x1b[HMallory");
  });
});

describe("JSONL rows with __proto__ or constructor keys", () => {
  test("candidates import: each such row is rejected with its line; the other rows are created", async () => {
    const company = `Proto Co ${randomUUID().slice(0, 8)}`;
    const row = (name: string, email: string) => ({ name, email, role: "Engineer", company });
    const path = await writeIn(
      dir,
      "proto.jsonl",
      jsonl([
        row("Ada Lovelace", "ada@example.com"),
        `{"name":"Proto","email":"proto@example.com","role":"Engineer","company":"${company}","__proto__":{"admin":true}}`,
        `{"name":"Ctor","email":"ctor@example.com","role":"Engineer","company":"${company}","constructor":{"prototype":{}}}`,
        `{"name":"Nested","email":"nested@example.com","role":"Engineer","company":"${company}","assessmentDomains":[{"__proto__":null}]}`,
        row("Grace Hopper", "grace@example.com"),
      ]),
    );
    const run = await shortlist(["candidates", "import", path]);
    expect(run.stdout).toMatch(/^rejected line 2: .*__proto__/m);
    expect(run.stdout).toMatch(/^rejected line 3: .*constructor/m);
    expect(run.stdout).toMatch(/^rejected line 4: .*__proto__/m);
    expect(run.stdout).toContain("2 created, 0 skipped (already present), 3 rejected");
    expect(run.code).toBe(1);
    const page = await client.candidates.list.query({ company });
    expect(page.items.map((c) => c.name).sort()).toEqual(["Ada Lovelace", "Grace Hopper"]);
  });

  test("assessments import: the line is named and nothing is sent", async () => {
    const candidate = await client.candidates.create.mutate({
      name: "Ada Lovelace",
      email: `${randomUUID().slice(0, 8)}@example.com`,
      role: "Backend Engineer",
      company: "Acme",
      assessmentDomains: ["Python"],
      consentGiven: true,
    });
    const assessment = await client.assessments.start.mutate({ candidateId: candidate.id });
    const path = await writeIn(
      dir,
      "proto-activity.jsonl",
      jsonl([
        { type: "session", ref: "s1", start: "2026-01-05T09:00:00Z", end: "2026-01-05T09:30:00Z" },
        '{"type":"question","ref":"q1","session":"s1","domain":"Python","text":"What is a generator?","askedAt":"2026-01-05T09:05:00Z","__proto__":{"x":1}}',
      ]),
    );
    const run = await shortlist(["assessments", "import", assessment.id, path]);
    expect(run.stdout).toMatch(/^rejected line 2: .*__proto__/m);
    expect(run.stderr).toContain("Nothing was imported");
    expect(run.code).toBe(1);
    const after = await client.assessments.get.query({ assessmentId: assessment.id });
    expect(after.recorded).toEqual({ sessions: 0, questions: 0 });
  });
});
