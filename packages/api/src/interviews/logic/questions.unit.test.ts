import { describe, expect, test } from "vitest";
import { normaliseQuestion, normaliseSkills, normaliseTags, questionSearchText } from "./questions";

const known: Record<string, string> = { postgres: "PostgreSQL", postgresql: "PostgreSQL", k8s: "Kubernetes" };
const canonical = (s: string) => known[s.toLowerCase()] ?? null;

describe("skills", () => {
  test("take the list's canonical name, keep unknown ones as typed (trimmed), each once whatever its case", () => {
    expect(
      normaliseSkills([" postgres ", "K8s", "PostgreSQL", "Bedside manner", "bedside manner", " "], canonical),
    ).toEqual(["PostgreSQL", "Kubernetes", "Bedside manner"]);
  });
});

describe("tags", () => {
  test("are lower-cased, trimmed and de-duplicated in order", () => {
    expect(normaliseTags(["Backend", " backend", "ICU ", "", "icu"])).toEqual(["backend", "icu"]);
  });
});

describe("search text", () => {
  test("holds the question, every criterion's name, strong answer and keywords, and the ideal answer", () => {
    const text = questionSearchText({
      text: "How would you index this?",
      rubric: [
        { name: "Diagnosis", strongAnswer: "Reads the plan", keywords: ["explain analyze"] },
        { name: "Trade-offs", strongAnswer: "Write cost" },
      ],
      idealAnswer: "",
    });
    expect(text.split("\n")).toEqual([
      "How would you index this?",
      "Diagnosis",
      "Reads the plan",
      "explain analyze",
      "Trade-offs",
      "Write cost",
    ]);
  });

  test("normaliseQuestion writes skills, tags and search text together and keeps the rest", () => {
    const q = normaliseQuestion(
      {
        text: "Q",
        rubric: [{ name: "N", strongAnswer: "S", keywords: [] }],
        idealAnswer: "I",
        skills: ["postgres"],
        tags: ["A"],
        difficulty: 3,
      },
      canonical,
    );
    expect(q).toEqual({
      text: "Q",
      rubric: [{ name: "N", strongAnswer: "S", keywords: [] }],
      idealAnswer: "I",
      skills: ["PostgreSQL"],
      tags: ["a"],
      difficulty: 3,
      searchText: "Q\nN\nS\nI",
    });
  });
});
