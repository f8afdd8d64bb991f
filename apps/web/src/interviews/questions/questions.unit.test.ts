import { describe, expect, test } from "vitest";
import { DEFAULT_FILTERS, filtersOf, isFiltered, listInputOf, paramsOf } from "./filters";
import { chunkRows, parseQuestionFile, toJsonl } from "./jsonl";
import { formPathOf, questionFormValues, questionInputOf } from "./question-form";

describe("bank filters in the address", () => {
  test("round-trip through the address, defaults left out", () => {
    const filters = {
      ...DEFAULT_FILTERS,
      q: '"b-tree" index -hash',
      skills: ["PostgreSQL", "SQL"],
      skillsMatch: "all" as const,
      tags: ["databases"],
      types: ["technical" as const, "coding" as const],
      difficultyMin: 2,
      difficultyMax: 4,
      status: "all" as const,
    };
    expect(filtersOf(paramsOf(filters))).toEqual(filters);
    expect(paramsOf(DEFAULT_FILTERS).toString()).toBe("");
    expect(isFiltered(DEFAULT_FILTERS)).toBe(false);
    expect(isFiltered({ ...DEFAULT_FILTERS, status: "retired" })).toBe(true);
  });

  test("drop what the list would refuse: unknown types, difficulties out of range, a reversed range", () => {
    const filters = filtersOf(new URLSearchParams("type=poetry&type=coding&dmin=5&dmax=2&status=gone&match=some"));
    expect(filters.types).toEqual(["coding"]);
    expect([filters.difficultyMin, filters.difficultyMax]).toEqual([2, 5]);
    expect(filters.status).toBe("active");
    expect(filters.skillsMatch).toBe("any");
    expect(filtersOf(new URLSearchParams("dmin=9&dmax=0")).difficultyMin).toBe(1);
  });

  test("become questions.list's input: the search only when given, the status as active", () => {
    expect(listInputOf(DEFAULT_FILTERS)).toEqual({
      skills: [],
      skillsMatch: "any",
      tags: [],
      types: [],
      difficultyMin: 1,
      difficultyMax: 5,
      active: true,
    });
    expect(listInputOf({ ...DEFAULT_FILTERS, q: " lock ", status: "retired" })).toMatchObject({
      q: "lock",
      active: false,
    });
    expect(listInputOf({ ...DEFAULT_FILTERS, status: "all" }).active).toBe("all");
  });
});

describe("question JSONL files", () => {
  test("number every line, skip blank ones, drop the starter bank's key and report what is not an object", () => {
    const text = '\uFEFF{"text":"a","key":"x-1"}\r\n\n[1]\nnot json\n{"text":"b","line":99}\nnull\n';
    const parsed = parseQuestionFile(text);
    expect(parsed.rows).toEqual([
      { text: "a", line: 1 },
      { text: "b", line: 5 },
    ]);
    expect(parsed.unreadable.map((u) => u.line)).toEqual([3, 4, 6]);
    expect(parsed.unreadable[0]!.reason).toMatch(/an array/);
    expect(parsed.unreadable[1]!.reason).toBe(
      "not a JSON object (the file should be JSON Lines: one JSON object per line, each a question)",
    );
  });

  test("chunk by rows and by size, in order", () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ line: i + 1, text: "x".repeat(10) }));
    expect(chunkRows(rows, 3).map((c) => c.length)).toEqual([3, 3, 1]);
    const size = JSON.stringify(rows[0]).length + 1;
    expect(chunkRows(rows, 500, size * 2).map((c) => c.length)).toEqual([2, 2, 2, 1]);
    expect(chunkRows(rows, 500, 1).flat()).toEqual(rows);
    expect(toJsonl([{ a: 1 }, { b: 2 }])).toBe('{"a":1}\n{"b":2}\n');
  });
});

describe("the question form", () => {
  test("a new question starts with one empty criterion and becomes create's input without row ids", () => {
    const values = questionFormValues();
    expect(values.rubric).toHaveLength(1);
    values.text = "Why?";
    values.followUps = [{ id: "f", text: "And then?" }];
    values.difficulty = "";
    const input = questionInputOf(values);
    expect(input.rubric).toEqual([{ name: "", weight: 3, strongAnswer: "", keywords: [] }]);
    expect(input.followUps).toEqual(["And then?"]);
    // Left empty: the server names the field rather than the form guessing a value.
    expect(Number.isNaN(input.difficulty)).toBe(true);
  });

  test("server paths land on their inputs, rubric rows and follow-ups included", () => {
    const values = questionFormValues();
    values.followUps = [{ id: "f", text: "" }];
    expect(formPathOf("rubric.0.strongAnswer", values)).toBe("rubric.0.strongAnswer");
    expect(formPathOf("changes.rubric.0.keywords.2", values)).toBe("rubric.0.keywords");
    expect(formPathOf("rubric", values)).toBe("rubric");
    expect(formPathOf("rubric.4.name", values)).toBe("rubric");
    expect(formPathOf("followUps.0", values)).toBe("followUps.0.text");
    expect(formPathOf("skills.3", values)).toBe("skills");
    expect(formPathOf("changes.difficulty", values)).toBe("difficulty");
    expect(formPathOf("(input)", values)).toBeNull();
    expect(formPathOf("id", values)).toBeNull();
  });
});
