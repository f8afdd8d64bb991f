/**
 * The hiring report's "Interview" section (added by interviews through vetting's registerReportSection): in the
 * report's JSON and its PDF when the application has a completed interview's scorecard, kept as it was when the
 * report was generated; absent without one.
 */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { seedInterview, STRONG_ANSWER } from "./interviews-evaluation-fixtures";
import { assessmentWithSample, pdfText, useVettingContext } from "./vetting-fixtures";

const t = useVettingContext();

async function assessedApplication(name: string) {
  const { candidate, assessment } = await assessmentWithSample(t.recruiter, { name, role: "Backend Engineer" });
  await t.recruiter.assessments.complete({ assessmentId: assessment.id });
  const [row] = await t.db.orm.em
    .fork()
    .execute<{ application_id: string; job_id: string }[]>(
      "select a.application_id, ap.job_id from assessments a join applications ap on ap.id = a.application_id where a.id = ?",
      [assessment.id],
    );
  return {
    assessmentId: assessment.id,
    applicationId: row!.application_id,
    candidateId: candidate.id,
    jobId: row!.job_id,
  };
}

describe("the Interview section of the hiring report", () => {
  test("JSON and PDF carry the scorecard: overall, recommendation, per-skill scores and summary", async () => {
    const app = await assessedApplication("Barbara Liskov");
    const seeded = await seedInterview(
      t.deps,
      t.recruiter,
      [
        { skills: ["PostgreSQL"], difficulty: 3, answer: STRONG_ANSWER },
        { skills: ["Kubernetes"], difficulty: 2, answer: null },
      ],
      "COMPLETED",
      app,
    );
    const [card] = await t.recruiter.interviews.scorecards({ applicationId: app.applicationId });
    const report = await t.recruiter.reports.generate({ assessmentId: app.assessmentId });
    expect(report.sections).toEqual([
      {
        key: "interview",
        title: "Interview",
        facts: [
          ["Overall", `${Math.round(card!.overall)} of 100`],
          ["Recommendation", expect.any(String)],
          ["Answered", "1 of 2 planned questions"],
        ],
        list: {
          title: "Scores per skill",
          items: [
            `PostgreSQL: ${Math.round(card!.skills[0]!.score)} of 100 (1 answer)`,
            "Kubernetes: 0 of 100 (1 answer)",
          ],
        },
        text: card!.summary,
        data: expect.objectContaining({
          interviewId: seeded.interviewId,
          overall: card!.overall,
          recommendation: card!.recommendation,
        }),
      },
    ]);
    const text = await pdfText(join(t.dataDir, "reports", `${report.id}.pdf`));
    expect(text).toContain("Interview");
    expect(text).toContain(`Overall: ${Math.round(card!.overall)} of 100`);
    expect(text).toContain("Scores per skill");
    expect(text).toContain("Kubernetes: 0 of 100");
    expect(text).toContain("1 unanswered question counts as 0.");

    // Kept as generated: a later override changes the scorecard, not this report.
    const answer = (await t.recruiter.interviews.results({ id: seeded.interviewId })).answers[0]!;
    await t.recruiter.interviews.overrideScore({
      answerId: answer.id,
      version: answer.version,
      score: 5,
      reason: "Re-listened",
    });
    expect((await t.viewer.reports.get({ id: report.id })).sections).toEqual(report.sections);
    const regenerated = await t.recruiter.reports.generate({ assessmentId: app.assessmentId });
    expect(regenerated.sections[0]!.facts[0]).toEqual(["Overall", "3 of 100"]);
  });

  test("no completed interview: no Interview section", async () => {
    const app = await assessedApplication("Edsger Dijkstra");
    await seedInterview(
      t.deps,
      t.recruiter,
      [{ skills: ["Go"], difficulty: 2, answer: STRONG_ANSWER }],
      "IN_PROGRESS",
      app,
    );
    const report = await t.recruiter.reports.generate({ assessmentId: app.assessmentId });
    expect(report.sections).toEqual([]);
    expect(await pdfText(join(t.dataDir, "reports", `${report.id}.pdf`))).not.toContain("Scores per skill");
  });
});
