/** The report rules of docs/scoring.md §11 on the worked example, against each kind of benchmark. */
import { describe, expect, test } from "vitest";
import type { BenchmarkSnapshot } from "@shortlist/db/constants";
import { scoreActivity } from "../scoring";
import { workedExample } from "../scoring/worked-example.fixture";
import { buildReport } from "./build";
import { fixed, ordinal, signed } from "../../shared/format";
import type { ReportInput } from "./types";

const scores = scoreActivity(workedExample());

const bands = (tao: [number, number, number]): BenchmarkSnapshot["bands"] => ({
  taoIndex: { p50: tao[0], p75: tao[1], p90: tao[2] },
  sophistication: { p50: 3.5, p75: 4, p90: 4.5 },
  learningVelocity: { p50: 0.1, p75: 0.3, p90: 0.6 },
  chainDepth: { p50: 1.5, p75: 2, p90: 2.5 },
});
const benchmark = (over: Partial<BenchmarkSnapshot> = {}): BenchmarkSnapshot => ({
  id: "b1",
  source: "computed",
  role: "Backend Engineer",
  company: null,
  sampleSize: 30,
  thin: false,
  bands: bands([45, 55, 65]),
  ...over,
});

function input(over: Partial<ReportInput> = {}, assessment: Partial<ReportInput["assessment"]> = {}): ReportInput {
  return {
    candidate: { name: "Ada Lovelace", role: "Backend Engineer", company: "Acme" },
    assessment: { ...scores, ...assessment },
    weakestQuestion: { Python: "What is a generator?", PostgreSQL: "What is an index?", Rust: "What is ownership?" },
    benchmark: benchmark(),
    percentile: { value: 62.0689, sampleSize: 30 },
    ...over,
  };
}

describe("worked example against a computed benchmark of 30", () => {
  const report = buildReport(input());

  test("tao 51.7 is ≥ p50 45 → hire, capped to lean_no_hire by 9 < 10 questions", () => {
    expect(report.recommendation).toBe("lean_no_hire");
    expect(buildReport(input({}, { totalQueries: 10 })).recommendation).toBe("hire");
  });

  test("confidence 0.35 + 0.25·9/40 + 0.15·3/4 + 0.25·1 = 0.77", () => {
    expect(report.confidence).toBe(0.77);
  });

  test("strengths and concerns", () => {
    expect(report.strengths).toEqual([
      "Questions grew more sophisticated from session to session (+1.17 per session).",
      "Curious beyond the brief: 11% of questions went outside the assigned domains.",
      "Strong in PostgreSQL (domain score 61 of 100).",
    ]);
    expect(report.concerns).toEqual(["Little activity to judge: only 9 questions (fewer than 10)."]);
  });

  test("follow-up questions aim at the two weakest assigned domains, quoting their weakest question", () => {
    expect(report.followUpQuestions).toEqual([
      'You asked "What is a generator?". Take it further: why does it work that way, and what would change if the load grew tenfold?',
      "Compare two approaches you know in Python: when would you choose each, and what would make you switch?",
      'You asked "What is an index?". Take it further: why does it work that way, and what would change if the load grew tenfold?',
      "Compare two approaches you know in PostgreSQL: when would you choose each, and what would make you switch?",
    ]);
  });

  test("standout metrics: sophistication above p75, velocity at or above p90", () => {
    expect(report.standoutMetrics).toEqual([
      {
        metric: "sophistication",
        label: "Sophistication",
        value: 37 / 9,
        direction: "high",
        note: "above the benchmark's p75 (4.00)",
      },
      {
        metric: "learningVelocity",
        label: "Learning velocity",
        value: 7 / 6,
        direction: "high",
        note: "at or above the benchmark's p90 (0.60)",
      },
    ]);
  });

  test("texts", () => {
    expect(report.learningTrajectory).toBe(
      "Mean sophistication went from 2.67 in session 1 to 5.00 in session 3 (least-squares slope +1.17 per session): accelerating. Highest 5.00 in session 3.",
    );
    expect(report.vsBenchmark).toBe(
      "Tao index 51.7 is at the 62nd percentile of 30 completed Backend Engineer assessments and is between p50 and p75 of the Backend Engineer benchmark (p50 45.0, p75 55.0, p90 65.0; 30 assessments).",
    );
    expect(report.summary).toBe(
      "Ada Lovelace (Backend Engineer, Acme): Lean no hire with 77% confidence. Tao index 51.7 of 100, the 62nd percentile of 30 completed Backend Engineer assessments. 9 questions in 3 sessions over 95 minutes.",
    );
    expect([report.percentile, report.percentileSampleSize]).toEqual([62.0689, 30]);
  });
});

