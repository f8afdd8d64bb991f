/** The worked example of docs/scoring.md (examples/activity.sample.jsonl), every number hand-computed there. */
import { describe, expect, test } from "vitest";
import { scoreActivity } from ".";
import { workedExample } from "./worked-example.fixture";

const result = scoreActivity(workedExample());

describe("worked example", () => {
  test("§2 per-question sophistication: type + vocabulary + reference", () => {
    expect(
      result.questions.map((q) => [
        q.ref,
        q.type,
        q.typePoints,
        q.domainTerms.length,
        q.vocabularyPoints,
        q.referencePoints,
        q.sophistication,
      ]),
    ).toEqual([
      ["q1", "what", 1, 1, 1, 0, 2],
      ["q2", "how", 2, 2, 1, 1, 4],
      ["q3", "what", 1, 1, 1, 0, 2],
      ["q4", "why", 3, 3, 2, 1, 6],
      ["q5", "what-if", 4, 1, 1, 1, 6],
      ["q6", "what", 1, 1, 1, 0, 2],
      ["q7", "compare", 3, 3, 2, 1, 6],
      ["q8", "what-if", 4, 1, 1, 1, 6],
      ["q9", "why", 3, 0, 0, 0, 3],
    ]);
    expect(result.questions[6]!.reusedConcepts).toEqual(["generator", "memory"]);
  });

  test("§3 average sophistication 37/9", () => {
    expect(result.avgSophistication).toBeCloseTo(37 / 9, 12);
  });

  test("§4 chain depth: chains 2, 1, 2, 1, 3 → mean 1.8, longest 3", () => {
    expect(result.chainDepth).toBeCloseTo(1.8, 12);
    expect(result.longestChain).toBe(3);
  });

  test("§5 learning velocity: slope of 8/3, 14/3, 5 over sessions 1–3 = 7/6", () => {
    expect(result.sessionTrend.map((p) => p.meanSophistication)).toEqual([8 / 3, 14 / 3, 5]);
    expect(result.learningVelocity).toBeCloseTo(7 / 6, 12);
  });

  test("§6 concept retention: 3 of 12 earlier concepts come back", () => {
    expect(result.conceptRetention).toBeCloseTo(0.25, 12);
  });

  test("§7 interest ratio: 1 of 9 questions outside Python and PostgreSQL", () => {
    expect(result.interestRatio).toBeCloseTo(1 / 9, 12);
  });

  test("§7 domain scores", () => {
    expect(result.domainScores).toEqual([
      { domain: "Python", assigned: true, questions: 5, avgSophistication: 4.2, score: expect.closeTo(160 / 3, 9) },
      {
        domain: "PostgreSQL",
        assigned: true,
        questions: 3,
        avgSophistication: expect.closeTo(14 / 3, 9),
        score: expect.closeTo(550 / 9, 9),
      },
      { domain: "Rust", assigned: false, questions: 1, avgSophistication: 2, score: expect.closeTo(50 / 3, 9) },
    ]);
  });

  test("§8 tao index 51.68 from its components", () => {
    expect(result.components.sophistication).toBeCloseTo(14 / 27, 12);
    expect(result.components.velocity).toBe(1);
    expect(result.components.chainDepth).toBeCloseTo(0.8 / 3, 12);
    expect(result.components.retention).toBeCloseTo(0.25, 12);
    expect(result.components.interest).toBeCloseTo(4 / 9, 12);
    expect(result.taoIndex).toBeCloseTo(51.6759, 4);
  });

  test("§9 totals", () => {
    expect([result.totalQueries, result.totalSessions, result.totalTimeMinutes]).toEqual([9, 3, 95]);
  });

  test("deterministic: the same activity in another arrival order scores the same", () => {
    const activity = workedExample();
    const shuffled = {
      ...activity,
      sessions: [...activity.sessions].reverse(),
      questions: [...activity.questions].reverse(),
    };
    const again = scoreActivity(shuffled);
    expect(again.taoIndex).toBe(result.taoIndex);
    expect(again.sessionTrend).toEqual(result.sessionTrend);
  });
});
