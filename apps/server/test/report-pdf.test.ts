/**
 * GET /api/reports/:id/pdf (vetting's file route) over HTTP: the session cookie or a Bearer token downloads it;
 * refusals come in the one error shape (tRPC's envelope, data.reason), like any procedure's.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import request from "supertest";
import { beforeAll, expect, test } from "vitest";
import { SESSION_COOKIE } from "@shortlist/api";
import { reportPdfPath, type ErrorData } from "@shortlist/api/schemas";
import { signedIn } from "../../../packages/api/test/helpers";
import { assessmentWithSample, pdfText, useVettingContext } from "../../../packages/api/test/vetting-fixtures";
import { createApp } from "../src/app";

const t = useVettingContext();
let app: ReturnType<typeof createApp>;
let reportId: string;
let fileName: string;
beforeAll(async () => {
  app = createApp(t.deps);
  const { assessment } = await assessmentWithSample(t.recruiter, { name: "Barbara Liskov" });
  await t.recruiter.assessments.complete({ assessmentId: assessment.id });
  const report = await t.recruiter.reports.generate({ assessmentId: assessment.id });
  reportId = report.id;
  fileName = `shortlist-report-barbara-liskov-${report.generatedAt.toISOString().slice(0, 10)}.pdf`;
});

/** A refusal's message and data, as @trpc/client reads them from the envelope (superjson's `json`). */
const refusal = (res: request.Response) => res.body.error.json as { message: string; data: ErrorData };

const download = (path: string) =>
  request(app)
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => done(null, Buffer.concat(chunks)));
    });

test("a signed-in user downloads the PDF as an attachment; its text holds the name and the recommendation", async () => {
  const res = await download(`/api/reports/${reportId}/pdf`).set("Cookie", `${SESSION_COOKIE}=${t.adminSession}`);
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toBe("application/pdf");
  expect(res.headers["content-disposition"]).toBe(`attachment; filename=${fileName}`);
  expect(res.headers["cache-control"]).toBe("private, no-store");
  const body = res.body as Buffer;
  expect(body.subarray(0, 5).toString()).toBe("%PDF-");
  const text = await pdfText(new Uint8Array(body));
  expect(text).toContain("Barbara Liskov");
  expect(text).toContain("Recommendation: Lean no hire");
});

test("the anonymous, and unknown sessions or tokens, are refused with 401", async () => {
  for (const headers of [{}, { Cookie: `${SESSION_COOKIE}=nope` }, { Authorization: "Bearer sl_nope" }]) {
    const res = await request(app).get(`/api/reports/${reportId}/pdf`).set(headers).set("X-Request-Id", "pdf-401");
    expect(res.status).toBe(401);
    expect(refusal(res)).toEqual({
      message: "Sign in (or send an API token) to do this",
      code: -32001,
      data: {
        code: "UNAUTHORIZED",
        httpStatus: 401,
        path: "/api/reports/:id/pdf",
        requestId: "pdf-401",
        reason: "unauthenticated",
        fieldErrors: null,
        problems: null,
        details: null,
      },
    });
  }
});

test("an API token works as a Bearer token, and any role may read (viewer)", async () => {
  const { secret } = await t.admin.apiTokens.create({ name: "cli" });
  const viaToken = await download(`/api/reports/${reportId}/pdf`).set("Authorization", `Bearer ${secret}`);
  expect(viaToken.status).toBe(200);
  const viewer = await signedIn(t.deps, "viewer");
  const viaViewer = await download(`/api/reports/${reportId}/pdf`).set(
    "Cookie",
    `${SESSION_COOKIE}=${viewer.sessionToken}`,
  );
  expect(viaViewer.status).toBe(200);
});

test("unknown reports are 404, malformed ids 400; a PDF missing on disk is rendered again", async () => {
  const cookie = `${SESSION_COOKIE}=${t.adminSession}`;
  const unknownId = "00000000-0000-4000-8000-000000000000";
  const missing = await request(app)
    .get(reportPdfPath.build({ id: unknownId }))
    .set("Cookie", cookie);
  expect([missing.status, refusal(missing).message, refusal(missing).data.reason]).toEqual([
    404,
    `Report ${unknownId} was not found`,
    "not_found",
  ]);
  expect(refusal(missing).data.details).toEqual({ kind: "Report", id: unknownId });
  const malformed = await request(app).get("/api/reports/not-a-uuid/pdf").set("Cookie", cookie);
  expect([malformed.status, refusal(malformed).data.reason, refusal(malformed).data.fieldErrors]).toEqual([
    400,
    "invalid_input",
    [{ path: "id", message: "Must be a UUID (the id the record was given)" }],
  ]);
  const extra = await request(app).get(`/api/reports/${reportId}/pdf?inline=1`).set("Cookie", cookie);
  expect([extra.status, refusal(extra).data.fieldErrors]).toEqual([
    400,
    [{ path: "inline", message: "Unknown field" }],
  ]);

  await rm(join(t.dataDir, "reports", `${reportId}.pdf`));
  const again = await download(`/api/reports/${reportId}/pdf`).set("Cookie", cookie);
  expect(again.status).toBe(200);
  expect(await pdfText(new Uint8Array(again.body as Buffer))).toContain("Barbara Liskov");
});

test("the download path is built by the one path builder, the same the report DTO carries", async () => {
  const report = await t.admin.reports.get({ id: reportId });
  expect(report.pdf.downloadPath).toBe(reportPdfPath.build({ id: reportId }));
  expect(reportPdfPath.build({ id: reportId })).toBe(`/api/reports/${reportId}/pdf`);
});