describe("recommendation bands", () => {
  const at = (tao: number, b: Partial<BenchmarkSnapshot> | null = {}) =>
    buildReport(input({ benchmark: b && benchmark(b) }, { taoIndex: tao, totalQueries: 40 })).recommendation;

  test("with bands: ≥ p90 strong_hire, ≥ p50 hire, ≥ 0.75·p50 lean_no_hire, else no_hire", () => {
    expect([at(65), at(64.9), at(45), at(44.9), at(33.75), at(33.7)]).toEqual([
      "strong_hire",
      "hire",
      "hire",
      "lean_no_hire",
      "lean_no_hire",
      "no_hire",
    ]);
  });

  test("without a usable benchmark (none, or thin): absolute 65 / 50 / 35", () => {
    expect([at(65, null), at(50, null), at(49.9, null), at(35, null), at(34.9, null)]).toEqual([
      "strong_hire",
      "hire",
      "lean_no_hire",
      "lean_no_hire",
      "no_hire",
    ]);
    expect(at(60, { thin: true, sampleSize: 3 })).toBe("hire");
  });

  test("entered bands are used like computed ones", () => {
    expect(at(51.7, { source: "entered", sampleSize: 0, bands: bands([60, 70, 80]) })).toBe("lean_no_hire");
  });
});

describe("thin, entered and missing benchmarks", () => {
  test("thin: says so, quotes no percentile, confidence weight 0.2", () => {
    const report = buildReport(
      input({ benchmark: benchmark({ thin: true, sampleSize: 3 }), percentile: { value: 50, sampleSize: 3 } }),
    );
    expect(report.vsBenchmark).toBe(
      "The benchmark for Backend Engineer is thin: 3 completed assessments, fewer than the 5 needed. No percentile or bands are quoted; the recommendation uses the absolute tao index thresholds.",
    );
    expect(report.summary).toContain("; the Backend Engineer benchmark is thin (3 of 5 assessments needed).");
    expect(report.percentile).toBeNull();
    expect(report.percentileSampleSize).toBe(3);
    expect(report.confidence).toBe(0.57); // 0.35 + 0.05625 + 0.1125 + 0.05
  });

  test("entered bands: compared, no percentile when the history is thin", () => {
    const report = buildReport(
      input({
        benchmark: benchmark({ source: "entered", sampleSize: 0, company: "Acme", bands: bands([60, 70, 80]) }),
        percentile: null,
      }),
    );
    expect(report.vsBenchmark).toBe(
      "Against the bands entered for Backend Engineer at Acme (p50 60.0, p75 70.0, p90 80.0), the tao index 51.7 is below p50.",
    );
    expect(report.summary).toContain("; compared with entered bands.");
    expect(report.confidence).toBe(0.64); // 0.35 + 0.05625 + 0.1125 + 0.125
    expect(report.standoutMetrics.map((m) => [m.metric, m.direction])).toEqual([
      ["taoIndex", "low"],
      ["sophistication", "high"],
      ["learningVelocity", "high"],
    ]);
  });

  test("no benchmark: absolute thresholds and standouts", () => {
    const report = buildReport(input({ benchmark: null, percentile: null }));
    expect(report.vsBenchmark).toBe(
      "No benchmark for Backend Engineer yet: no completed assessments and no entered bands. The recommendation uses the absolute tao index thresholds.",
    );
    expect(report.standoutMetrics).toEqual([
      {
        metric: "learningVelocity",
        label: "Learning velocity",
        value: 7 / 6,
        direction: "high",
        note: "at or above 0.25 (no usable benchmark)",
      },
    ]);
  });
});

describe("single session and missing domains", () => {
  test("one session: trajectory and concern say so; an unasked domain gets opening questions", () => {
    const single = scoreActivity({
      ...workedExample(),
      domains: ["Python", "PostgreSQL", "Kubernetes"],
      sessions: workedExample().sessions.slice(0, 1),
      questions: workedExample().questions.slice(0, 3),
    });
    const report = buildReport(
      input({ weakestQuestion: { Python: "What is a generator?", PostgreSQL: "What is an index?" } }, single),
    );
    expect(report.learningTrajectory).toBe(
      "One session with questions (mean sophistication 2.67 of 7): no trajectory can be drawn from a single session.",
    );
    expect(report.concerns).toContain("Only one session with questions: no trend or retention can be shown.");
    expect(report.concerns).toContain("No questions in Kubernetes.");
    expect(report.followUpQuestions[0]).toBe(
      "We saw no questions about Kubernetes. What would you want to understand first about Kubernetes, and why that?",
    );
  });
});

test("formatting is ASCII (the PDF's standard font has no minus sign)", () => {
  expect([signed(-0.3), signed(0), signed(0.004), signed(-0.004), fixed(-0.04, 1)]).toEqual([
    "-0.30",
    "+0.00",
    "+0.00",
    "+0.00",
    "0.0",
  ]);
  expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 62.07, 100].map(ordinal)).toEqual([
    "1st",
    "2nd",
    "3rd",
    "4th",
    "11th",
    "12th",
    "13th",
    "21st",
    "22nd",
    "62nd",
    "100th",
  ]);
});
