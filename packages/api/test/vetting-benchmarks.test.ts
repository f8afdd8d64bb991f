/** Benchmarks: percentile_cont bands in SQL against a hand computation, recompute on completion, entered bands. */
import { describe, expect, test } from "vitest";
import { errorShape, rejection } from "./helpers";
import { assessmentWithSample, insertCompleted, useVettingContext } from "./vetting-fixtures";

const t = useVettingContext();

/** Five completed assessments, out of order. Sorted: tao 40 50 60 70 80, velocity −0.2 0 0.1 0.3 0.5, … */
const FIVE = [
  { tao: 70, velocity: 0.3, sophistication: 4, chain: 2.5 },
  { tao: 40, velocity: 0.5, sophistication: 2, chain: 4 },
  { tao: 80, velocity: -0.2, sophistication: 5, chain: 1 },
  { tao: 50, velocity: 0, sophistication: 3.5, chain: 1.5 },
  { tao: 60, velocity: 0.1, sophistication: 3, chain: 2 },
];

/**
 * percentile_cont(f) over n sorted values: position f·(n − 1), interpolated linearly.
 * n = 5: p50 → position 2 (the middle), p75 → 3, p90 → 3.6 (60% of the way from the 4th to the 5th value).
 */
const HAND = {
  taoIndex: { p50: 60, p75: 70, p90: 76 }, // 70 + 0.6 × (80 − 70)
  learningVelocity: { p50: 0.1, p75: 0.3, p90: 0.42 }, // 0.3 + 0.6 × 0.2
  sophistication: { p50: 3.5, p75: 4, p90: 4.6 }, // 4 + 0.6 × 1
  chainDepth: { p50: 2, p75: 2.5, p90: 3.4 }, // 2.5 + 0.6 × 1.5
};

const close = (bands: Record<string, { p50: number; p75: number; p90: number }>) =>
  Object.fromEntries(
    Object.entries(bands).map(([k, b]) => [
      k,
      { p50: expect.closeTo(b.p50, 9), p75: expect.closeTo(b.p75, 9), p90: expect.closeTo(b.p90, 9) },
    ]),
  );

describe("computed benchmarks", () => {
  test("recompute matches percentile_cont by hand; role matched case-insensitively; narrowed by company", async () => {
    await insertCompleted(t.db.orm, "Data Engineer", "Acme", FIVE);
    await insertCompleted(t.db.orm, "Data Engineer", "Globex", [{ tao: 10, velocity: 0, sophistication: 1, chain: 1 }]);

    const acme = await t.recruiter.benchmarks.recompute({ role: "data engineer", company: "ACME" });
    expect(acme).toMatchObject({ sampleSize: 5, thin: false });
    expect(acme.benchmark).toMatchObject({
      role: "Data Engineer",
      company: "Acme",
      source: "computed",
      sampleSize: 5,
      thin: false,
    });
    expect(acme.benchmark!.bands).toEqual(close(HAND));

    const all = await t.recruiter.benchmarks.recompute({ role: "Data Engineer" });
    expect(all.benchmark).toMatchObject({ company: null, sampleSize: 6 });
    // Six values 10 40 50 60 70 80: p50 at position 2.5 → 55; p75 at 3.75 → 67.5; p90 at 4.5 → 75.
    expect(all.benchmark!.bands.taoIndex).toEqual({ p50: 55, p75: 67.5, p90: 75 });

    const again = await t.recruiter.benchmarks.recompute({ role: "Data Engineer", company: "Acme" });
    expect(again.benchmark!.id).toBe(acme.benchmark!.id);
    expect(await t.viewer.benchmarks.get({ id: acme.benchmark!.id })).toEqual(again.benchmark);
  });

  test("completing an assessment recomputes its role's benchmarks and ranks it with percent_rank", async () => {
    await insertCompleted(t.db.orm, "ML Engineer", "Acme", FIVE);
    const { assessment } = await assessmentWithSample(t.recruiter, { role: "ML Engineer" });
    const done = await t.recruiter.assessments.complete({ assessmentId: assessment.id });
    // tao 51.68 among 40 50 51.68 60 70 80: rank 3 of 6 → (3 − 1) / (6 − 1) = 40%.
    expect(done.metrics).toMatchObject({
      percentile: expect.closeTo(40, 9),
      percentileSampleSize: 6,
      percentileThin: false,
    });

    const [role] = await t.viewer.benchmarks.list({ role: "ML Engineer", source: "computed" });
    expect(role).toMatchObject({ company: null, sampleSize: 6 });
    // p50 between 51.68 and 60; p75 at 3.75 → 60 + 0.75 × 10; p90 at 4.5 → 70 + 0.5 × 10.
    expect(role!.bands.taoIndex).toEqual({
      p50: expect.closeTo((done.metrics!.taoIndex + 60) / 2, 9),
      p75: 67.5,
      p90: 75,
    });
    const list = await t.viewer.benchmarks.list({ role: "ML Engineer" });
    expect(list.map((b) => [b.company, b.source, b.sampleSize])).toEqual([
      [null, "computed", 6],
      ["Acme", "computed", 6],
    ]);
  });

  test("assessments of one role completing at the same time all end up in its benchmark", async () => {
    const started = await Promise.all(
      [1, 2, 3, 4].map(() => assessmentWithSample(t.recruiter, { role: "Parallel Engineer" })),
    );
    const done = await Promise.all(
      started.map(({ assessment }) => t.recruiter.assessments.complete({ assessmentId: assessment.id })),
    );
    // Each ranked among those that completed before it: 1, 2, 3 and 4 assessments.
    expect(done.map((a) => a.metrics!.percentileSampleSize).sort()).toEqual([1, 2, 3, 4]);
    const [role] = await t.viewer.benchmarks.list({ role: "Parallel Engineer", source: "computed" });
    expect(role).toMatchObject({ company: null, sampleSize: 4, thin: true });
  });

  test("below the minimum sample a benchmark is thin; a role with no history has none", async () => {
    await insertCompleted(t.db.orm, "Tiny Role", "Acme", FIVE.slice(0, 4));
    const thin = await t.recruiter.benchmarks.recompute({ role: "Tiny Role" });
    expect(thin).toMatchObject({ sampleSize: 4, thin: true, benchmark: { thin: true, sampleSize: 4 } });
    expect(await t.recruiter.benchmarks.recompute({ role: "Nobody Yet" })).toEqual({
      benchmark: null,
      sampleSize: 0,
      thin: true,
    });
    expect(await t.viewer.benchmarks.list({ role: "Nobody Yet" })).toEqual([]);
  });
});

