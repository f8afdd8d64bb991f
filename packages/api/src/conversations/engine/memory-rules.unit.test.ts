import { describe, expect, test } from "vitest";
import { extractMemories, importanceOf, isQuestion, memoryKey, memoryTypeOf, sentencesOf } from "./memory-rules";

const one = (message: string) => extractMemories({ message, reply: "Thanks, noted." });

describe("extractMemories: each type", () => {
  test.each([
    ["I am a senior nurse at the city hospital.", "fact"],
    ["Our team has eight backend engineers.", "fact"],
    ["My manager runs the platform group.", "fact"],
    ["The role requires a valid driving licence.", "fact"],
    ["I prefer remote work with two office days.", "preference"],
    ["We don't want candidates without Kubernetes experience.", "preference"],
    ["I'd rather hire someone senior first.", "preference"],
    ["I joined the company last year as a contractor.", "event"],
    ["The office moved to Berlin in 2024 after the merger.", "event"],
    ["She started on Monday with the data team.", "event"],
    ["I will send the salary bands tomorrow morning.", "commitment"],
    ["Let's schedule the first interviews soon please.", "commitment"],
    ["The hiring manager signs off by Friday at noon.", "commitment"],
  ] as const)("%s → %s", (message, type) => {
    expect(one(message)).toEqual([{ content: message, type, importance: expect.any(Number) }]);
  });

  test("a sentence that states nothing of these is not remembered", () => {
    expect(one("Sounds good to me, thanks a lot.")).toEqual([]);
  });
});

describe("extractMemories: what is skipped", () => {
  test("questions, by their mark or their opening", () => {
    expect(isQuestion("Do you have the salary range")).toBe(true);
    expect(isQuestion("What is our budget for this role")).toBe(true);
    expect(isQuestion("I will send it tomorrow.")).toBe(false);
    expect(one("Are we hiring in Berlin next week? What is my budget? Will you call me tomorrow")).toEqual([]);
  });

  test("sentences under four words", () => {
    expect(one("I am tired. I like it. We'll see.")).toEqual([]);
  });

  test("duplicates are kept once, whatever their case, spacing and end mark", () => {
    const memories = one("I prefer remote work. i  prefer REMOTE work! I prefer remote work");
    expect(memories).toEqual([
      { content: "I prefer remote work.", type: "preference", importance: expect.any(Number) },
    ]);
    expect(memoryKey("  I prefer  Remote work!! ")).toBe(memoryKey("i prefer remote work"));
  });

  test("at most five per exchange: the most important, in the message's order", () => {
    const message = [
      "I am a nurse in the ward.",
      "My shift starts at 7 in Utrecht with Anna and Bram!",
      "I like quiet night shifts most.",
      "We have three open vacancies now.",
      "I joined the hospital last year.",
      "I will send the rota by Friday.",
      "Our team uses paper charts still.",
    ].join(" ");
    const memories = one(message);
    expect(memories).toHaveLength(5);
    const order = memories.map((m) => message.indexOf(m.content));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(memories.map((m) => m.content)).toContain("My shift starts at 7 in Utrecht with Anna and Bram!");
    expect(memories.map((m) => m.content)).toContain("I will send the rota by Friday.");
  });

  test("the same message gives the same memories (deterministic)", () => {
    const message = "I prefer Go over Java. We'll decide by Monday. Our budget is 90k EUR.";
    expect(one(message)).toEqual(one(message));
  });
});

describe("importance", () => {
  test("numbers, names and emphasis raise it; it stays within 0..1", () => {
    const plain = importanceOf("we have a small team here", "fact");
    const rich = importanceOf("We really must hire 3 engineers for Acme in Berlin before the launch!", "fact");
    expect(rich).toBeGreaterThan(plain);
    expect(plain).toBeGreaterThanOrEqual(0);
    expect(rich).toBeLessThanOrEqual(1);
    expect(importanceOf("x ".repeat(1000), "commitment")).toBeLessThanOrEqual(1);
  });

  test("a commitment weighs more than the same-shaped fact", () => {
    expect(importanceOf("we send the offer", "commitment")).toBeGreaterThan(importanceOf("we send the offer", "fact"));
  });
});

test("sentences are cut at end marks and line breaks, with curly apostrophes made straight", () => {
  expect(sentencesOf("I’ll call. We are done!\nMy  turn")).toEqual(["I'll call.", "We are done!", "My turn"]);
  expect(memoryTypeOf("I’ll call them all back")).toBe(null); // only after sentencesOf straightens it
  expect(memoryTypeOf(sentencesOf("I’ll call them all back")[0]!)).toBe("commitment");
});
