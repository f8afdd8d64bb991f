/**
 * `shortlist questions import` and `shortlist questions export` against real servers on real databases: each run is
 * the installed bin in a child process. An export of one server imports into another as it is.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { importQuestionsInput } from "@shortlist/api/schemas";
import { createShortlistClient, type ShortlistClient } from "../src/index";
import { MAX_QUESTION_ROWS } from "../src/cli/commands/questions";
import { cliServer, jsonl, runCli, writeIn, type CliServer, type Run } from "./support";

const source = cliServer({ label: "cli-questions" });
const target = cliServer({ label: "cli-questions-target" });
let from: CliServer;
let to: CliServer;
let client: ShortlistClient;
let targetClient: ShortlistClient;

const shortlist = (server: CliServer, args: string[], token = server.recruiterToken): Promise<Run> =>
  runCli(args, { env: { SHORTLIST_URL: server.url, SHORTLIST_TOKEN: token } });

const lines = (text: string) => text.split("\n").filter(Boolean);

function question(text: string, overrides: Record<string, unknown> = {}) {
  return {
    text,
    type: "technical",
    difficulty: 3,
    skills: ["postgres"],
    tags: ["CLI"],
    rubric: [{ name: "Diagnosis", weight: 4, strongAnswer: "Reads the plan first.", keywords: ["explain"] }],
    idealAnswer: "EXPLAIN ANALYZE, then an index.",
    followUps: [],
    timeLimitSeconds: 300,
    active: true,
    ...overrides,
  };
}

const count = async (c: ShortlistClient, active: boolean | "all" = "all") =>
  (await c.questions.export.query({ active, limit: 1000 })).rows.length;

beforeAll(async () => {
  [from, to] = await Promise.all([source.start(), target.start()]);
  client = createShortlistClient({ url: from.url, token: from.recruiterToken });
  targetClient = createShortlistClient({ url: to.url, token: to.recruiterToken });
});

afterAll(() => Promise.all([source.stop(), target.stop()]));

test("the CLI's batch limit is the server's", () => {
  expect(
    importQuestionsInput.safeParse({ rows: Array.from({ length: MAX_QUESTION_ROWS }, (_, i) => ({ line: i + 1 })) })
      .success,
  ).toBe(true);
  expect(
    importQuestionsInput.safeParse({ rows: Array.from({ length: MAX_QUESTION_ROWS + 1 }, (_, i) => ({ line: i + 1 })) })
      .success,
  ).toBe(false);
});

describe("questions import", () => {
  test("imports every line; the same file again skips them all", async () => {
    const file = await writeIn(
      from.dir,
      "bank.jsonl",
      jsonl([question("CLI question 1"), "", question("CLI question 2"), question("CLI question 3")]),
    );
    const first = await shortlist(from, ["questions", "import", file, "--batch-size", "2"]);
    expect(first.code).toBe(0);
    expect(lines(first.stdout)).toEqual([
      "imported lines 1-3: 2 created, 0 skipped",
      "imported lines 4-4: 1 created, 0 skipped",
      "Done: 3 questions created, 0 skipped (already in the bank)",
    ]);
    const again = await shortlist(from, ["questions", "import", file]);
    expect(again.code).toBe(0);
    expect(lines(again.stdout)).toEqual([
      "imported lines 1-4: 0 created, 3 skipped",
      "Done: 0 questions created, 3 skipped (already in the bank)",
    ]);
    const page = await client.questions.list.query({ q: "CLI question", limit: 10 });
    expect(page.items[0]).toMatchObject({ skills: ["PostgreSQL"], tags: ["cli"] });
  });

  test("--dry-run says what would be imported and saves nothing", async () => {
    const before = await count(client);
    const file = await writeIn(
      from.dir,
      "dry.jsonl",
      jsonl([question("CLI dry run question"), question("CLI question 1")]),
    );
    const run = await shortlist(from, ["questions", "import", file, "--dry-run"]);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual([
      "checked lines 1-2: 1 new, 1 skipped",
      "Dry run, nothing saved: 1 question would be created, 1 skipped (already in the bank)",
    ]);
    expect(await count(client)).toBe(before);
  });

  test("a bad line keeps its batch out, names its line and field; the other batches are saved; exit 1", async () => {
    const before = await count(client);
    const file = await writeIn(
      from.dir,
      "bad.jsonl",
      jsonl([
        question("CLI batch one a"),
        question("CLI batch one b", { difficulty: 9 }),
        question("CLI batch two a"),
        question("CLI batch two b", { type: "trivia", colour: "red" }),
        question("CLI batch three"),
      ]),
    );
    const run = await shortlist(from, ["questions", "import", file, "--batch-size", "2"]);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toEqual([
      "rejected line 2: difficulty: From 1 to 5",
      "rejected line 4: type: Must be one of: technical, behavioural, situational, system_design, coding, role_specific",
      "rejected line 4: colour: Unknown field",
      "imported lines 5-5: 1 created, 0 skipped",
      "Done: 1 question created, 0 skipped (already in the bank), 2 lines rejected",
    ]);
    expect(run.stderr).toContain("2 batches were refused (lines 1-2, lines 3-4)");
    expect(await count(client)).toBe(before + 1);
  });

  test("a line that is not JSON: nothing is sent, exit 1; a missing file: exit 2", async () => {
    const before = await count(client);
    const file = await writeIn(
      from.dir,
      "broken.jsonl",
      `${JSON.stringify(question("CLI never sent"))}\n{"text": \n[1]\n`,
    );
    const run = await shortlist(from, ["questions", "import", file]);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toEqual([
      expect.stringMatching(/^rejected line 2: not valid JSON/) as unknown as string,
      "rejected line 3: expected a JSON object (a question), found an array",
    ]);
    expect(run.stderr).toContain("Nothing was imported");
    expect(await count(client)).toBe(before);
    const missing = await shortlist(from, ["questions", "import", join(from.dir, "nope.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no such file");
  });

  test("a reviewer's token is refused: exit 2, nothing saved", async () => {
    const file = await writeIn(from.dir, "reviewer.jsonl", jsonl([question("CLI reviewer question")]));
    const run = await shortlist(from, ["questions", "import", file], from.reviewerToken);
    expect(run.code).toBe(2);
    expect(await client.questions.list.query({ q: '"CLI reviewer question"' })).toMatchObject({ items: [] });
  });
});

describe("questions export", () => {
  test("writes the active questions as JSON Lines, oldest first; --all adds retired ones; --out writes a file", async () => {
    const retired = await client.questions.create.mutate({
      ...question("CLI retired question"),
      type: "coding",
      active: false,
    });
    const active = await shortlist(from, ["questions", "export"]);
    expect(active.code).toBe(0);
    const rows = lines(active.stdout).map((l) => JSON.parse(l) as { text: string; active: boolean });
    expect(rows.length).toBe(await count(client, true));
    expect(rows.every((r) => r.active)).toBe(true);
    expect(rows.slice(0, 3).map((r) => r.text)).toEqual(["CLI question 1", "CLI question 2", "CLI question 3"]);

    const out = join(from.dir, "export.jsonl");
    const all = await shortlist(from, ["questions", "export", "--all", "--out", out]);
    expect(all.code).toBe(0);
    expect(all.stdout).toBe("");
    const written = lines(await readFile(out, "utf8")).map((l) => JSON.parse(l) as { text: string });
    expect(written.length).toBe(await count(client));
    expect(written.at(-1)!.text).toBe(retired.text);
    expect(all.stderr).toBe(`Exported ${written.length} questions to ${out}\n`);
  });

  test("an export imports into another server as it is", async () => {
    const out = join(from.dir, "round-trip.jsonl");
    expect((await shortlist(from, ["questions", "export", "--all", "--out", out])).code).toBe(0);
    const run = await shortlist(to, ["questions", "import", out]);
    expect(run.code).toBe(0);
    const [exported, imported] = await Promise.all(
      [client, targetClient].map(async (c) => (await c.questions.export.query({ limit: 1000 })).rows),
    );
    expect(imported).toEqual(exported);
  });
});
