/**
 * `shortlist assessments import` and `shortlist reports pdf` against a real server on a real
 * database: each run is the installed bin (node_modules/.bin/shortlist) in a child process.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MAX_IMPORT_RECORDS } from "@shortlist/api/schemas";
import { pdfText } from "../../api/src/vetting/reports/pdf-text.fixture";
import { createShortlistClient, errorReasonOf, problemsOf, type ShortlistClient } from "../src/index";
import { MAX_ACTIVITY_RECORDS } from "../src/cli/import/activity";
import { cliServer, jsonl, repoRoot, runCli, writeIn, type Run } from "./support";

const SAMPLE = resolve(repoRoot, "examples/activity.sample.jsonl");

const harness = cliServer({ label: "cli-vetting", withDataDir: true });
let url: string;
let recruiterToken: string;
let reviewerToken: string;
let dir: string;
let client: ShortlistClient;

function shortlist(
  args: string[],
  { env = {}, cwd = repoRoot }: { env?: Record<string, string>; cwd?: string } = {},
): Promise<Run> {
  return runCli(args, {
    env: { SHORTLIST_URL: url, SHORTLIST_TOKEN: recruiterToken, ...env },
    cwd,
    stdoutEncoding: "latin1",
  });
}

const rejectedLines = (stdout: string) =>
  stdout
    .split("\n")
    .map((line) => /^rejected line (\d+)[ :]/.exec(line)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);

const file = (name: string, content: string) => writeIn(dir, name, content);

/** A candidate with consent and domains, and an assessment in progress. */
async function startedAssessment(name = "Ada Lovelace") {
  const candidate = await client.candidates.create.mutate({
    name,
    email: `${randomUUID().slice(0, 8)}@example.com`,
    role: "Backend Engineer",
    company: "Acme",
    assessmentDomains: ["Python", "PostgreSQL"],
    consentGiven: true,
  });
  const assessment = await client.assessments.start.mutate({ candidateId: candidate.id });
  return { candidate, assessment };
}

const recorded = async (assessmentId: string) => (await client.assessments.get.query({ assessmentId })).recorded;

beforeAll(async () => {
  ({ url, recruiterToken, reviewerToken, dir } = await harness.start());
  client = createShortlistClient({ url, token: recruiterToken });
});

afterAll(() => harness.stop());

test("the CLI's batch limit is the server's", () => {
  expect(MAX_ACTIVITY_RECORDS).toBe(MAX_IMPORT_RECORDS);
});

