/**
 * The `shortlist` CLI and the typed client against a real server on a real database:
 * each CLI run is the installed bin (node_modules/.bin/shortlist) in a child process.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Candidate, type ICandidate } from "@shortlist/db";
import type { TestDatabase } from "@shortlist/db/testing";
import { createShortlistClient, describeError, errorCodeOf, fieldErrorsOf, type CandidateDTO } from "../src/index";
import type { CandidateListItem } from "../src/cli/output";
import { cliServer, jsonl, runCli, writeIn, type Run } from "./support";
import { freePort } from "@shortlist/db/net";

const harness = cliServer({ label: "cli" });
let db: TestDatabase;
let url: string;
let recruiterToken: string;
let reviewerToken: string;
let dir: string;

function shortlist(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return runCli(args, { env: { SHORTLIST_URL: url, SHORTLIST_TOKEN: recruiterToken, ...env } });
}

const lines = (text: string) => text.split("\n").filter(Boolean);
const rejectedLines = (stdout: string) =>
  lines(stdout)
    .map((line) => /^rejected line (\d+):/.exec(line)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);

const file = (name: string, content: string) => writeIn(dir, name, content);

/** The people filed under a job at `company` (any case), by email. */
async function candidatesAt(company: string): Promise<ICandidate[]> {
  const em = db.orm.em.fork();
  const rows = await em.execute<{ id: string }[]>(
    `select distinct c.id, c.email from candidates c join applications a on a.candidate_id = c.id
       join jobs j on j.id = a.job_id where lower(j.company) = lower(?) order by c.email`,
    [company],
  );
  const found = await em.find(Candidate, { id: { $in: rows.map((r) => r.id) } });
  return rows.map((r) => found.find((c) => c.id === r.id)!);
}

beforeAll(async () => {
  ({ db, url, recruiterToken, reviewerToken, dir } = await harness.start());
});

afterAll(() => harness.stop());

const JSONL_ROWS = [
  {
    name: "Ada Lovelace",
    email: "ada@example.com",
    role: "Engineer",
    company: "Jsonl Co",
    assessmentDomains: ["backend"],
    consentGiven: true,
  },
  { name: "Bad Email", email: "not-an-email", role: "Engineer", company: "Jsonl Co" },
  {
    name: "Grace Hopper",
    email: "grace@example.com",
    role: "Engineer",
    company: "Jsonl Co",
    recruiterNotes: "  Navy  ",
  },
  "{this is not json",
  "",
  { name: "Status Given", email: "status@example.com", role: "Engineer", company: "Jsonl Co", status: "hired" },
  {
    name: "Alan Turing",
    email: "alan@example.com",
    role: "Researcher",
    company: "Jsonl Co",
    resumeUrl: "https://example.com/alan.pdf",
  },
];

const CSV = [
  "name,email,role,company,assessment_domains,recruiter_notes,resume_url,consent_given",
  'Katherine Johnson,katherine@example.com,Analyst,Csv Co,math;orbits|data,"Two-line',
  'note, with a comma",https://example.com/k.pdf,yes',
  "Short Row,short@example.com,Analyst",
  "Dorothy Vaughan,dorothy@example.com,Analyst,Csv Co,fortran,,,0",
  "Mary Jackson,mary@example.com,Engineer,Csv Co,,,ftp://example.com/cv.pdf,true",
  "Unsure Consent,unsure@example.com,Engineer,Csv Co,,,,maybe",
  "",
].join("\n");

