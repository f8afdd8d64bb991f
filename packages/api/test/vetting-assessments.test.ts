/** Assessments through tRPC on a real database: start, record, import (good and bad), complete. */
import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { errorShape, rejection } from "./helpers";
import { assessmentWithSample, count, newCandidate, sampleLines, useVettingContext } from "./vetting-fixtures";

const t = useVettingContext();

describe("start", () => {
  test("the application moves on from Applied to the job's Assessment stage; the assessment is over the job's title and company", async () => {
    const candidate = await newCandidate(t.recruiter);
    expect(candidate.application).toMatchObject({ stageName: "Applied", outcome: "active" });
    const assessment = await t.recruiter.assessments.start({ candidateId: candidate.id });
    expect(assessment).toMatchObject({
      candidateId: candidate.id,
      status: "in_progress",
      role: "Backend Engineer",
      company: "Acme",
      domains: ["Python", "PostgreSQL"],
      completedAt: null,
      metrics: null,
      recorded: { sessions: 0, questions: 0 },
    });
    const after = await t.viewer.candidates.get({ id: candidate.id });
    expect(after.applications).toEqual([
      expect.objectContaining({
        id: candidate.application!.id,
        stageName: "Assessment",
        stageKind: "assessment",
        outcome: "active",
        version: candidate.application!.version + 1,
      }),
    ]);
    expect(after.applications[0]!.stageEnteredAt.getTime()).toBeGreaterThanOrEqual(
      candidate.application!.stageEnteredAt.getTime(),
    );
    // The person's record is not touched: the progress is the assessment's and the application's.
    expect(after.version).toBe(candidate.version);
    expect(
      await count(t.db.orm, "assessments", "id = ? and application_id = ?", [assessment.id, after.applications[0]!.id]),
    ).toBe(1);
  });

  test("an application already past Assessment stays where it is", async () => {
    const candidate = await newCandidate(t.recruiter);
    const app = candidate.application!;
    const job = await t.viewer.jobs.get({ id: app.jobId });
    const interview = job.stages.find((s) => s.kind === "interview")!;
    const moved = await t.recruiter.applications.move({ id: app.id, version: app.version, stageId: interview.id });
    await t.recruiter.assessments.start({ candidateId: candidate.id });
    expect(await t.viewer.applications.get({ id: app.id })).toEqual(moved);
  });

  test("with several open applications the caller names one; only that one moves", async () => {
    const candidate = await newCandidate(t.recruiter);
    const other = await t.recruiter.jobs.create({ title: "Data Engineer", company: "Acme" });
    const second = await t.recruiter.applications.create({ candidateId: candidate.id, jobId: other.id });
    const unnamed = await rejection(t.recruiter.assessments.start({ candidateId: candidate.id }));
    expect(unnamed.code).toBe("BAD_REQUEST");
    expect(errorShape(unnamed).data.fieldErrors).toEqual([
      { path: "applicationId", message: "The candidate has 2 open applications: say which job the assessment is for" },
    ]);
    expect(await count(t.db.orm, "assessments", "candidate_id = ?", [candidate.id])).toBe(0);

    const assessment = await t.recruiter.assessments.start({ candidateId: candidate.id, applicationId: second.id });
    expect(assessment).toMatchObject({ role: "Data Engineer", company: "Acme" });
    expect((await t.viewer.applications.get({ id: second.id })).stageName).toBe("Assessment");
    expect(await t.viewer.applications.get({ id: candidate.application!.id })).toEqual(candidate.application);
  });

  test("refused: a second open assessment, no consent, no domains, no open application, an unknown candidate", async () => {
    const candidate = await newCandidate(t.recruiter);
    const open = await t.recruiter.assessments.start({ candidateId: candidate.id });
    const again = await rejection(t.recruiter.assessments.start({ candidateId: candidate.id }));
    expect([again.code, again.message]).toEqual([
      "CONFLICT",
      `Ada Lovelace already has an assessment in progress (${open.id}); complete it first`,
    ]);

    const noConsent = await newCandidate(t.recruiter, { consentGiven: false });
    expect(await rejection(t.recruiter.assessments.start({ candidateId: noConsent.id }))).toMatchObject({
      code: "BAD_REQUEST",
      message: "Ada Lovelace has not given consent: record their consent before starting an assessment",
    });
    const noDomains = await newCandidate(t.recruiter, { assessmentDomains: [] });
    expect((await rejection(t.recruiter.assessments.start({ candidateId: noDomains.id }))).code).toBe("BAD_REQUEST");

    const rejected = await newCandidate(t.recruiter);
    const [reason] = await t.viewer.rejectionReasons.list();
    const app = rejected.application!;
    await t.recruiter.applications.reject({ id: app.id, version: app.version, reasonId: reason!.id });
    const none = await rejection(t.recruiter.assessments.start({ candidateId: rejected.id }));
    expect([none.code, none.message]).toEqual([
      "CONFLICT",
      "The candidate has no open application: file them under a job before starting an assessment",
    ]);
    const named = await rejection(t.recruiter.assessments.start({ candidateId: rejected.id, applicationId: app.id }));
    expect([named.code, named.message]).toEqual(["CONFLICT", "The application was rejected; reopen it first"]);
    expect(await count(t.db.orm, "assessments", "candidate_id = ?", [rejected.id])).toBe(0);

    const unfiled = await t.recruiter.candidates.create({
      name: "Nobody Filed",
      email: `unfiled-${randomBytes(4).toString("hex")}@example.com`,
      consentGiven: true,
      assessmentDomains: ["Python"],
    });
    expect(unfiled.application).toBeNull();
    expect((await rejection(t.recruiter.assessments.start({ candidateId: unfiled.id }))).code).toBe("CONFLICT");

    const missing = await rejection(
      t.recruiter.assessments.start({ candidateId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(missing.code).toBe("NOT_FOUND");
  });
});

describe("activity", () => {
  test("a good import writes every session and question", async () => {
    const candidate = await newCandidate(t.recruiter);
    const assessment = await t.recruiter.assessments.start({ candidateId: candidate.id });
    const result = await t.recruiter.assessments.importActivity({
      assessmentId: assessment.id,
      rows: sampleLines(),
    });
    // The batch-import contract: every row created, with its line and the new record's id.
    expect(result.results.map((r) => [r.line, r.outcome])).toEqual(sampleLines().map((r) => [r.line, "created"]));
    for (const r of result.results) expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result).toMatchObject({
      created: 12,
      skipped: 0,
      rejected: 0,
      assessmentId: assessment.id,
      sessions: 3,
      questions: 9,
      recorded: { sessions: 3, questions: 9 },
    });

    const activity = await t.viewer.assessments.activity({ assessmentId: assessment.id });
    expect(
      activity.sessions.map((s) => [s.ref, s.questions.map((q) => `${q.ref}:${q.score.sophistication}`).join(" ")]),
    ).toEqual([
      ["s1", "q1:2 q2:4 q3:2"],
      ["s2", "q4:6 q5:6 q6:2"],
      ["s3", "q7:6 q8:6 q9:3"],
    ]);
    expect(activity.sessions[2]!.questions[2]).toMatchObject({
      ref: "q9",
      followUpOf: "q8",
      text: "Why?",
      domain: "Python",
    });
  });

  test("a bad import is rejected naming each bad row, and nothing of it is written", async () => {
    const candidate = await newCandidate(t.recruiter);
    const assessment = await t.recruiter.assessments.start({ candidateId: candidate.id });
    const lines = sampleLines();
    const bad = lines.map((r) => ({ ...r }));
    bad[4] = { ...bad[4]!, end: "2026-01-06T08:00:00Z" }; // s2 ends before it starts
    bad[7] = { ...bad[7]!, followUpOf: "q99" }; // no such question
    bad[10] = { ...bad[10]!, domain: "" }; // unknown domain
    const before = [await count(t.db.orm, "assessment_sessions"), await count(t.db.orm, "assessment_questions")];

    const error = await rejection(t.recruiter.assessments.importActivity({ assessmentId: assessment.id, rows: bad }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(errorShape(error).data).toMatchObject({
      reason: "invalid_rows",
      problems: [{ line: 11, ref: "q8", path: "domain", message: "must not be empty (unknown domain)" }],
    });
    expect(error.message).toBe(
      "Activity rejected, nothing was written (1 problem): line 11 (q8): domain: must not be empty (unknown domain)",
    );
    bad[10] = lines[10]!;
    const error2 = await rejection(t.recruiter.assessments.importActivity({ assessmentId: assessment.id, rows: bad }));
    expect(errorShape(error2).data).toMatchObject({
      reason: "invalid_rows",
      problems: [
        {
          line: 5,
          ref: "s2",
          path: "end",
          message: "2026-01-06T08:00:00.000Z is before start 2026-01-06T09:00:00.000Z",
        },
        { line: 8, ref: "q6", path: "followUpOf", message: '"q99" does not exist (no question with that ref)' },
      ],
    });
    expect(error2.message).toBe(
      "Activity rejected, nothing was written (2 problems): " +
        "line 5 (s2): end: 2026-01-06T08:00:00.000Z is before start 2026-01-06T09:00:00.000Z; " +
        'line 8 (q6): followUpOf: "q99" does not exist (no question with that ref)',
    );
    expect([await count(t.db.orm, "assessment_sessions"), await count(t.db.orm, "assessment_questions")]).toEqual(
      before,
    );
    expect((await t.viewer.assessments.get({ assessmentId: assessment.id })).recorded).toEqual({
      sessions: 0,
      questions: 0,
    });
  });

  test("recordSession adds a session whose questions may follow up imported ones; refs must stay unique", async () => {
    const { assessment } = await assessmentWithSample(t.recruiter);
    const recorded = await t.recruiter.assessments.recordSession({
      assessmentId: assessment.id,
      session: { start: new Date("2026-01-08T09:00:00Z"), end: new Date("2026-01-08T09:30:00Z") },
      questions: [
        {
          domain: "postgresql",
          text: "Why can an index make writes slower?",
          askedAt: new Date("2026-01-08T09:05:00Z"),
          followUpOf: "q5",
        },
        { ref: "mine", domain: "Python", text: "How do generators close?", askedAt: new Date("2026-01-08T09:10:00Z") },
      ],
    });
    expect(recorded).toMatchObject({ sessions: 1, questions: 2, recorded: { sessions: 4, questions: 11 } });
    expect(recorded.questionRefs).toEqual([`${recorded.sessionRef}-q1`, "mine"]);
    const activity = await t.viewer.assessments.activity({ assessmentId: assessment.id });
    expect(activity.sessions[3]!.questions[0]).toMatchObject({ domain: "PostgreSQL", followUpOf: "q5" });

    const clash = await rejection(
      t.recruiter.assessments.recordSession({
        assessmentId: assessment.id,
        session: { ref: "s1", start: new Date("2026-01-09T09:00:00Z"), end: new Date("2026-01-09T09:30:00Z") },
        questions: [],
      }),
    );
    expect(errorShape(clash).data.problems).toEqual([
      { ref: "s1", path: "session.ref", message: '"s1" is already used by a session (already recorded)' },
    ]);
    expect(clash.message).toBe(
      'Activity rejected, nothing was written (1 problem): (s1): session.ref: "s1" is already used by a session (already recorded)',
    );
  });

  test("viewers cannot record activity", async () => {
    const { assessment } = await assessmentWithSample(t.recruiter);
    const error = await rejection(
      t.viewer.assessments.importActivity({ assessmentId: assessment.id, rows: sampleLines() }),
    );
    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("complete", () => {
  test("stores every metric of the worked example and returns the assessment as stored; the application stays in Assessment", async () => {
    const { candidate, assessment } = await assessmentWithSample(t.recruiter, { role: "Scoring Check Engineer" });
    const done = await t.recruiter.assessments.complete({ assessmentId: assessment.id });
    expect(done.status).toBe("completed");
    expect(done.metrics).toMatchObject({
      avgSophistication: expect.closeTo(37 / 9, 9),
      learningVelocity: expect.closeTo(7 / 6, 9),
      chainDepth: expect.closeTo(1.8, 9),
      longestChain: 3,
      conceptRetention: expect.closeTo(0.25, 9),
      interestRatio: expect.closeTo(1 / 9, 9),
      taoIndex: expect.closeTo(51.6759, 4),
      percentile: 0,
      percentileSampleSize: 1,
      percentileThin: true,
      totalQueries: 9,
      totalSessions: 3,
      totalTimeMinutes: 95,
    });
    expect(done.metrics!.domainScores.map((d) => d.domain)).toEqual(["Python", "PostgreSQL", "Rust"]);
    expect(done.metrics!.sessionTrend.map((p) => p.meanSophistication)).toEqual([8 / 3, 14 / 3, 5]);

    const [row] = await t.db.orm.em
      .fork()
      .execute<{ tao_index: number; avg_sophistication: number; total_queries: number }[]>(
        "select tao_index, avg_sophistication, total_queries from assessments where id = ?",
        [assessment.id],
      );
    expect(row).toMatchObject({ tao_index: expect.closeTo(51.6759, 4), total_queries: 9 });

    // Completing is the assessment's progress: the application stays in the Assessment stage until someone moves it.
    const after = await t.viewer.candidates.get({ id: candidate.id });
    expect(after.applications.map((a) => [a.stageName, a.outcome])).toEqual([["Assessment", "active"]]);
    const reloaded = await t.viewer.assessments.get({ assessmentId: assessment.id });
    expect(reloaded).toEqual(done);
    expect(reloaded.metrics!.domainScores.map((d) => d.domain)).toEqual(["Python", "PostgreSQL", "Rust"]);
  });

  test("completing twice, or with no activity, is a clear BAD_REQUEST; activity cannot change afterwards", async () => {
    const { assessment } = await assessmentWithSample(t.recruiter);
    await t.recruiter.assessments.complete({ assessmentId: assessment.id });
    const twice = await rejection(t.recruiter.assessments.complete({ assessmentId: assessment.id }));
    expect(twice.code).toBe("BAD_REQUEST");
    expect(twice.message).toMatch(
      new RegExp(
        `^Assessment ${assessment.id} is already completed \\(at .+\\); start a new assessment to assess again$`,
      ),
    );
    const late = await rejection(
      t.recruiter.assessments.importActivity({ assessmentId: assessment.id, rows: sampleLines() }),
    );
    expect(late.message).toBe(
      `Assessment ${assessment.id} is completed; its activity can no longer change (start a new assessment instead)`,
    );

    const candidate = await newCandidate(t.recruiter);
    const empty = await t.recruiter.assessments.start({ candidateId: candidate.id });
    const none = await rejection(t.recruiter.assessments.complete({ assessmentId: empty.id }));
    expect([none.code, none.message]).toEqual([
      "BAD_REQUEST",
      `Assessment ${empty.id} has no recorded activity (0 sessions, 0 questions): record a session with questions or import activity before completing it`,
    ]);
    expect((await t.viewer.assessments.get({ assessmentId: empty.id })).status).toBe("in_progress");
  });

  test("several assessments per candidate are kept; a candidate assessed before can be assessed again", async () => {
    const { candidate, assessment: first } = await assessmentWithSample(t.recruiter);
    await t.recruiter.assessments.complete({ assessmentId: first.id });
    const [app] = (await t.viewer.candidates.get({ id: candidate.id })).applications;
    const second = await t.recruiter.assessments.start({ candidateId: candidate.id });
    // Already in Assessment: the second start leaves the application as it was.
    expect(await t.viewer.applications.get({ id: app!.id })).toEqual(app);
    await t.recruiter.assessments.importActivity({ assessmentId: second.id, rows: sampleLines() });
    await t.recruiter.assessments.complete({ assessmentId: second.id });
    const list = await t.viewer.assessments.listForCandidate({ candidateId: candidate.id });
    expect(list.map((a) => [a.id, a.status])).toEqual([
      [second.id, "completed"],
      [first.id, "completed"],
    ]);
  });
});
