import { describe, expect, it } from "vitest";
import { computeMetrics, fleschReadingEase, movingAverageTypeTokenRatio, words } from "./metrics";
import { syllables } from "./syllables";

/** Syllables counted by hand (dictionary hyphenation). */
const SYLLABLES: Record<string, number> = {
  cat: 1,
  table: 2,
  make: 1,
  makes: 1,
  jumped: 1,
  wanted: 2,
  boxes: 2,
  created: 3,
  radio: 3,
  video: 3,
  nation: 2,
  social: 2,
  usual: 3,
  people: 2,
  because: 2,
  beautiful: 3,
  university: 5,
  statistics: 3,
  analysis: 4,
  programme: 2,
  every: 3,
  free: 1,
  the: 1,
  readability: 6,
  experience: 4,
  data: 2,
  science: 2,
  family: 3,
  decided: 3,
  hospital: 3,
  minutes: 2,
  believe: 2,
  community: 4,
  patient: 2,
  carefully: 3,
  questions: 2,
  something: 2,
  little: 2,
  problem: 2,
  different: 3,
  important: 3,
  together: 3,
  learned: 1,
  lives: 1,
  area: 3,
  idea: 3,
  create: 2,
  business: 2,
};

describe("syllables", () => {
  it("counts most common words of applications right (the heuristic's documented accuracy)", () => {
    const right = Object.entries(SYLLABLES).filter(([word, count]) => syllables(word) === count);
    expect(right.length).toBeGreaterThanOrEqual(43);
  });

  it("gives every word at least one syllable, whatever its letters", () => {
    expect(syllables("2019")).toBe(1);
    expect(syllables("Rhythm")).toBe(1);
    expect(syllables("")).toBe(1);
  });
});

describe("words", () => {
  it("counts runs holding a letter or a digit, placeholders as one word each", () => {
    expect(words("I met [NAME] in [LOCATION], twice - in 2021!")).toEqual([
      "I",
      "met",
      "[NAME]",
      "in",
      "[LOCATION],",
      "twice",
      "in",
      "2021!",
    ]);
    expect(words("  \n ")).toEqual([]);
  });
});

describe("Flesch reading ease", () => {
  it("is the published formula on a sentence counted by hand", () => {
    // 6 words, 6 syllables, 1 sentence: 206.835 − 1.015 × 6 − 84.6 × 1
    expect(fleschReadingEase(["The cat sat on the mat."])).toBeCloseTo(116.145, 3);
  });

  it("ends a sentence at the end of an answer without a full stop, and counts a placeholder as two syllables", () => {
    // Two answers, two sentences, 5 words, syllables 1 + 1 + 2 + 1 + 1: 206.835 − 1.015 × 5 / 2 − 84.6 × 6 / 5
    expect(fleschReadingEase(["I met [NAME]", "We talked."])).toBeCloseTo(206.835 - 2.5375 - 101.52, 3);
  });

  it("is harder for long words in long sentences", () => {
    const easy = fleschReadingEase(["I like maths. It is fun. I play chess."]);
    const hard = fleschReadingEase([
      "Considerable methodological sophistication characterises contemporary computational epidemiology investigations.",
    ]);
    expect(easy).toBeGreaterThan(90);
    expect(hard).toBeLessThan(0);
  });

  it("is 0 without words", () => {
    expect(fleschReadingEase(["", "   "])).toBe(0);
  });
});

describe("moving-average type-token ratio", () => {
  it("is the plain type-token ratio below the window, case and punctuation aside", () => {
    // 7 words, 5 types: the, cat, and, dog, end.
    expect(movingAverageTypeTokenRatio(words("The cat and the dog. THE end"))).toBeCloseTo(5 / 7, 6);
  });

  it("averages the ratio of every window of 50 words", () => {
    // 60 words cycling through 25 types: every window of 50 holds each type twice, 25 / 50 = 0.5.
    const cycling = Array.from({ length: 60 }, (_, i) => `w${i % 25}`);
    expect(movingAverageTypeTokenRatio(cycling)).toBeCloseTo(0.5, 6);
    // 50 distinct words then 10 repeats of the first: window k (k = 0..10) has 50 − k types.
    const tail = [...Array.from({ length: 50 }, (_, i) => `d${i}`), ...Array.from({ length: 10 }, () => "d0")];
    const expected = Array.from({ length: 11 }, (_, k) => (k === 0 ? 50 : 50 - k + 1) / 50);
    expect(movingAverageTypeTokenRatio(tail)).toBeCloseTo(expected.reduce((a, b) => a + b) / 11, 6);
  });

  it("is the same whatever the length for a text that only repeats itself, unlike plain TTR", () => {
    const text = "we built a tool that helps nurses plan shifts and it works well ";
    const short = movingAverageTypeTokenRatio(words(text.repeat(5)));
    const long = movingAverageTypeTokenRatio(words(text.repeat(50)));
    expect(long).toBeCloseTo(short, 1);
  });

  it("counts each placeholder kind as one type", () => {
    expect(movingAverageTypeTokenRatio(["[NAME]", "[NAME],", "[LOCATION]."])).toBeCloseTo(2 / 3, 6);
  });
});

describe("computeMetrics", () => {
  it("reports words per reviewed question, the total, the answered ratio, rounded readability and diversity", () => {
    const metrics = computeMetrics(
      { motivation: "I want to study maths. [NAME] helped me.", project: "  ", extra: "not reviewed at all" },
      ["motivation", "project", "missing"],
    );
    expect(metrics.wordCounts).toEqual({ motivation: 8, project: 0, missing: 0 });
    expect(metrics.totalWords).toBe(8);
    expect(metrics.answeredRatio).toBeCloseTo(1 / 3, 3);
    expect(metrics.lexicalDiversity).toBe(1);
    expect(metrics.readability).toBe(
      Math.round(fleschReadingEase(["I want to study maths. [NAME] helped me."]) * 10) / 10,
    );
  });

  it("is all zeros for no questions or no answers, and the same for the same input", () => {
    expect(computeMetrics({}, [])).toEqual({
      wordCounts: {},
      totalWords: 0,
      readability: 0,
      lexicalDiversity: 0,
      answeredRatio: 0,
    });
    const answers = { a: "Some words here. More words there!" };
    expect(computeMetrics(answers, ["a"])).toEqual(computeMetrics({ ...answers }, ["a"]));
  });
});