describe("candidates import", () => {
  test("a JSONL file: valid rows are created, each invalid row is reported by line and writes nothing", async () => {
    const path = await file("candidates.jsonl", jsonl(JSONL_ROWS));
    const run = await shortlist(["candidates", "import", path]);

    expect(run.code).toBe(1);
    expect(rejectedLines(run.stdout)).toEqual([2, 4]);
    expect(run.stdout).toContain("rejected line 2: email: Enter a valid email address");
    expect(run.stdout).toMatch(/rejected line 4: not valid JSON/);
    // A field the import does not know is passed over, with one warning naming it.
    expect(run.stderr).toContain('warning: ignored the unknown field "status" (first on line 6)');
    expect(run.stdout).toMatch(/Done: 4 created, 0 skipped \(already present\), 2 rejected; 6 rows/);

    const saved = await candidatesAt("Jsonl Co");
    expect(saved.map((c) => c.email)).toEqual([
      "ada@example.com",
      "alan@example.com",
      "grace@example.com",
      "status@example.com",
    ]);
    const grace = saved.find((c) => c.email === "grace@example.com")!;
    expect(grace.recruiterNotes).toBe("Navy");
    expect(saved.find((c) => c.email === "ada@example.com")!.consentGiven).toBe(true);
  });

  test("a CSV file: quoted multi-line values, domains split on ; and |, wrong column count rejected with its line", async () => {
    const path = await file("candidates.csv", CSV);
    const run = await shortlist(["candidates", "import", path]);

    expect(run.code).toBe(1);
    expect(rejectedLines(run.stdout)).toEqual([4, 6, 7]);
    expect(run.stdout).toContain("rejected line 4: expected 8 columns (as in the header), found 3");
    expect(run.stdout).toContain("rejected line 6: resumeUrl: Enter an http(s) URL");
    expect(run.stdout).toMatch(/rejected line 7: consent_given: .*"maybe"/);
    expect(run.stdout).toMatch(/Done: 2 created, 0 skipped \(already present\), 3 rejected; 5 rows/);

    const saved = await candidatesAt("Csv Co");
    expect(saved.map((c) => c.email)).toEqual(["dorothy@example.com", "katherine@example.com"]);
    const katherine = saved.find((c) => c.email === "katherine@example.com")!;
    expect(katherine.assessmentDomains).toEqual(["math", "orbits", "data"]);
    expect(katherine.recruiterNotes).toBe("Two-line\nnote, with a comma");
    expect(katherine.consentGiven).toBe(true);
    expect(katherine.consentTimestamp).toBeInstanceOf(Date);
    expect(saved.find((c) => c.email === "dorothy@example.com")!.consentGiven).toBe(false);
  });

  test("re-running the same files creates no duplicates: the present rows come back as skipped", async () => {
    const before = await db.orm.em.fork().count(Candidate, {});
    const again = await shortlist(["candidates", "import", join(dir, "candidates.jsonl")]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/Done: 0 created, 4 skipped \(already present\), 2 rejected/);
    const csvAgain = await shortlist(["candidates", "import", join(dir, "candidates.csv")]);
    expect(csvAgain.stdout).toMatch(/Done: 0 created, 2 skipped \(already present\), 3 rejected/);
    expect(await db.orm.em.fork().count(Candidate, {})).toBe(before);
  });

  test("a clean file exits 0", async () => {
    const path = await file(
      "clean.jsonl",
      jsonl([{ name: "Clean Row", email: "clean@example.com", role: "QA", company: "Clean Co" }]),
    );
    const run = await shortlist(["candidates", "import", path]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Done: 1 created, 0 skipped \(already present\), 0 rejected; 1 row /);
  });

  test("many batches, pipelined: every row accounted for, rejections reported in file order", async () => {
    const invalid = new Set([1, 199, 200, 201, 777, 1500, 2499, 2500]);
    const rows = Array.from({ length: 2500 }, (_, i) => {
      const line = i + 1;
      if (invalid.has(line))
        return line % 2 ? "not json" : { name: "", email: `x${line}@example.com`, role: "R", company: "Bulk" };
      return { name: `Bulk ${line}`, email: `bulk${line}@example.com`, role: "R", company: "Bulk" };
    });
    // A person repeated later in the file (one person per email): the second row is skipped, not duplicated.
    rows.push({ name: "Bulk 2 again", email: "BULK2@example.com", role: "R", company: "bulk" });
    const path = await file("bulk.jsonl", jsonl(rows));
    const run = await shortlist(["candidates", "import", path, "--batch-size", "200"]);

    expect(run.code).toBe(1);
    expect(rejectedLines(run.stdout)).toEqual([...invalid].sort((a, b) => a - b));
    expect(run.stdout).toMatch(/Done: 2,492 created, 1 skipped \(already present\), 8 rejected; 2,501 rows/);
    expect(await candidatesAt("Bulk")).toHaveLength(2492);
  });

  test("a reviewer's token may not import: exit 2 with the role required, nothing written", async () => {
    const path = await file(
      "reviewer.jsonl",
      jsonl([{ name: "Nope", email: "nope@example.com", role: "R", company: "Reviewer Co" }]),
    );
    const run = await shortlist(["candidates", "import", path], { SHORTLIST_TOKEN: reviewerToken });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/FORBIDDEN: This needs one of the roles: admin, recruiter; you are reviewer/);
    expect(await candidatesAt("Reviewer Co")).toEqual([]);
  });

  test("a CSV header with unknown columns: one warning naming them, the rest imported; --strict stops before anything is sent", async () => {
    const path = await file(
      "bad-header.csv",
      "name,email,favourite_colour,role,company,Shoe Size\nA,a@example.com,blue,R,Hdr Co,44\nB,b@example.com,red,R,Hdr Co,39\n",
    );
    const strict = await shortlist(["candidates", "import", path, "--strict"]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('unknown columns "favourite_colour", "Shoe Size" (--strict)');
    expect(await candidatesAt("Hdr Co")).toEqual([]);

    const run = await shortlist(["candidates", "import", path]);
    expect(run.code).toBe(0);
    const warnings = run.stderr.split("\n").filter((l) => l.startsWith("warning:"));
    expect(warnings).toEqual([
      expect.stringContaining('warning: ignoring the unknown columns "favourite_colour", "Shoe Size"'),
    ]);
    expect(run.stdout).toMatch(/Done: 2 created/);
    expect((await candidatesAt("Hdr Co")).map((c) => c.name)).toEqual(["A", "B"]);
  });
});