describe("assessments import, then reports pdf", () => {
  test("the sample file is recorded; completed and reported, its PDF downloads and holds the name and the recommendation", async () => {
    const { candidate, assessment } = await startedAssessment("Katherine Johnson");
    const run = await shortlist(["assessments", "import", assessment.id, SAMPLE]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("recorded lines 1-12: 3 sessions, 9 questions");
    expect(run.stdout).toContain(
      `Done: 3 sessions and 9 questions recorded; assessment ${assessment.id} now holds 3 sessions and 9 questions`,
    );
    expect(await recorded(assessment.id)).toEqual({ sessions: 3, questions: 9 });

    const done = await client.assessments.complete.mutate({ assessmentId: assessment.id });
    expect(done.metrics?.taoIndex).toBeCloseTo(51.68, 2);
    const report = await client.reports.generate.mutate({ assessmentId: assessment.id });
    expect(report.recommendation).toBe("lean_no_hire");

    // Into a folder: the server's file name; the path is printed.
    const pdf = await shortlist(["reports", "pdf", report.id, "-o", dir]);
    expect(pdf.stderr).toBe("");
    expect(pdf.code).toBe(0);
    const info = await client.reports.pdfInfo.query({ id: report.id });
    const written = join(dir, info.fileName);
    expect(pdf.stdout.trim()).toBe(written);
    expect(info.fileName).toMatch(/^shortlist-report-katherine-johnson-\d{4}-\d{2}-\d{2}\.pdf$/);
    const text = await pdfText(written);
    expect(text).toContain(candidate.name);
    expect(text).toContain("Recommendation: Lean no hire");
    expect((await readdir(dir)).filter((f) => f.endsWith(".part"))).toEqual([]);

    // Default: the server's file name in the working directory; -o names a file; - is stdout.
    const here = await mkdtemp(join(dir, "cwd-"));
    const inCwd = await shortlist(["reports", "pdf", report.id], { cwd: here });
    expect(inCwd.code).toBe(0);
    expect(inCwd.stdout.trim()).toBe(join(here, info.fileName));
    const named = await shortlist(["reports", "pdf", report.id, "--output", join(dir, "named.pdf")]);
    expect(named.stdout.trim()).toBe(join(dir, "named.pdf"));
    expect(await readFile(join(dir, "named.pdf"))).toEqual(await readFile(written));
    const piped = await shortlist(["reports", "pdf", report.id, "-o", "-"]);
    expect(piped.code).toBe(0);
    expect(piped.stdout.startsWith("%PDF-")).toBe(true);
    expect(piped.stdout.length).toBe(info.bytes);
  });

  test("a file the server refuses: every problem by its line, nothing written, exit 1", async () => {
    const { assessment } = await startedAssessment();
    const lines = (await readFile(SAMPLE, "utf8")).trimEnd().split("\n");
    // Line 5 (session s2) ends before it starts; line 8 (q6) follows up a question that does not exist.
    lines[4] = lines[4]!.replace('"end":"2026-01-06T09:45:00Z"', '"end":"2026-01-06T08:00:00Z"');
    lines[7] = lines[7]!.replace('"askedAt"', '"followUpOf":"q99","askedAt"');
    const path = await file("refused.jsonl", lines.join("\n") + "\n");
    const run = await shortlist(["assessments", "import", assessment.id, path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "rejected line 5 (s2): end: 2026-01-06T08:00:00.000Z is before start 2026-01-06T09:00:00.000Z",
    );
    expect(run.stdout).toContain('rejected line 8 (q6): followUpOf: "q99" does not exist');
    expect(rejectedLines(run.stdout)).toContain(5);
    expect(rejectedLines(run.stdout)).toContain(8);
    expect(run.stderr).toContain("The import stopped at lines 1-12:");
    expect(run.stderr).toContain("Nothing was recorded: fix the file and run the same command again.");
    expect(await recorded(assessment.id)).toEqual({ sessions: 0, questions: 0 });
  });

  test("lines that are not JSON objects: all named, nothing sent, exit 1", async () => {
    const { assessment } = await startedAssessment();
    const sample = (await readFile(SAMPLE, "utf8")).trimEnd().split("\n");
    const path = await file("broken.jsonl", jsonl([sample[0], "{not json", "", "[1,2]", ...sample.slice(1)]));
    const run = await shortlist(["assessments", "import", assessment.id, path]);
    expect(run.code).toBe(1);
    expect(rejectedLines(run.stdout)).toEqual([2, 4]);
    expect(run.stdout).toContain("rejected line 4: expected a JSON object (a session or a question), found an array");
    expect(run.stderr).toContain("Nothing was imported: 2 lines of");
    expect(await recorded(assessment.id)).toEqual({ sessions: 0, questions: 0 });
  });

  test("in batches: later batches use sessions of earlier ones; a bad batch stops the import and --from-line goes on", async () => {
    const { assessment } = await startedAssessment();
    const sample = (await readFile(SAMPLE, "utf8")).trimEnd().split("\n");
    // Batches of 4: lines 1-4, 5-8, 9-12. Line 10 (q7) names an unknown session.
    const broken = [...sample];
    broken[9] = broken[9]!.replace('"session":"s3"', '"session":"s7"');
    const path = await file("batches.jsonl", broken.join("\n") + "\n");
    const run = await shortlist(["assessments", "import", assessment.id, path, "--batch-size", "4"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("recorded lines 1-4: 1 session, 3 questions");
    expect(run.stdout).toContain("recorded lines 5-8: 1 session, 3 questions");
    expect(rejectedLines(run.stdout)).toEqual([10]);
    expect(run.stderr).toContain("The import stopped at lines 9-12:");
    expect(run.stderr).toContain("Lines 1-8 are recorded (2 sessions, 6 questions)");
    expect(run.stderr).toContain(`shortlist assessments import ${assessment.id} ${path} --from-line 9`);
    expect(await recorded(assessment.id)).toEqual({ sessions: 2, questions: 6 });

    // Re-sending recorded lines is refused (their refs are taken) and writes nothing more.
    await writeFile(path, sample.join("\n") + "\n");
    const again = await shortlist(["assessments", "import", assessment.id, path, "--batch-size", "4"]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('rejected line 1 (s1): ref: "s1" is already used by a session (already recorded)');
    expect(await recorded(assessment.id)).toEqual({ sessions: 2, questions: 6 });

    const rest = await shortlist([
      "assessments",
      "import",
      assessment.id,
      path,
      "--batch-size",
      "4",
      "--from-line",
      "9",
    ]);
    expect(rest.stderr).toBe("");
    expect(rest.code).toBe(0);
    expect(rest.stdout).toContain("recorded lines 9-12: 1 session, 3 questions");
    expect(rest.stdout).toContain("now holds 3 sessions and 9 questions");
    const done = await client.assessments.complete.mutate({ assessmentId: assessment.id });
    // The same activity as one import: the worked example's numbers.
    expect(done.metrics?.taoIndex).toBeCloseTo(51.68, 2);
  });

  test("a completed assessment, an unknown one, a malformed id: exit 1 before reading the file", async () => {
    const { assessment } = await startedAssessment();
    await client.assessments.importActivity.mutate({
      assessmentId: assessment.id,
      rows: (await readFile(SAMPLE, "utf8"))
        .trimEnd()
        .split("\n")
        .map((l, i) => ({ ...(JSON.parse(l) as Record<string, unknown>), line: i + 1 })),
    });
    await client.assessments.complete.mutate({ assessmentId: assessment.id });
    const completed = await shortlist(["assessments", "import", assessment.id, SAMPLE]);
    expect(completed.code).toBe(1);
    expect(completed.stderr).toContain("is completed; its activity can no longer change");

    const unknown = await shortlist(["assessments", "import", randomUUID(), SAMPLE]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/NOT_FOUND: Assessment .* not found/i);

    const malformed = await shortlist(["assessments", "import", "not-an-id", SAMPLE]);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain("BAD_REQUEST");

    const missingFile = await shortlist(["assessments", "import", assessment.id, join(dir, "nope.jsonl")]);
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toContain("no such file");
  });

  test("a reviewer's token may read but not import: exit 2 with the role required, nothing written", async () => {
    const { assessment } = await startedAssessment();
    const run = await shortlist(["assessments", "import", assessment.id, SAMPLE], {
      env: { SHORTLIST_TOKEN: reviewerToken },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("FORBIDDEN: This needs one of the roles: admin, recruiter; you are reviewer");
    expect(await recorded(assessment.id)).toEqual({ sessions: 0, questions: 0 });
  });

  test("reports pdf: an unknown report exits 1; a refused token exits 2; nothing is written", async () => {
    const unknown = await shortlist(["reports", "pdf", randomUUID(), "-o", join(dir, "unknown.pdf")]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/NOT_FOUND: Report .* not found/i);
    expect(existsSync(join(dir, "unknown.pdf"))).toBe(false);
    const malformed = await shortlist(["reports", "pdf", "not-a-report-id", "-o", join(dir, "malformed.pdf")]);
    expect([malformed.code, malformed.stderr]).toEqual([1, expect.stringContaining("BAD_REQUEST: Invalid input: id")]);
    expect(existsSync(join(dir, "malformed.pdf"))).toBe(false);

    const refused = await shortlist(["reports", "pdf", randomUUID()], {
      env: { SHORTLIST_TOKEN: "sl_not-a-real-token" },
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("UNAUTHORIZED");
  });
});

describe("a refused batch through the typed client", () => {
  test("error.data carries reason invalid_rows and every problem with its line; nothing is written", async () => {
    const { assessment } = await startedAssessment();
    const rows = [
      { line: 7, type: "question", ref: "q5", session: "s1", domain: "Python", text: " ", askedAt: "later" },
      { line: 8, type: "note" },
    ];
    const error = await client.assessments.importActivity.mutate({ assessmentId: assessment.id, rows }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(errorReasonOf(error)).toBe("invalid_rows");
    expect(problemsOf(error)).toEqual([
      { line: 7, ref: "q5", path: "text", message: "must not be empty" },
      { line: 7, ref: "q5", path: "askedAt", message: expect.stringMatching(/ISO 8601/) },
      { line: 8, path: "type", message: 'must be "session" or "question"' },
    ]);
    expect(await recorded(assessment.id)).toEqual({ sessions: 0, questions: 0 });
  });
});
