import type { InterviewDTO, PlannedQuestionDTO } from "@shortlist/api";
import { describe, expect, test } from "vitest";
import { planItems, sameOrder, shortText } from "./plan";

const planned = (id: string, position: number, questionId: string | null): PlannedQuestionDTO => ({
  id,
  questionId,
  position,
  text: `Question ${id}`,
  type: "technical",
  difficulty: 3,
  skills: ["PostgreSQL"],
  rubric: [],
  followUps: [],
  timeLimitSeconds: 300,
  reason: "must-have: PostgreSQL",
  askedAt: null,
});

describe("planItems", () => {
  test("rows in plan order, keyed by the bank question; a question gone from the bank is left out", () => {
    const interview = {
      plan: [planned("c", 2, "bank-c"), planned("a", 0, "bank-a"), planned("b", 1, null)],
    } as unknown as InterviewDTO;
    const items = planItems(interview);
    expect(items.map((i) => i.id)).toEqual(["bank-a", "bank-c"]);
    expect(items[0]).toMatchObject({ text: "Question a", reason: "must-have: PostgreSQL", skills: ["PostgreSQL"] });
  });
});

describe("sameOrder", () => {
  const item = (id: string) => ({ id }) as never;
  test("the same ids in the same order only", () => {
    expect(sameOrder([item("a"), item("b")], [item("a"), item("b")])).toBe(true);
    expect(sameOrder([item("b"), item("a")], [item("a"), item("b")])).toBe(false);
    expect(sameOrder([item("a")], [item("a"), item("b")])).toBe(false);
  });
});

describe("shortText", () => {
  test("one line, cut on a character budget with an ellipsis", () => {
    expect(shortText("Tell me\n about   a time")).toBe("Tell me about a time");
    expect(shortText("abcdefghij", 5)).toBe("abcd…");
    expect(shortText("abcde", 5)).toBe("abcde");
  });
});
