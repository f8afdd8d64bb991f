/**
 * The question bank's JSONL import (all or nothing, problems by line, dry run, re-runs skip) and export, and the
 * starter bank, through the procedures on a real database.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { loadStarterBank } from "../src/interviews";
import { STARTER_DIR } from "../src/interviews/starter/load";
import { errorShape, rejection, rowCounts, useTestApi, type Caller } from "./helpers";
import { sampleQuestion } from "./interviews-questions-fixtures";

const api = useTestApi();
let recruiter: Caller;
let reviewer: Caller;
let recruiterId: string;

beforeAll(async () => {
  const signed = await api.signedIn("recruiter");
  recruiter = signed.caller;
  recruiterId = signed.user.id;
  reviewer = (await api.signedIn("reviewer")).caller;
});

const questionCount = async () => (await rowCounts(api.db.orm, ["questions"])).questions!;

describe("import and export", () => {
  test("a batch with bad rows writes nothing and names every problem by its line", async () => {
    const before = await questionCount();
    const error = await rejection(
      recruiter.questions.import({
        rows: [
          { line: 3, ...sampleQuestion({ text: "Import good one" }) },
          { line: 4, ...sampleQuestion({ text: "Import bad one", difficulty: 0 }) },
          { line: 7, ...sampleQuestion({ text: "Import bad two", rubric: [] }), colour: "red" },
        ],
      }),
    );
    const data = errorShape(error).data;
    expect(data.reason).toBe("invalid_rows");
    expect(data.problems).toEqual([
      { line: 4, path: "difficulty", message: "From 1 to 5" },
      { line: 7, path: "rubric", message: "Give the rubric at least one criterion" },
      { line: 7, path: "colour", message: "Unknown field" },
    ]);
    expect(error.message).toMatch(
      /^Questions rejected, nothing was written \(3 problems\): line 4: difficulty: From 1 to 5;/,
    );
    expect(await questionCount()).toBe(before);
  });

  test("a dry run answers the results and writes no question", async () => {
    const before = await questionCount();
    const result = await recruiter.questions.import({
      dryRun: true,
      rows: [{ line: 1, ...sampleQuestion({ text: "Dry run question" }) }],
    });
    expect(result).toMatchObject({ dryRun: true, created: 1, skipped: 0, rejected: 0 });
    expect(result.results).toEqual([{ line: 1, outcome: "created" }]);
    expect(await questionCount()).toBe(before);
  });

  test("export pages every question oldest first; importing it back skips them all; edited text imports as new", async () => {
    const tag = "t-export";
    await recruiter.questions.import({
      rows: [1, 2, 3].map((n) => ({ line: n, ...sampleQuestion({ text: `Export question ${n}`, tags: [tag] }) })),
    });
    const rows = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Caller["questions"]["export"]>> = await reviewer.questions.export({
        limit: 2,
        cursor,
      });
      rows.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    expect(rows).toHaveLength(await questionCount());
    const mine = rows.filter((r) => r.tags.includes(tag));
    expect(mine.map((r) => r.text)).toEqual(["Export question 1", "Export question 2", "Export question 3"]);
    expect(mine[0]).toEqual({
      ...sampleQuestion({ text: "Export question 1", tags: [tag] }),
      skills: ["PostgreSQL", "SQL"],
      rubric: sampleQuestion().rubric!.map((c) => ({ weight: 3, keywords: [], ...c })),
    });

    const before = await questionCount();
    const again = await recruiter.questions.import({ rows: rows.map((r, i) => ({ line: i + 1, ...r })) });
    expect(again).toMatchObject({ created: 0, skipped: rows.length, rejected: 0 });
    expect(again.results.every((r) => r.id)).toBe(true);
    const edited = await recruiter.questions.import({
      rows: [
        { line: 1, ...mine[0]!, text: "Export question 1, reworded" },
        { line: 2, ...mine[0]!, text: "Export question 1, reworded" },
      ],
    });
    expect(edited.results).toEqual([
      { line: 1, outcome: "created", id: expect.any(String) as string },
      { line: 2, outcome: "skipped" },
    ]);
    expect(await questionCount()).toBe(before + 1);
    const [imported] = (await reviewer.questions.list({ tags: [tag], q: "reworded" })).items;
    expect(imported).toMatchObject({ author: { id: recruiterId }, skills: ["PostgreSQL", "SQL"] });
  });
});

describe("the starter bank", () => {
  test("loads every line of the starter files once; a second load adds nothing", async () => {
    const files = (await readdir(STARTER_DIR)).filter((f) => f.endsWith(".jsonl"));
    let lines = 0;
    for (const f of files)
      lines += (await readFile(join(STARTER_DIR, f), "utf8")).split("\n").filter((l) => l.trim()).length;
    expect(lines).toBeGreaterThan(0);
    const first = await recruiter.questions.loadStarterBank();
    expect(first).toEqual({ created: lines, skipped: 0 });
    const second = await recruiter.questions.loadStarterBank();
    expect(second).toEqual({ created: 0, skipped: lines });
    const starter = await reviewer.questions.list({ limit: 1 });
    expect(starter.items[0]).toMatchObject({ starter: true, author: null });
  });

  test("a bad line fails loudly naming its file and line, and nothing of the bank is written", async () => {
    const dir = await mkdtemp(join(tmpdir(), "shortlist-starter-"));
    try {
      const good = { key: "t-good", ...sampleQuestion({ text: "Starter good" }) };
      await writeFile(
        join(dir, "a.jsonl"),
        `${JSON.stringify(good)}\n\n${JSON.stringify({ ...good, key: "t-bad", difficulty: 9 })}\n`,
      );
      await writeFile(join(dir, "b.jsonl"), `${JSON.stringify(good)}\nnot json\n`);
      const before = await questionCount();
      const em = api.db.orm.em.fork();
      const failure = await loadStarterBank(em, { dir }).catch((error: Error) => error);
      expect(failure).toBeInstanceOf(Error);
      const message = (failure as Error).message;
      expect(message).toContain("a.jsonl:3: difficulty: From 1 to 5");
      expect(message).toContain('b.jsonl:1: key "t-good" is already used at a.jsonl:1');
      expect(message).toContain("b.jsonl:2: not valid JSON");
      expect(await questionCount()).toBe(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
