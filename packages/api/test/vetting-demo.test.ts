/** The demo seed: 30 completed + 1 ready to complete, idempotent, and checkable by hand. */
import { expect, test } from "vitest";
import { DEMO_COMPANY, DEMO_ROLE, seedDemo } from "@shortlist/api";
import { count, useVettingContext } from "./vetting-fixtures";

const t = useVettingContext();

/** percentile_cont by hand: position f·(n − 1) in the sorted values, interpolated. */
function percentileCont(sorted: number[], f: number) {
  const position = f * (sorted.length - 1);
  const lower = Math.floor(position);
  return sorted[lower]! + (position - lower) * ((sorted[lower + 1] ?? sorted[lower]!) - sorted[lower]!);
}

test("seeds 31 candidates once; completing the 31st ranks it as a hand computation does", async () => {
  const first = await t.db.orm.em.fork().transactional((em) => seedDemo(em, t.deps.keyring));
  expect(first).toMatchObject({ created: 31, skipped: 0 });
  expect(first.completed).toHaveLength(30);
  expect(first.benchmark).toMatchObject({
    role: DEMO_ROLE,
    company: DEMO_COMPANY,
    source: "computed",
    sampleSize: 30,
    thin: false,
  });

  const taos = first.completed.map((c) => c.taoIndex);
  expect(taos).toEqual([...taos].sort((a, b) => a - b));
  for (const [f, key] of [
    [0.5, "p50"],
    [0.75, "p75"],
    [0.9, "p90"],
  ] as const) {
    expect(first.benchmark!.bands.taoIndex[key]).toBeCloseTo(percentileCont(taos, f), 9);
  }

  const again = await t.db.orm.em.fork().transactional((em) => seedDemo(em, t.deps.keyring));
  expect(again).toMatchObject({ created: 0, skipped: 31, pending: first.pending });
  expect(again.completed).toEqual(first.completed);
  expect(await count(t.db.orm, "candidates", "email like 'demo-%@acme.example'")).toBe(31);
  expect(await count(t.db.orm, "assessments")).toBe(31);

  const pending = first.pending!;
  const before = await t.viewer.assessments.get({ assessmentId: pending.assessmentId });
  expect(before.status).toBe("in_progress");
  expect(before.recorded.questions).toBeGreaterThan(0);

  const done = await t.recruiter.assessments.complete({ assessmentId: pending.assessmentId });
  const tao = done.metrics!.taoIndex;
  const below = taos.filter((x) => x < tao).length;
  // percent_rank among the 31: (rank − 1) / (31 − 1), rank − 1 = how many are lower.
  expect(done.metrics).toMatchObject({ percentile: expect.closeTo((100 * below) / 30, 9), percentileSampleSize: 31 });

  const report = await t.recruiter.reports.generate({ assessmentId: pending.assessmentId });
  const all = [...taos, tao].sort((a, b) => a - b);
  expect(report.benchmark!.sampleSize).toBe(31);
  expect(report.benchmark!.bands.taoIndex.p50).toBeCloseTo(percentileCont(all, 0.5), 9);
  expect(report.percentile).toBeCloseTo((100 * below) / 30, 9);
  expect(report.vsBenchmark).toContain("percentile of 31 completed Backend Engineer assessments");
});
