import { describe, expect, test } from "vitest";
import { highlight, mergeSpans } from "./highlight";

describe("highlight", () => {
  test("marks the spans and keeps everything between them, in order", () => {
    const text = "PostgreSQL and TypeScript, then PostgreSQL again";
    const pieces = highlight(text, [
      [32, 42],
      [0, 10],
    ]);
    expect(pieces.map((p) => [p.text, p.marked])).toEqual([
      ["PostgreSQL", true],
      [" and TypeScript, then ", false],
      ["PostgreSQL", true],
      [" again", false],
    ]);
    expect(pieces.map((p) => p.text).join("")).toBe(text);
  });

  test("no spans: the text as one piece; spans out of range are clipped; overlaps merge", () => {
    expect(highlight("abc", [])).toEqual([{ text: "abc", marked: false, start: 0 }]);
    expect(
      mergeSpans(
        [
          [-3, 2],
          [1, 4],
          [8, 20],
          [6, 6],
        ],
        10,
      ),
    ).toEqual([
      [0, 4],
      [8, 10],
    ]);
  });
});