describe("candidates list and export", () => {
  test("list --json prints JSON lines; --all follows the cursor page by page", async () => {
    const run = await shortlist(["candidates", "list", "--company", "Jsonl Co", "--limit", "2", "--all", "--json"]);
    expect(run.code).toBe(0);
    const listed = lines(run.stdout).map((line) => JSON.parse(line) as CandidateListItem);
    expect(listed.map((c) => c.email).sort()).toEqual([
      "ada@example.com",
      "alan@example.com",
      "grace@example.com",
      "status@example.com",
    ]);
    expect(listed[0]).toMatchObject({ version: 1, applications: [{ company: "Jsonl Co", outcome: "active" }] });

    const onePage = await shortlist(["candidates", "list", "--company", "Jsonl Co", "--limit", "2", "--json"]);
    expect(lines(onePage.stdout)).toHaveLength(2);
  });

  test("list prints a table by default", async () => {
    const run = await shortlist(["candidates", "list", "--company", "Csv Co"]);
    expect(run.code).toBe(0);
    const [header, ...rows] = lines(run.stdout);
    expect(header).toMatch(/^ID\s+NAME\s+EMAIL\s+JOB\s+STAGE\s+ADDED$/);
    expect(rows).toHaveLength(2);
    expect(run.stdout).toMatch(/Katherine Johnson .* Analyst at Csv Co\s+Applied\s/);
    expect(run.stdout).toContain("Katherine Johnson");
    expect(run.stderr).toContain("2 candidates");
  });

  test("export writes every candidate as JSON lines, across pages of 200", async () => {
    const run = await shortlist(["candidates", "export"]);
    expect(run.code).toBe(0);
    const exported = lines(run.stdout).map((line) => JSON.parse(line) as CandidateDTO);
    expect(exported).toHaveLength(await db.orm.em.fork().count(Candidate, {}));
    expect(new Set(exported.map((c) => c.id)).size).toBe(exported.length);

    const csvOnly = await shortlist(["candidates", "export", "--company", "Csv Co"]);
    expect(
      lines(csvOnly.stdout)
        .map((line) => (JSON.parse(line) as CandidateDTO).email)
        .sort(),
    ).toEqual(["dorothy@example.com", "katherine@example.com"]);
  });
});

