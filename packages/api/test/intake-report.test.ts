/**
 * The vacancy report: cached against the profile's version (served from the cache until the profile changes), the
 * role's benchmark bands, the pipeline of the jobs with the same title and company, the PDF route, and a restart
 * (a new ORM on the same database) that finds the chat, the profile and the cached report as they were.
 */
import { beforeAll, describe, expect, test } from "vitest";
import request from "supertest";
import { SESSION_COOKIE, stopConversations, type ContextDeps } from "@shortlist/api";
import { createApp } from "@shortlist/server";
import { initOrm } from "@shortlist/db";
import { callerFor, rejection, testDeps, useTestApi, type Caller } from "./helpers";
import { completeIcuIntake } from "./intake-fixtures";

const api = useTestApi();
let recruiter: Caller;
let admin: Caller;
let viewer: Caller;
let recruiterToken: string;
let viewerToken: string;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

beforeAll(async () => {
  const signedIn = await api.signedIn("recruiter");
  recruiter = signedIn.caller;
  recruiterToken = signedIn.sessionToken;
  admin = (await api.signedIn("admin")).caller;
  const signedInViewer = await api.signedIn("viewer");
  viewer = signedInViewer.caller;
  viewerToken = signedInViewer.sessionToken;
});

const pdfPath = (jobId: string) => `/api/jobs/${jobId}/vacancy-report.pdf`;

/** GET the PDF over HTTP through the server's app, as the browser does (session cookie). */
async function downloadPdf(deps: ContextDeps, token: string, jobId: string) {
  return request(createApp(deps))
    .get(pdfPath(jobId))
    .set("Cookie", `${SESSION_COOKIE}=${token}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => done(null, Buffer.concat(chunks)));
    });
}

describe("the vacancy report", () => {
  let jobId: string;
  let conversationId: string;
  let sessionId: string;

  beforeAll(async () => {
    const started = await completeIcuIntake(recruiter);
    jobId = started.session.jobId;
    conversationId = started.conversation.id;
    sessionId = started.session.id;
  });

  test("is generated once per profile version and served from the cache until the profile changes", async () => {
    const first = await recruiter.intake.report({ jobId });
    expect(first).toMatchObject({ jobId, cached: false, profileVersion: 10, missing: [], title: "ICU nurse" });
    expect(first.summary).toMatch(/^A senior role: ICU nurse at St Mary's Hospital in London \(on-site\)\./);
    expect(first.summary).toMatch(/Every required field of the profile is filled\./);
    const second = await recruiter.intake.report({ jobId });
    expect(second).toEqual({ ...first, cached: true });

    const { profile, version } = await recruiter.intake.profile({ jobId });
    await recruiter.intake.updateProfile({ jobId, version, profile: { ...profile, deadline: null } });
    const third = await recruiter.intake.report({ jobId });
    expect(third).toMatchObject({
      cached: false,
      profileVersion: 11,
      missing: [{ field: "deadline", label: "deadline" }],
    });
    expect(third.summary).toMatch(/Still to decide: deadline\./);
    const rows = await sql<{ profile_version: number }>(
      "select profile_version from vacancy_reports where job_id = ?",
      [jobId],
    );
    expect(rows.map((r) => r.profile_version)).toEqual([11]);
    await recruiter.intake.updateProfile({ jobId, version: 11, profile: { ...profile } });
    expect(await recruiter.intake.report({ jobId })).toMatchObject({ cached: false, profileVersion: 12, missing: [] });

    expect((await rejection(viewer.intake.report({ jobId }))).code).toBe("FORBIDDEN");
  });

  test("holds the role's benchmark bands and the pipeline of the jobs with the same title and company", async () => {
    await admin.benchmarks.upsertEntered({
      role: "ICU nurse",
      sampleSize: 12,
      bands: {
        learningVelocity: { p50: 0.1, p75: 0.2, p90: 0.3 },
        sophistication: { p50: 2, p75: 3, p90: 4 },
        chainDepth: { p50: 1.2, p75: 1.5, p90: 2 },
        taoIndex: { p50: 40, p75: 55, p90: 70 },
      },
    });
    const other = await recruiter.jobs.create({ title: "ICU Nurse", company: "St Mary's Hospital" });
    await recruiter.candidates.create({ name: "Florence N.", email: "florence@example.com", jobId: other.id });
    await recruiter.candidates.create({ name: "Mary S.", email: "mary@example.com", jobId: other.id });
    const { profile, version } = await recruiter.intake.profile({ jobId });
    await recruiter.intake.updateProfile({ jobId, version, profile: { ...profile, team: "Adult ICU" } });

    const report = await recruiter.intake.report({ jobId });
    expect(report.benchmark).toMatchObject({ role: "ICU nurse", company: null, sampleSize: 12 });
    expect(report.benchmark!.bands).toContainEqual({
      metric: "taoIndex",
      label: "Tao index",
      p50: 40,
      p75: 55,
      p90: 70,
    });
    expect(report.pipeline).toMatchObject({ jobs: 2, active: 2, hired: 0, rejected: 0 });
    expect(report.pipeline.byStage).toContainEqual({ stage: "Applied", count: 2 });
    expect(report.pipeline.byStage[0]!.stage).toBe("Applied");
  });

  test("downloads as a PDF (writers only)", async () => {
    const response = await downloadPdf(api.deps, recruiterToken, jobId);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/pdf/);
    expect(response.headers["content-disposition"]).toMatch(/vacancy-report-icu-nurse-v\d+\.pdf/);
    expect((response.body as Buffer).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((await downloadPdf(api.deps, viewerToken, jobId)).status).toBe(403);
    expect((await downloadPdf(api.deps, recruiterToken, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  test("a restart finds the chat, the profile and the cached report unchanged", async () => {
    const report = await recruiter.intake.report({ jobId });
    const before = {
      view: await recruiter.intake.get({ id: sessionId }),
      profile: await recruiter.intake.profile({ jobId }),
    };
    expect(before.view.messages.length).toBeGreaterThan(20);

    await stopConversations(api.deps);
    await api.db.close();
    const orm = await initOrm(api.db.config);
    const deps = testDeps({ orm, config: api.db.config });
    try {
      const caller = callerFor(deps, { sessionToken: recruiterToken });
      const after = await caller.intake.get({ id: sessionId });
      expect(after.messages).toEqual(before.view.messages);
      expect(after.conversation.id).toBe(conversationId);
      expect(await caller.intake.profile({ jobId })).toEqual(before.profile);
      expect(await caller.intake.report({ jobId })).toEqual({ ...report, cached: true });
      const pdf = await downloadPdf(deps, recruiterToken, jobId);
      expect((pdf.body as Buffer).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    } finally {
      await stopConversations(deps);
      await orm.close(true);
    }
  });
});
