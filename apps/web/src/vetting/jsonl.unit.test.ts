import { describe, expect, test } from "vitest";
import { chunk, parseActivityFile } from "./jsonl";

describe("parseActivityFile", () => {
  test("adds each line's number, skips blank lines, strips a BOM and CRLF", () => {
    const text = '\uFEFF{"type":"session","ref":"s1"}\r\n\r\n  \n{"type":"question","ref":"q1"}\n';
    expect(parseActivityFile(text)).toEqual({
      records: [
        { type: "session", ref: "s1", line: 1 },
        { type: "question", ref: "q1", line: 4 },
      ],
      unreadable: [],
    });
  });

  test("lines that are not a JSON object are named with their line", () => {
    const { records, unreadable } = parseActivityFile('{"type":"session"}\n{oops\n[1,2]\nnull\n"text"\n');
    expect(records).toHaveLength(1);
    expect(unreadable.map((u) => u.line)).toEqual([2, 3, 4, 5]);
    expect(unreadable[0]!.reason).toMatch(/^not valid JSON/);
    expect(unreadable[1]!.reason).toBe("expected a JSON object (a session or a question), found an array");
    expect(unreadable[2]!.reason).toContain("found null");
    expect(unreadable[3]!.reason).toContain("found a string");
  });

  test("a line's own `line` field is replaced by its position in the file", () => {
    expect(parseActivityFile('{"type":"session","line":99}').records[0]!.line).toBe(1);
  });
});

test("chunk: by count, and by bytes of JSON", () => {
  expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  expect(chunk([], 2)).toEqual([]);
  const big = { text: "x".repeat(90) }; // about 100 bytes as JSON
  expect(chunk([big, big, big, big, big], 10, 250).map((c) => c.length)).toEqual([2, 2, 1]);
  // An item larger than the limit still goes, on its own.
  expect(chunk([big, big], 10, 50).map((c) => c.length)).toEqual([1, 1]);
});