describe("candidates add", () => {
  test("prints the new id", async () => {
    const run = await shortlist([
      "candidates",
      "add",
      "--name",
      "Hedy Lamarr",
      "--email",
      "hedy@example.com",
      "--role",
      "Inventor",
      "--company",
      "Add Co",
      "--domain",
      "radio",
      "wifi",
      "--consent",
      "--notes",
      "Frequency hopping",
    ]);
    expect(run.code).toBe(0);
    const id = run.stdout.trim();
    const [saved] = await candidatesAt("Add Co");
    expect(saved).toMatchObject({ id, name: "Hedy Lamarr", assessmentDomains: ["radio", "wifi"], consentGiven: true });
  });

  test("bad input exits 1 with the server's field errors, and nothing is created", async () => {
    const run = await shortlist([
      "candidates",
      "add",
      "--name",
      " ",
      "--email",
      "nope",
      "--role",
      "R",
      "--company",
      "Add Bad Co",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("BAD_REQUEST");
    expect(run.stderr).toContain("email: Enter a valid email address");
    expect(run.stderr).toContain("name: Enter the name");
    expect(await candidatesAt("Add Bad Co")).toEqual([]);
  });
});

describe("fatal errors exit 2 and say what to do", () => {
  test("no token", async () => {
    const run = await shortlist(["candidates", "list"], { SHORTLIST_TOKEN: "" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("SHORTLIST_TOKEN is not set");
    expect(run.stderr).toContain("API tokens screen");
  });

  test("a token the server does not know", async () => {
    const run = await shortlist(["candidates", "list"], { SHORTLIST_TOKEN: "sl_not-a-real-token" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("UNAUTHORIZED");
  });

  test("the server unreachable, for an import too", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const run = await shortlist(["candidates", "list"], { SHORTLIST_URL: closed });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Could not reach Shortlist at ${closed} (ECONNREFUSED)`);

    const imported = await shortlist(["candidates", "import", join(dir, "clean.jsonl")], { SHORTLIST_URL: closed });
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain("Could not reach Shortlist");
  });

  test("--help works without any configuration", async () => {
    const run = await shortlist(["--help"], { SHORTLIST_TOKEN: "" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: shortlist");
    expect(run.stdout).toContain("SHORTLIST_TOKEN");
  });
});

describe("the typed client", () => {
  test("lists what was imported, with dates as Dates", async () => {
    const client = createShortlistClient({ url, token: recruiterToken });
    const page = await client.candidates.list.query({ company: "jsonl co", limit: 10 });
    expect(page.items.map((c) => c.name).sort()).toEqual([
      "Ada Lovelace",
      "Alan Turing",
      "Grace Hopper",
      "Status Given",
    ]);
    expect(page.items[0]!.createdAt).toBeInstanceOf(Date);
    expect(page.nextCursor).toBeNull();

    const stats = await client.candidates.stats.query({ company: "Jsonl Co" });
    expect(stats).toMatchObject({ total: 4, byOutcome: { active: 4 } });
  });

  test("describeError turns a validation error into one line with each field", async () => {
    const client = createShortlistClient({ url, token: recruiterToken });
    const error = await client.candidates.create
      .mutate({ name: "X", email: "nope", role: "R", company: "C" })
      .catch((e: unknown) => e);
    expect(errorCodeOf(error)).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(error)).toEqual([{ path: "email", message: "Enter a valid email address" }]);
    expect(describeError(error)).toBe("BAD_REQUEST: Invalid input (email: Enter a valid email address)");
  });
});
