import { expect, test } from "vitest";
import { BENCHMARK_METRICS } from "@shortlist/db/constants";
import { METRIC_GLOSSARY, percentileLabel } from "./glossary";

test("the percentile is labelled with what it ranks over and when it was taken", () => {
  expect(percentileLabel(40, 31, "completion")).toBe("40th percentile among 31 at completion");
  expect(percentileLabel(61.5, 12, "report")).toBe("62nd percentile among 12 when the report was generated");
  expect(percentileLabel(0, 1, "completion")).toBe("0th percentile among 1 at completion");
});

test("the glossary explains every benchmarked metric and the percentile, each term once", () => {
  const terms = METRIC_GLOSSARY.map((e) => e.term);
  expect(new Set(terms).size).toBe(terms.length);
  const named = { taoIndex: "Tao index", chainDepth: "Chain depth", learningVelocity: "Learning velocity" };
  for (const metric of BENCHMARK_METRICS) {
    const term = metric in named ? named[metric as keyof typeof named] : "Sophistication";
    expect(terms).toContain(term);
  }
  for (const term of ["Percentile", "Concept retention", "Interest ratio", "Confidence"]) expect(terms).toContain(term);
  for (const { definition } of METRIC_GLOSSARY) expect(definition).toMatch(/^[A-Z].{20,}\.$/s);
});