describe("entered benchmarks", () => {
  const bands = {
    learningVelocity: { p50: 0, p75: 0.2, p90: 0.5 },
    sophistication: { p50: 3, p75: 3.5, p90: 4.2 },
    chainDepth: { p50: 1.5, p75: 2, p90: 2.8 },
    taoIndex: { p50: 45, p75: 55, p90: 65 },
  };

  test("admins enter bands for a role with no history; they are kept apart from computed ones", async () => {
    const entered = await t.admin.benchmarks.upsertEntered({ role: "Platform Engineer", bands });
    expect(entered).toMatchObject({
      role: "Platform Engineer",
      company: null,
      source: "entered",
      sampleSize: 0,
      thin: false,
      bands,
    });
    const updated = await t.admin.benchmarks.upsertEntered({
      role: "platform engineer",
      sampleSize: 12,
      bands: { ...bands, taoIndex: { p50: 50, p75: 60, p90: 70 } },
    });
    expect(updated.id).toBe(entered.id);
    expect(updated).toMatchObject({
      role: "platform engineer",
      sampleSize: 12,
      bands: { taoIndex: { p50: 50, p75: 60, p90: 70 } },
    });

    const forRole = await t.viewer.benchmarks.forRole({ role: "Platform Engineer", company: "Initech" });
    expect(forRole).toMatchObject({ thin: false, minSampleSize: 5, effective: { id: entered.id, source: "entered" } });

    // Thin history does not displace entered bands; enough history does.
    await insertCompleted(t.db.orm, "Platform Engineer", "Initech", FIVE.slice(0, 2));
    await t.recruiter.benchmarks.recompute({ role: "Platform Engineer" });
    expect((await t.viewer.benchmarks.forRole({ role: "Platform Engineer" })).effective?.source).toBe("entered");
    await insertCompleted(t.db.orm, "Platform Engineer", "Initech", FIVE.slice(2));
    await t.recruiter.benchmarks.recompute({ role: "Platform Engineer" });
    const now = await t.viewer.benchmarks.forRole({ role: "Platform Engineer" });
    expect(now.effective).toMatchObject({ source: "computed", sampleSize: 5 });
    expect(now.entered.role?.id).toBe(entered.id);
    expect((await t.viewer.benchmarks.list({ role: "Platform Engineer" })).map((b) => b.source)).toEqual([
      "computed",
      "entered",
    ]);
  });

  test("only admins enter bands; bands must rise and stay in range", async () => {
    expect((await rejection(t.recruiter.benchmarks.upsertEntered({ role: "X", bands }))).code).toBe("FORBIDDEN");
    expect((await rejection(t.viewer.benchmarks.recompute({ role: "X" }))).code).toBe("FORBIDDEN");
    const falling = await rejection(
      t.admin.benchmarks.upsertEntered({ role: "X", bands: { ...bands, taoIndex: { p50: 70, p75: 60, p90: 80 } } }),
    );
    expect(falling.code).toBe("BAD_REQUEST");
    expect(errorShape(falling).message).toContain("bands.taoIndex: Bands must rise: p50 ≤ p75 ≤ p90");
    const outOfRange = await rejection(
      t.admin.benchmarks.upsertEntered({ role: "X", bands: { ...bands, sophistication: { p50: 3, p75: 5, p90: 9 } } }),
    );
    expect(errorShape(outOfRange).message).toContain("bands.sophistication: Sophistication bands lie within 1–7");
  });
});
