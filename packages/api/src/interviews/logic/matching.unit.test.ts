import { describe, expect, test } from "vitest";
import {
  activeWeights,
  BASE_WEIGHTS,
  coverageValue,
  factorDetail,
  MATCH_FACTORS,
  matchScore,
  profileSkills,
  seniorityValue,
  yearsValue,
  type MatchContext,
  type MatchFactor,
} from "./matching";

const canonical = (s: string) => ({ postgres: "PostgreSQL", k8s: "Kubernetes" })[s.toLowerCase()] ?? null;
const all = (on: boolean) => Object.fromEntries(MATCH_FACTORS.map((f) => [f, on])) as Record<MatchFactor, boolean>;

const skills = profileSkills(
  [
    { skill: "postgres", weight: 5 },
    { skill: "K8s", weight: 3 },
  ],
  [
    { skill: "Python", weight: 2 },
    { skill: "PostgreSQL", weight: 1 },
  ],
  canonical,
);

describe("the profile's skills", () => {
  test("take canonical names, keep a skill once (a must-have wins), clamp weights to 1–5", () => {
    expect(skills).toEqual([
      { skill: "PostgreSQL", weight: 5, must: true },
      { skill: "Kubernetes", weight: 3, must: true },
      { skill: "Python", weight: 2, must: false },
    ]);
    expect(
      profileSkills(
        [{ skill: " Rust ", weight: 9 }, { skill: "Go", weight: "x" }, { weight: 2 }, null],
        "nope",
        canonical,
      ),
    ).toEqual([
      { skill: "Rust", weight: 5, must: true },
      { skill: "Go", weight: 3, must: true },
    ]);
  });
});

describe("factor values", () => {
  test("coverage is the share of the skills' weight evidenced", () => {
    const must = skills.filter((s) => s.must);
    expect(coverageValue(must, new Set(["postgresql"]))).toBe(5 / 8);
    expect(coverageValue(must, new Set(["kubernetes", "postgresql"]))).toBe(1);
    expect(coverageValue([], new Set(["postgresql"]))).toBe(0);
  });

  test("years are capped at 5 per skill and weighed by the skills' weights", () => {
    const years = new Map<string, number | null>([
      ["postgresql", 12],
      ["kubernetes", 2],
      ["python", null],
    ]);
    expect(yearsValue(skills, years)).toBeCloseTo((5 * 1 + 3 * 0.4 + 0) / 10, 12);
  });

  test("seniority is 1 at the role's level, a third less per level apart, 0 when unknown", () => {
    expect(seniorityValue(4, 4)).toBe(1);
    expect(seniorityValue(2, 4)).toBeCloseTo(1 / 3, 12);
    expect(seniorityValue(7, 4)).toBe(0);
    expect(seniorityValue(null, 4)).toBe(0);
    expect(seniorityValue(3, null)).toBe(0);
  });
});

describe("weights", () => {
  test("all factors present: the base weights, adding up to 1", () => {
    expect(activeWeights(all(true))).toEqual(BASE_WEIGHTS);
    expect(Object.values(BASE_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  test("a factor nobody has is left out and the others grow to fill its share", () => {
    const weights = activeWeights({ ...all(true), interview: false, assessment: false });
    expect(weights.interview).toBe(0);
    expect(weights.assessment).toBe(0);
    expect(weights.must_have).toBeCloseTo(0.4 / 0.75, 12);
    expect(Object.values(weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Object.values(activeWeights(all(false)))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  test("the score is 100 × Σ value × weight", () => {
    const values = { must_have: 1, nice_to_have: 0.5, years: 0.2, seniority: 1, assessment: 0.9, interview: 0 };
    expect(matchScore(values, BASE_WEIGHTS)).toBeCloseTo(100 * (0.4 + 0.05 + 0.03 + 0.1 + 0.135), 10);
  });
});

describe("what a recruiter reads", () => {
  const context: MatchContext = {
    skills,
    roleSeniority: "senior",
    available: { ...all(true), interview: false },
    who: "applicant",
  };
  const facts = {
    skills: new Map<string, number | null>([
      ["postgresql", 4],
      ["python", null],
    ]),
    hasCv: true,
    seniority: "mid",
    percentile: 62,
    interview: null,
  };

  test("each skill with its weight, ✓ and years or —", () => {
    expect(factorDetail("must_have", facts, context)).toBe("PostgreSQL (5) ✓ 4y, Kubernetes (3) —");
    expect(factorDetail("nice_to_have", facts, context)).toBe("Python (2) ✓");
    expect(factorDetail("years", facts, context)).toBe(
      "PostgreSQL 4y, Kubernetes 0y, Python 0y (each capped at 5 years)",
    );
  });

  test("seniority, assessment; missing data counts 0 and says so; a factor nobody has says it is not counted", () => {
    expect(factorDetail("seniority", facts, context)).toBe("mid by the CV, the role asks for senior");
    expect(factorDetail("assessment", facts, context)).toBe("62nd percentile in the latest completed assessment");
    expect(factorDetail("assessment", { ...facts, percentile: null }, context)).toBe("No completed assessment: 0");
    expect(factorDetail("must_have", { ...facts, hasCv: false }, context)).toBe(
      "No analysed CV: 0 (PostgreSQL, Kubernetes not evidenced)",
    );
    expect(factorDetail("interview", facts, context)).toBe("No applicant here has an interview score: not counted");
    expect(
      factorDetail("seniority", facts, {
        ...context,
        roleSeniority: null,
        available: { ...context.available, seniority: false },
      }),
    ).toBe("The job's profile sets no seniority: not counted");
  });
});
