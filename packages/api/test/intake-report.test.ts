/**
 * The vacancy report: cached against the profile's version (served from the cache until the profile changes), the
 * role's benchmark bands, the pipeline of the jobs with the same title and company, the PDF route, and a restart
 * (a new ORM on the same database) that finds the chat, the profile and the cached report as they were.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { fileRoutes, stopConversations, type FileRouteContext } from "@shortlist/api";
import { initOrm } from "@shortlist/db";
import { callerFor, rejection, testDeps, useTestApi, type Caller } from "./helpers";
import { completeIcuIntake } from "./intake-fixtures";

const api = useTestApi();
let recruiter: Caller;
let admin: Caller;
let viewer: Caller;
let recruiterToken: string;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

beforeAll(async () => {
  const signedIn = await api.signedIn("recruiter");
  recruiter = signedIn.caller;
  recruiterToken = signedIn.sessionToken;
  admin = (await api.signedIn("admin")).caller;
  viewer = (await api.signedIn("viewer")).caller;
});

const pdfRoute = fileRoutes.find((route) => route.path.pattern === "/api/jobs/:jobId/vacancy-report.pdf")!;

async function downloadPdf(orm = api.db.orm, jobId: string) {
  const ctx = { em: orm.em.fork() } as unknown as FileRouteContext;
  const result = await pdfRoute.handler({ ctx, input: pdfRoute.input.parse({ jobId }), file: null });
  if (result.kind !== "bytes") throw new Error(`expected bytes, got ${result.kind}`);
  return result;
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

  test("downloads as a PDF", async () => {
    const file = await downloadPdf(api.db.orm, jobId);
    expect(file.type).toBe("application/pdf");
    expect(Buffer.from(file.body.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(file.fileName).toMatch(/^vacancy-report-icu-nurse-v\d+\.pdf$/);
    expect(pdfRoute.access).not.toContain("viewer");
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
      expect((await downloadPdf(orm, jobId)).body.byteLength).toBeGreaterThan(1000);
    } finally {
      await stopConversations(deps);
      await orm.close(true);
    }
  });
});
