import { describe, expect, test } from "vitest";
import { concepts, questionType, stem } from "./text";
import { domainTerms, vocabularyFor } from "./vocabulary";

describe("question type (docs/scoring.md §2.1)", () => {
  test.each([
    ["What is a generator?", "what"],
    ["Define MVCC", "what"],
    ["How does yield pause a generator function?", "how"],
    ["Why does a btree index speed up range queries?", "why"],
    ["Compare a generator with a list comprehension for memory use.", "compare"],
    ["What is the difference between a process and a thread?", "compare"],
    ["When should I denormalise?", "compare"],
    ["What if the index does not fit in memory?", "what-if"],
    ["What happens if a generator is consumed twice?", "what-if"],
    ["Suppose the primary fails: how does failover work, and why?", "what-if"],
    ["However you look at it, is this right?", "what"],
  ])("%s → %s", (text, type) => {
    expect(questionType(text)).toBe(type);
  });
});

describe("concepts", () => {
  test("content words of three or more letters, stop words out, plurals folded, no repeats", () => {
    expect(concepts("Why does a btree index speed up range queries?")).toEqual([
      "btree",
      "index",
      "speed",
      "range",
      "query",
    ]);
    expect(concepts("What is it?")).toEqual([]);
    expect(concepts("Indexes and INDEX, index's cost")).toEqual(["index", "cost"]);
    expect(concepts("node.js vs c++ in 2026")).toEqual(["node.js", "c++"]);
  });

  test("the plural rule", () => {
    expect([
      stem("queries"),
      stem("indexes"),
      stem("caches"),
      stem("tables"),
      stem("class"),
      stem("status"),
      stem("gas"),
    ]).toEqual(["query", "index", "cach", "table", "class", "status", "gas"]);
  });
});

describe("domain vocabulary (docs/scoring.md §2.2)", () => {
  test("a domain takes the vocabulary whose name it is or contains as a word", () => {
    expect(vocabularyFor("Python")?.has("generator")).toBe(true);
    expect(vocabularyFor("  python 3 ")?.has("decorator")).toBe(true);
    expect(vocabularyFor("PostgreSQL")?.has("query")).toBe(true);
    expect(vocabularyFor("Pythonic art")).toBeNull();
    expect(vocabularyFor("Underwater basket weaving")).toBeNull();
  });

  test("without a vocabulary, long or technical-looking concepts count", () => {
    expect(domainTerms(["generator", "pause", "yield"], "Python")).toEqual(["generator", "yield"]);
    expect(domainTerms(["weaving", "reed", "http2", "basket"], "Basketry")).toEqual(["weaving", "http2"]);
  });
});
