/** Lists across candidates for the home screen: assessments in progress and the latest report of each candidate. */
import { describe, expect, test } from "vitest";
import { errorShape, rejection } from "./helpers";
import { assessmentWithSample, newCandidate, useVettingContext } from "./vetting-fixtures";

const t = useVettingContext();

/** Sets started_at / generated_at so the order does not hang on the clock's resolution. */
async function setTime(
  table: "assessments" | "reports",
  column: "started_at" | "generated_at",
  id: string,
  iso: string,
) {
  await t.db.orm.em.fork().execute(`update ${table} set ${column} = ? where id = ?`, [iso, id]);
}

describe("assessments.listInProgress", () => {
  test("empty at first", async () => {
    expect(await t.viewer.assessments.listInProgress()).toEqual([]);
  });

  test("only assessments in progress, newest first, each with its candidate's name and recorded counts; limit", async () => {
    const a = await assessmentWithSample(t.recruiter, { name: "Annie Easley" });
    const bCandidate = await newCandidate(t.recruiter, { name: "Mary Jackson" });
    const b = await t.recruiter.assessments.start({ candidateId: bCandidate.id });
    const c = await assessmentWithSample(t.recruiter, { name: "Completed Person" });
    await t.recruiter.assessments.complete({ assessmentId: c.assessment.id });
    await setTime("assessments", "started_at", a.assessment.id, "2026-02-01T09:00:00Z");
    await setTime("assessments", "started_at", b.id, "2026-02-02T09:00:00Z");

    const list = await t.viewer.assessments.listInProgress({ limit: 10 });
    expect(list.map((x) => x.id)).toEqual([b.id, a.assessment.id]);
    expect(list[0]).toMatchObject({
      candidateId: bCandidate.id,
      candidateName: "Mary Jackson",
      status: "in_progress",
      role: "Backend Engineer",
      company: "Acme",
      recorded: { sessions: 0, questions: 0 },
      metrics: null,
    });
    expect(list[1]).toMatchObject({ candidateName: "Annie Easley", recorded: { sessions: 3, questions: 9 } });
    expect(list[1]!.startedAt).toEqual(new Date("2026-02-01T09:00:00Z"));

    expect((await t.viewer.assessments.listInProgress({ limit: 1 })).map((x) => x.id)).toEqual([b.id]);
    // The default limit is 10.
    expect(await t.viewer.assessments.listInProgress({})).toHaveLength(2);

    // Completing one takes it off the list.
    await t.recruiter.assessments.complete({ assessmentId: a.assessment.id });
    expect((await t.viewer.assessments.listInProgress()).map((x) => x.id)).toEqual([b.id]);
  });

  test("the limit is checked: 1–100", async () => {
    for (const limit of [0, 101, 2.5]) {
      const error = await rejection(t.viewer.assessments.listInProgress({ limit }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(errorShape(error).data.fieldErrors?.[0]?.path).toBe("limit");
    }
    const unknown = await rejection(t.viewer.assessments.listInProgress({ limit: 5, status: "completed" } as never));
    expect(errorShape(unknown).data.fieldErrors).toEqual([{ path: "status", message: "Unknown field" }]);
  });
});

describe("reports.listLatest", () => {
  test("the latest report of each candidate, newest first, with name, role and company; regenerations left out", async () => {
    const before = await t.viewer.reports.listLatest();
    expect(before).toEqual([]);

    const grace = await assessmentWithSample(t.recruiter, {
      name: "Grace Hopper",
      role: "Compiler Engineer",
      company: "Navy",
    });
    await t.recruiter.assessments.complete({ assessmentId: grace.assessment.id });
    const graceFirst = await t.recruiter.reports.generate({ assessmentId: grace.assessment.id });
    const graceSecond = await t.recruiter.reports.generate({ assessmentId: grace.assessment.id });

    const ada = await assessmentWithSample(t.recruiter, {
      name: "Ada Lovelace",
      role: "Analyst",
      company: "Engines Ltd",
    });
    await t.recruiter.assessments.complete({ assessmentId: ada.assessment.id });
    const adaReport = await t.recruiter.reports.generate({ assessmentId: ada.assessment.id });

    await setTime("reports", "generated_at", graceFirst.id, "2026-03-01T09:00:00Z");
    await setTime("reports", "generated_at", adaReport.id, "2026-03-02T09:00:00Z");
    await setTime("reports", "generated_at", graceSecond.id, "2026-03-03T09:00:00Z");

    const latest = await t.viewer.reports.listLatest({ limit: 10 });
    expect(latest.map((r) => r.id)).toEqual([graceSecond.id, adaReport.id]);
    expect(latest[0]).toMatchObject({
      candidateId: grace.candidate.id,
      candidateName: "Grace Hopper",
      role: "Compiler Engineer",
      company: "Navy",
      assessmentId: grace.assessment.id,
      recommendation: graceSecond.recommendation,
      pdf: { available: true, downloadPath: `/api/reports/${graceSecond.id}/pdf` },
    });
    expect(latest[0]!.generatedAt).toEqual(new Date("2026-03-03T09:00:00Z"));
    expect(latest[1]).toMatchObject({ candidateName: "Ada Lovelace", role: "Analyst", company: "Engines Ltd" });

    expect((await t.viewer.reports.listLatest({ limit: 1 })).map((r) => r.id)).toEqual([graceSecond.id]);

    // A newer report of Ada's moves her first; Grace's latest stays the one listed for her.
    const adaAgain = await t.recruiter.reports.generate({ assessmentId: ada.assessment.id });
    expect((await t.viewer.reports.listLatest()).map((r) => r.id)).toEqual([adaAgain.id, graceSecond.id]);
  });

  test("the limit is checked", async () => {
    expect((await rejection(t.viewer.reports.listLatest({ limit: 0 }))).code).toBe("BAD_REQUEST");
    expect((await rejection(t.viewer.reports.listLatest({ limit: 1000 }))).code).toBe("BAD_REQUEST");
  });
});
