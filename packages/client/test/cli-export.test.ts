/**
 * `shortlist candidates export --format csv|jsonl` re-imported with `shortlist candidates import` into another
 * server, CSV cells safe from formula injection, CSV files with other delimiters, and `shortlist reports list`.
 * Each CLI run is the installed bin in a child process, against a real server on a real database.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createShortlistClient, type ShortlistClient } from "../src/index";
import type { CandidateListItem, ReportRow } from "../src/cli/output";
import { cliServer, repoRoot, runCli, writeIn, type CliServer, type Run } from "./support";

const source = cliServer({ label: "cli-export", withDataDir: true });
const target = cliServer({ label: "cli-export-target" });
let from: CliServer;
let to: CliServer;
let sourceClient: ShortlistClient;
let targetClient: ShortlistClient;

const shortlist = (server: CliServer, args: string[]): Promise<Run> =>
  runCli(args, { env: { SHORTLIST_URL: server.url, SHORTLIST_TOKEN: server.recruiterToken } });

const lines = (text: string) => text.split("\n").filter(Boolean);

/** People whose cells would run as formulas in a spreadsheet, and other awkward values. */
const PEOPLE = [
  {
    name: '=HYPERLINK("http://evil.example","click")',
    email: "formula@export.test",
    role: "Engineer",
    company: "Export Co",
    tags: ["referral", "senior"],
    assessmentDomains: ["Python", "PostgreSQL"],
    recruiterNotes: '-2+3, then\n@SUM(A1); "quoted"',
    consentGiven: true,
  },
  {
    name: "+Plus Minus",
    email: "plus@export.test",
    role: "Designer",
    company: "Export Co",
    resumeUrl: "https://example.com/cv.pdf",
  },
  { name: "'=Already Quoted", email: "quoted@export.test", role: "Engineer", company: "Export Co" },
  { name: "Zoë Ångström", email: "zoe@export.test", role: "Engineer", company: "Export Co", tags: ["nordic"] },
  { name: "No Job Yet", email: "nojob@export.test" },
];

/** What a person is, as both servers must agree on it. */
const person = (c: CandidateListItem) => ({
  name: c.name,
  email: c.email,
  tags: [...c.tags].sort(),
  assessmentDomains: c.assessmentDomains,
  recruiterNotes: c.recruiterNotes,
  resumeUrl: c.resumeUrl,
  consentGiven: c.consentGiven,
  job: c.applications[0] ? `${c.applications[0].jobTitle} at ${c.applications[0].company}` : null,
});

async function everyone(client: ShortlistClient) {
  const page = await client.candidates.list.query({ limit: 200 });
  return page.items.map(person).sort((a, b) => a.email.localeCompare(b.email));
}

beforeAll(async () => {
  from = await source.start();
  to = await target.start();
  sourceClient = createShortlistClient({ url: from.url, token: from.recruiterToken });
  targetClient = createShortlistClient({ url: to.url, token: to.recruiterToken });
  for (const p of PEOPLE) await sourceClient.candidates.create.mutate(p);
  // Zoë applies to a second job later: her most recent application is the one an export files her under.
  const zoe = (await sourceClient.candidates.list.query({ search: "zoe", limit: 5 })).items[0]!;
  const job = await sourceClient.jobs.create.mutate({ title: "Data Scientist", company: "Other Co" });
  await sourceClient.applications.create.mutate({ candidateId: zoe.id, jobId: job.id });
}, 120_000);

afterAll(async () => {
  await source.stop();
  await target.stop();
});

describe("candidates export", () => {
  test("CSV: no cell starts like a formula; imported into another server, every person comes back as they were", async () => {
    const run = await shortlist(from, ["candidates", "export", "--format", "csv"]);
    expect(run.code).toBe(0);
    const records = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(PEOPLE.length);
    for (const record of records) for (const cell of Object.values(record)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(records.find((r) => r.email === "formula@export.test")).toMatchObject({
      name: '\'=HYPERLINK("http://evil.example","click")',
      recruiter_notes: '\'-2+3, then\n@SUM(A1); "quoted"',
      tags: "referral;senior",
      role: "Engineer",
      company: "Export Co",
      stage: "Applied",
      outcome: "active",
    });
    expect(records.find((r) => r.email === "zoe@export.test")).toMatchObject({
      role: "Data Scientist",
      company: "Other Co",
    });

    const path = await writeIn(to.dir, "export.csv", run.stdout);
    const imported = await shortlist(to, ["candidates", "import", path]);
    expect(imported.stderr).not.toContain("warning");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Done: 5 created, 0 skipped \(already present\), 0 rejected/);
    const expected = (await everyone(sourceClient)).map((p) =>
      p.email === "zoe@export.test" ? { ...p, job: "Data Scientist at Other Co" } : p,
    );
    expect(await everyone(targetClient)).toEqual(expected);
  });

  test("JSON lines: the export's own fields are passed over; imported again, each row is already present", async () => {
    const run = await shortlist(from, ["candidates", "export"]);
    expect(run.code).toBe(0);
    const exported = lines(run.stdout).map((line) => JSON.parse(line) as CandidateListItem);
    expect(exported).toHaveLength(PEOPLE.length);
    expect(exported[0]).toHaveProperty("id");
    expect(exported[0]).toHaveProperty("applications");

    const path = await writeIn(to.dir, "export.jsonl", run.stdout);
    const again = await shortlist(to, ["candidates", "import", path]);
    expect(again.stderr).not.toContain("warning");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Done: 0 created, 5 skipped \(already present\), 0 rejected/);

    // Into a server that does not have them: created, each under the job of their most recent application.
    const fresh = await shortlist(from, ["candidates", "export", "--search", "plus"]);
    const renamed = lines(fresh.stdout).map((line) => ({
      ...(JSON.parse(line) as CandidateListItem),
      email: "plus-again@export.test",
    }));
    const renamedPath = await writeIn(to.dir, "renamed.jsonl", `${renamed.map((r) => JSON.stringify(r)).join("\n")}\n`);
    const created = await shortlist(to, ["candidates", "import", renamedPath]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Done: 1 created/);
    const [plus] = (await targetClient.candidates.list.query({ search: "plus-again", limit: 5 })).items;
    expect(plus?.applications.map((a) => `${a.jobTitle} at ${a.company}`)).toEqual(["Designer at Export Co"]);
  });
});

