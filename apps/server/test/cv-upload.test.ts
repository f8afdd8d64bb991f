/**
 * The CV upload over HTTP (POST /api/candidates/:candidateId/cv, multipart field `file`): a PDF, a DOCX or text up
 * to 5 MB, by session or API token, answers 201 with the stored document and its analysis; the file comes back from
 * GET /api/cv/:id/file under its name. Refused: a declared type not accepted, content that is not what it says or not
 * a CV at all, files over the limit, viewers, no credentials, an erased candidate; nothing is kept for any of them.
 */
import request from "supertest";
import { beforeAll, expect, test } from "vitest";
import { SESSION_COOKIE } from "@shortlist/api";
import { CV_UPLOAD, cvDownloadPath, cvUploadPath, type ErrorData } from "@shortlist/api/schemas";
import { rowCounts, signedIn, useTestApi } from "../../../packages/api/test/helpers";
import { renderDocx, renderPdf } from "../../../packages/api/test/fixtures/cvs/render";
import { PLATFORM_CV } from "../../../packages/api/test/interviews-cv-fixtures";
import { createApp } from "../src/app";

const api = useTestApi({ dataDir: "shortlist-cv-upload-" });

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
let app: ReturnType<typeof createApp>;
let recruiterCookie: string;
let viewerCookie: string;
let token: string;
let candidateId: string;
let admin: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  app = createApp(api.deps);
  admin = await signedIn(api.deps, "admin");
  const recruiter = await signedIn(api.deps, "recruiter");
  recruiterCookie = `${SESSION_COOKIE}=${recruiter.sessionToken}`;
  viewerCookie = `${SESSION_COOKIE}=${(await signedIn(api.deps, "viewer")).sessionToken}`;
  token = (await recruiter.caller.apiTokens.create({ name: "cv upload" })).secret;
  candidateId = (await recruiter.caller.candidates.create({ name: "Linus Platform", email: "linus@example.com" })).id;
});

const refusal = (res: request.Response) => res.body.error.json as { message: string; data: ErrorData };
const upload = (
  auth: { cookie?: string; token?: string },
  body: Buffer | Uint8Array,
  type: string,
  fileName = "cv",
  id = candidateId,
) => {
  const req = request(app).post(cvUploadPath.build({ candidateId: id }));
  if (auth.cookie) req.set("Cookie", auth.cookie);
  if (auth.token) req.set("Authorization", `Bearer ${auth.token}`);
  return req.attach(CV_UPLOAD.field, Buffer.from(body), { filename: fileName, contentType: type });
};
const kept = () => rowCounts(api.db.orm, ["cv_documents", "cv_analyses"]);

test("a PDF by session, a DOCX by API token and a text file are stored and analysed; the file comes back", async () => {
  const pdf = await renderPdf(PLATFORM_CV, { layout: "pdf" });
  const first = await upload({ cookie: recruiterCookie }, pdf, "application/pdf", "Linus CV.pdf");
  expect(first.status).toBe(201);
  expect(first.body.document).toMatchObject({ fileName: "Linus CV.pdf", mediaType: "application/pdf" });
  expect(first.body.document.text).toContain("Senior Platform Engineer, Acme Cloud");
  expect(first.body.analysis.analyser).toBe("builtin@1");
  expect(first.body.analysis.skills.map((s: { skill: string }) => s.skill)).toEqual(
    expect.arrayContaining(["PostgreSQL", "Kubernetes", "TypeScript"]),
  );

  const docx = await upload({ token }, await renderDocx(PLATFORM_CV), DOCX, "linus.docx");
  expect([docx.status, docx.body.document.mediaType]).toEqual([201, DOCX]);
  const text = await upload({ cookie: recruiterCookie }, Buffer.from(PLATFORM_CV), "text/plain", "linus.txt");
  expect([text.status, text.body.document.mediaType]).toEqual([201, "text/plain"]);

  const file = await request(app)
    .get(cvDownloadPath.build({ id: first.body.document.id }))
    .set("Cookie", recruiterCookie)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done(null, Buffer.concat(chunks)));
    });
  expect(file.status).toBe(200);
  expect(file.headers["content-type"]).toBe("application/pdf");
  expect(file.headers["content-disposition"]).toContain('filename="Linus CV.pdf"');
  expect(Buffer.compare(file.body as Buffer, Buffer.from(pdf))).toBe(0);

  const events = await admin.caller.audit.list({ action: "cvs.upload", entityKind: "cv_document" });
  expect(events.items).toHaveLength(3);
});

test("types are judged by content: a declared type not accepted, a fake PDF, binary sent as text; nothing kept", async () => {
  const before = await kept();
  const png = await upload({ cookie: recruiterCookie }, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), "image/png");
  expect([png.status, refusal(png).data.fieldErrors?.[0]?.path]).toEqual([400, "file"]);
  const fakePdf = await upload({ cookie: recruiterCookie }, Buffer.from("not a pdf at all"), "application/pdf");
  expect([fakePdf.status, refusal(fakePdf).data.reason]).toEqual([400, "invalid_input"]);
  const binary = await upload({ cookie: recruiterCookie }, Buffer.from([0, 1, 2, 0xff, 0xfe]), "text/plain");
  expect([binary.status, refusal(binary).data.fieldErrors?.[0]?.path]).toEqual([400, "file"]);
  const noText = await upload({ cookie: recruiterCookie }, await renderPdf("", { layout: "pdf" }), "application/pdf");
  expect([noText.status, refusal(noText).data.fieldErrors?.[0]?.message]).toEqual([
    400,
    expect.stringContaining("scanned PDF: no text layer"),
  ]);
  const big = await upload({ cookie: recruiterCookie }, Buffer.alloc(CV_UPLOAD.maxBytes + 1, 0x41), "text/plain");
  expect([big.status, refusal(big).data.reason]).toEqual([413, "payload_too_large"]);
  expect(await kept()).toEqual(before);
});

test("viewers and strangers are refused; an unknown candidate is not found; an erased one is refused", async () => {
  const body = Buffer.from(PLATFORM_CV);
  expect((await upload({ cookie: viewerCookie }, body, "text/plain")).status).toBe(403);
  expect((await upload({}, body, "text/plain")).status).toBe(401);
  const missing = await upload(
    { cookie: recruiterCookie },
    body,
    "text/plain",
    "cv.txt",
    "00000000-0000-4000-8000-000000000000",
  );
  expect([missing.status, refusal(missing).data.reason]).toEqual([404, "not_found"]);
  const bad = await upload({ cookie: recruiterCookie }, body, "text/plain", "cv.txt", "not-a-uuid");
  expect([bad.status, refusal(bad).data.fieldErrors?.[0]?.path]).toEqual([400, "candidateId"]);

  const gone = await admin.caller.candidates.create({ name: "Gone", email: "gone@example.com" });
  await admin.caller.candidates.erase({ id: gone.id });
  const erased = await upload({ cookie: recruiterCookie }, body, "text/plain", "cv.txt", gone.id);
  expect([erased.status, refusal(erased).data.reason]).toEqual([409, "precondition_failed"]);

  const download = await request(app)
    .get(cvDownloadPath.build({ id: "00000000-0000-4000-8000-000000000000" }))
    .set("Cookie", viewerCookie);
  expect(download.status).toBe(403);
});
