import { describe, expect, test } from "vitest";
import { buildScorecard, recommendationFor, type ScorecardQuestion } from "./evaluate-scorecard";

const q = (skills: string[], difficulty: number, finalScore: number | null, overTime = false): ScorecardQuestion => ({
  skills,
  difficulty,
  answered: finalScore !== null,
  finalScore,
  overTime,
});

describe("scorecard", () => {
  test("skills are the mean of their questions; overall is weighted by difficulty", () => {
    const card = buildScorecard(
      [q(["PostgreSQL"], 3, 90), q(["PostgreSQL", "Kubernetes"], 1, 50), q(["Kubernetes"], 2, 20, true)],
      true,
    );
    expect(card.skills).toEqual([
      { skill: "PostgreSQL", score: 70, answers: 2 },
      { skill: "Kubernetes", score: 35, answers: 2 },
    ]);
    // (90·3 + 50·1 + 20·2) / 6 = 360 / 6
    expect(card.overall).toBe(60);
    expect(card.recommendation).toBe("lean_no_hire");
    expect([card.answered, card.planned]).toEqual([3, 3]);
    expect(card.summary).toBe(
      "3 of 3 planned questions answered; overall 60 of 100, a lean no hire. Strongest in PostgreSQL (70), " +
        "weakest in Kubernetes (35). 1 answer was given after the time limit.",
    );
  });

  test("unanswered questions count as 0 once completed, and not before", () => {
    const questions = [q(["Go"], 2, 80), q(["Go"], 2, null)];
    const inProgress = buildScorecard(questions, false);
    expect([inProgress.overall, inProgress.skills[0]!.answers]).toEqual([80, 1]);
    expect(inProgress.summary).toMatch(/^1 of 2 planned questions answered so far; overall 80/);
    const completed = buildScorecard(questions, true);
    expect([completed.overall, completed.skills[0]]).toEqual([40, { skill: "Go", score: 40, answers: 2 }]);
    expect(completed.summary).toMatch(/1 unanswered question counts as 0\.$/);
  });

  test("nothing answered: 0, no hire, no skills until completed", () => {
    expect(buildScorecard([q(["Go"], 1, null)], false)).toMatchObject({ overall: 0, skills: [], answered: 0 });
    expect(buildScorecard([], true)).toMatchObject({ overall: 0, recommendation: "no_hire", planned: 0 });
  });

  test("recommendation thresholds", () => {
    expect([80, 79.9, 65, 64.9, 45, 44.9, 0].map(recommendationFor)).toEqual([
      "strong_hire",
      "hire",
      "hire",
      "lean_no_hire",
      "lean_no_hire",
      "no_hire",
      "no_hire",
    ]);
  });
});
