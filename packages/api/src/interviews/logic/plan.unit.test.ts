import { describe, expect, test } from "vitest";
import { buildPlan, difficultyFor, type PlanCandidate } from "./plan";

const q = (
  id: string,
  skills: string[],
  difficulty = 3,
  type: PlanCandidate["type"] = "technical",
  timesAsked = 0,
) => ({
  id,
  skills,
  difficulty,
  type,
  timesAsked,
});

const POOL: PlanCandidate[] = [
  q("pg-easy", ["PostgreSQL"], 1),
  q("pg-senior", ["PostgreSQL"], 4),
  q("pg-mid", ["PostgreSQL"], 3),
  q("k8s-senior", ["Kubernetes"], 4),
  q("k8s-lead", ["Kubernetes"], 5),
  q("ts-senior", ["TypeScript"], 3),
  q("graphql", ["GraphQL"], 3),
  q("conflict", [], 3, "behavioural"),
  q("deadline", [], 2, "situational"),
  q("other", ["Excel"], 3),
];

const profile = {
  seniority: "mid",
  mustHave: [
    { skill: "PostgreSQL", weight: 3 },
    { skill: "Kubernetes", weight: 5 },
  ],
  niceToHave: [{ skill: "GraphQL", weight: 2 }],
};

describe("buildPlan", () => {
  test("asks the CV's gaps first, then evidenced must-haves, nice-to-haves, then behavioural questions", () => {
    const plan = buildPlan({ profile, cv: { seniority: "senior", skills: ["postgresql"] }, pool: POOL, count: 6 });
    expect(plan.targetSeniority).toBe("senior");
    expect(plan.difficulty).toEqual({ min: 3, max: 4 });
    expect(plan.picks).toEqual([
      { questionId: "k8s-senior", reason: "gap: Kubernetes (required, not in the CV)" },
      { questionId: "pg-mid", reason: "must-have: PostgreSQL" },
      { questionId: "graphql", reason: "nice-to-have: GraphQL" },
      // A second question on each essential skill before behavioural ones fill the plan.
      { questionId: "k8s-lead", reason: "gap: Kubernetes (required, not in the CV)" },
      { questionId: "pg-senior", reason: "must-have: PostgreSQL" },
      { questionId: "conflict", reason: "behavioural" },
    ]);
    expect(plan.notes).toEqual([]);
  });

  test("targets difficulty by seniority: the CV's estimate before the profile's", () => {
    expect(difficultyFor("junior")).toEqual({ min: 1, max: 2 });
    expect(difficultyFor("mid")).toEqual({ min: 2, max: 3 });
    expect(difficultyFor("lead")).toEqual({ min: 4, max: 5 });
    expect(difficultyFor(null)).toEqual({ min: 2, max: 3 });
    const junior = buildPlan({
      profile,
      cv: { seniority: "junior", skills: ["PostgreSQL", "Kubernetes"] },
      pool: POOL,
      count: 1,
    });
    expect(junior.picks).toEqual([{ questionId: "k8s-senior", reason: "must-have: Kubernetes" }]);
    const pg = buildPlan({
      profile: { ...profile, mustHave: [{ skill: "PostgreSQL", weight: 3 }] },
      cv: { seniority: "junior", skills: [] },
      pool: POOL,
      count: 1,
    });
    expect(pg.picks[0]!.questionId).toBe("pg-easy");
    const fromProfile = buildPlan({ profile: { ...profile, seniority: "lead" }, cv: null, pool: POOL, count: 1 });
    expect(fromProfile.targetSeniority).toBe("lead");
    expect(fromProfile.picks[0]).toEqual({ questionId: "k8s-lead", reason: "must-have: Kubernetes" });
  });

  test("without a profile or a CV the plan is behavioural then general, and says why", () => {
    const plan = buildPlan({ profile: null, cv: null, pool: POOL, count: 3 });
    expect(plan.picks.map((p) => p.reason)).toEqual([
      "behavioural (no vacancy profile)",
      "behavioural (no vacancy profile)",
      "general (no vacancy profile)",
    ]);
    expect(plan.notes).toContain("The job has no vacancy profile yet: general and behavioural questions only.");
    expect(plan.notes).toContain("No seniority known: mid-level difficulty (2–3).");
  });

  test("without a profile, the CV's skills lead", () => {
    const plan = buildPlan({ profile: null, cv: { seniority: null, skills: ["TypeScript"] }, pool: POOL, count: 2 });
    expect(plan.picks[0]).toEqual({ questionId: "ts-senior", reason: "from the CV: TypeScript" });
  });

  test("says what it could not cover and when the bank ran short", () => {
    const plan = buildPlan({
      profile: { seniority: null, mustHave: [{ skill: "Rust", weight: 5 }], niceToHave: [] },
      cv: null,
      pool: [q("conflict", [], 3, "behavioural")],
      count: 3,
    });
    expect(plan.picks).toEqual([{ questionId: "conflict", reason: "behavioural" }]);
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        "No CV analysis: the gaps between the CV and the must-haves are unknown.",
        "No unseen bank question covers: Rust.",
        "The bank had 1 suitable question, not 3.",
      ]),
    );
  });

  test("prefers the less asked of equally fitting questions, and is deterministic", () => {
    const pool = [
      q("b", ["SQL"], 3, "technical", 5),
      q("a", ["SQL"], 3, "technical", 9),
      q("c", ["SQL"], 3, "technical", 5),
    ];
    const input = {
      profile: { seniority: "mid", mustHave: [{ skill: "SQL", weight: 3 }], niceToHave: [] },
      cv: null,
      pool,
      count: 1,
    };
    expect(buildPlan(input).picks[0]!.questionId).toBe("b");
    expect(buildPlan({ ...input, pool: [...pool].reverse() })).toEqual(buildPlan(input));
  });
});
