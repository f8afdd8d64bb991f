/** Edges of the metrics: one session, one domain, identical timestamps, no follow-ups, sessions without questions. */
import { describe, expect, test } from "vitest";
import { scoreActivity } from ".";
import { chainStats, interestRatio, leastSquaresSlope } from "./metrics";
import { question as q, session as s } from "./worked-example.fixture";

describe("least-squares slope", () => {
  test("hand-computed fits", () => {
    expect(leastSquaresSlope([])).toBe(0);
    expect(leastSquaresSlope([3])).toBe(0);
    expect(leastSquaresSlope([2, 4])).toBe(2);
    expect(leastSquaresSlope([1, 3, 2, 4])).toBeCloseTo(0.8, 12); // Σdx·y = 4, Σdx² = 5
    expect(leastSquaresSlope([5, 5, 5])).toBe(0);
    expect(leastSquaresSlope([6, 4, 2])).toBe(-2);
  });
});

describe("chains", () => {
  test("no follow-ups: every question is a chain of 1", () => {
    expect(
      chainStats([
        { ref: "a", followUpOf: null },
        { ref: "b", followUpOf: null },
      ]),
    ).toEqual({ mean: 1, longest: 1, depths: [1, 1] });
  });

  test("a branching tree counts its longest path once", () => {
    const stats = chainStats([
      { ref: "a", followUpOf: null },
      { ref: "b", followUpOf: "a" },
      { ref: "c", followUpOf: "a" },
      { ref: "d", followUpOf: "c" },
      { ref: "e", followUpOf: null },
    ]);
    expect(stats).toEqual({ mean: 2, longest: 3, depths: [1, 2, 2, 3, 1] }); // chains 3 and 1
  });

  test("links arriving before their parent still resolve", () => {
    expect(
      chainStats([
        { ref: "b", followUpOf: "a" },
        { ref: "a", followUpOf: null },
      ]).mean,
    ).toBe(2);
  });
});

describe("interest ratio", () => {
  test("domains compare trimmed and case-insensitively", () => {
    expect(
      interestRatio([{ domain: " python " }, { domain: "PYTHON" }, { domain: "Go" }, { domain: "Rust" }], ["Python"]),
    ).toBe(0.5);
    expect(interestRatio([], ["Python"])).toBe(0);
  });
});

describe("edge cases", () => {
  test("one session, one domain: velocity 0, retention 0, interest 0", () => {
    const r = scoreActivity({
      domains: ["Python"],
      sessions: [s("s1", "09:00", "09:30")],
      questions: [
        q("q1", "s1", "Python", "What is a decorator?", "09:01"),
        q("q2", "s1", "Python", "Why would a decorator need functools.wraps?", "09:02", "q1"),
      ],
    });
    expect(r.sessionTrend).toHaveLength(1);
    expect(r.learningVelocity).toBe(0);
    expect(r.conceptRetention).toBe(0);
    expect(r.interestRatio).toBe(0);
    expect(r.chainDepth).toBe(2);
    // q1: what 1 + 1 term (decorator) → 2; q2: why 3 + 1 term (decorator) + reuse → 5
    expect(r.questions.map((x) => x.sophistication)).toEqual([2, 5]);
    expect(r.avgSophistication).toBe(3.5);
    // 100 × (0.35 × 2.5/6 + 0.2 × 0.5 + 0.2 × 1/3 + 0 + 0)
    expect(r.taoIndex).toBeCloseTo(100 * (0.35 * (2.5 / 6) + 0.1 + 0.2 / 3), 12);
    expect(r.totalTimeMinutes).toBe(30);
  });

  test("identical timestamps: order of arrival breaks the tie, everywhere", () => {
    const r = scoreActivity({
      domains: ["Python"],
      sessions: [s("s1", "09:00", "09:00"), s("s2", "09:00", "09:00")],
      questions: [
        q("q1", "s1", "Python", "What is a generator?", "09:00"),
        q("q2", "s2", "Python", "Why is a generator lazy?", "09:00", "q1"),
      ],
    });
    // q2 comes after q1 (arrival), so it reuses "generator"; s1 comes before s2.
    expect(r.questions.map((x) => x.sophistication)).toEqual([2, 5]);
    expect(r.sessionTrend.map((p) => p.ref)).toEqual(["s1", "s2"]);
    expect(r.learningVelocity).toBe(3);
    expect(r.conceptRetention).toBe(1); // {generator}: met in s1, back in s2
    expect(r.totalTimeMinutes).toBe(0);
  });

  test("a session without questions counts in totals but not in velocity or retention", () => {
    const r = scoreActivity({
      domains: ["Python"],
      sessions: [s("s1", "09:00", "09:10"), s("empty", "10:00", "10:20"), s("s3", "11:00", "11:10")],
      questions: [
        q("q1", "s1", "Python", "What is a generator?", "09:05"),
        q("q3", "s3", "Python", "What is a generator?", "11:05"),
      ],
    });
    expect(r.sessionTrend.map((p) => p.meanSophistication)).toEqual([2, null, 3]);
    expect(r.learningVelocity).toBe(1);
    expect(r.conceptRetention).toBe(1);
    expect(r.totalSessions).toBe(3);
    expect(r.totalTimeMinutes).toBe(40);
  });

  test("an assigned domain with no questions scores 0; all questions elsewhere → interest 1", () => {
    const r = scoreActivity({
      domains: ["Kubernetes"],
      sessions: [s("s1", "09:00", "09:10")],
      questions: [q("q1", "s1", "Rust", "What is a lifetime?", "09:05")],
    });
    expect(r.domainScores).toEqual([
      { domain: "Kubernetes", assigned: true, questions: 0, avgSophistication: null, score: 0 },
      { domain: "Rust", assigned: false, questions: 1, avgSophistication: 2, score: 50 / 3 },
    ]);
    expect(r.interestRatio).toBe(1);
    expect(r.components.interest).toBe(1);
  });
});