describe("CSV files from spreadsheets", () => {
  const header = ["name", "email", "role", "company", "tags"];
  test.each([
    ["semicolons", ";", ""],
    ["tabs", "\t", ""],
    ["semicolons and a byte order mark", ";", "\uFEFF"],
  ])("delimited by %s", async (label, delimiter, bom) => {
    const tag = label.replaceAll(" ", "-");
    const content =
      bom +
      [
        header.join(delimiter),
        ["Ann, Jr.", `ann-${tag}@csv.test`, "Engineer", "Delim Co", "a|b"].join(delimiter),
        [`"Bob; ""B"""`, `bob-${tag}@csv.test`, "Engineer", "Delim Co", ""].join(delimiter),
      ].join("\r\n");
    const path = await writeIn(to.dir, `${tag}.csv`, content);
    const run = await shortlist(to, ["candidates", "import", path]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const found = (await targetClient.candidates.list.query({ search: tag, limit: 10 })).items;
    expect(found.map((c) => [c.name, [...c.tags].sort()]).sort()).toEqual([
      ["Ann, Jr.", ["a", "b"]],
      ['Bob; "B"', []],
    ]);
  });
});

describe("reports list", () => {
  test("the latest report of each candidate, or every report of one; --json prints the DTOs", async () => {
    const candidate = await sourceClient.candidates.create.mutate({
      name: "Katherine Johnson",
      email: `${randomUUID().slice(0, 8)}@reports.test`,
      role: "Backend Engineer",
      company: "Acme",
      assessmentDomains: ["Python", "PostgreSQL"],
      consentGiven: true,
    });
    const assessment = await sourceClient.assessments.start.mutate({ candidateId: candidate.id });
    const sample = resolve(repoRoot, "examples/activity.sample.jsonl");
    expect((await shortlist(from, ["assessments", "import", assessment.id, sample])).code).toBe(0);
    await sourceClient.assessments.complete.mutate({ assessmentId: assessment.id });
    const first = await sourceClient.reports.generate.mutate({ assessmentId: assessment.id });
    const second = await sourceClient.reports.generate.mutate({ assessmentId: assessment.id });

    const table = await shortlist(from, ["reports", "list"]);
    expect(table.code).toBe(0);
    const [head, ...rows] = lines(table.stdout);
    expect(head).toMatch(
      /^ID\s+CANDIDATE\s+ROLE\s+COMPANY\s+RECOMMENDATION\s+CONFIDENCE\s+PERCENTILE\s+GENERATED \(UTC\)$/,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(
      new RegExp(
        `^${second.id}\\s+Katherine Johnson\\s+Backend Engineer\\s+Acme\\s+Lean no hire\\s+\\d+%\\s+—\\s+\\d{4}-`,
      ),
    );
    expect(table.stderr).toContain("1 report");

    const all = await shortlist(from, ["reports", "list", "--candidate", candidate.id, "--json"]);
    expect(all.code).toBe(0);
    const listed = lines(all.stdout).map((line) => JSON.parse(line) as ReportRow);
    expect(listed.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(listed[0]).toMatchObject({ candidateId: candidate.id, recommendation: "lean_no_hire", percentile: null });

    const unknown = await shortlist(from, ["reports", "list", "--candidate", randomUUID()]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("NOT_FOUND");
  });

  test("the reports pdf command takes the listed id", async () => {
    const [latest] = lines((await shortlist(from, ["reports", "list", "--json"])).stdout).map(
      (line) => JSON.parse(line) as ReportRow,
    );
    const pdf = await shortlist(from, ["reports", "pdf", latest!.id, "-o", join(from.dir, "listed.pdf")]);
    expect(pdf.code).toBe(0);
    expect((await readFile(join(from.dir, "listed.pdf"))).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
