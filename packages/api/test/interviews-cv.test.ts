/**
 * CVs through the public surface: the upload file route (content-typed, sealed, analysed in one transaction, audited),
 * cvs.forCandidate, cvs.analyse (built-in; the model one refused without a model), the file back, refusals (not a
 * CV, an erased candidate, an unknown one), and that each analysis replaces the candidate's skills.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { fileRoutes } from "@shortlist/api";
import { cvDownloadPath } from "@shortlist/api/schemas";
import { createRequestContext } from "@shortlist/api";
import { errorShape, rejection, rowCounts, useTestApi, type Caller } from "./helpers";
import { PLATFORM_CV, uploadCv } from "./interviews-cv-fixtures";

const api = useTestApi();
let recruiter: Caller;
let viewer: Caller;
let admin: Caller;
let candidateId: string;

const text = (s: string) => new TextEncoder().encode(s);

beforeAll(async () => {
  recruiter = (await api.signedIn("recruiter")).caller;
  viewer = (await api.signedIn("viewer")).caller;
  admin = (await api.signedIn("admin")).caller;
  candidateId = (await recruiter.candidates.create({ name: "Linus Platform", email: "linus@example.com" })).id;
});

async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    return error as { reason: string; fieldErrors?: { path: string; message: string }[]; message: string };
  }
  throw new Error("expected the call to fail");
}

describe("upload", () => {
  test("a text CV is stored sealed, analysed and answered; the candidate's skills are its skills", async () => {
    const answer = await uploadCv(api.deps, recruiter, candidateId, {
      fileName: "C:\\cvs\\linus.txt",
      bytes: text(PLATFORM_CV),
    });
    expect(answer.document).toMatchObject({
      candidateId,
      fileName: "linus.txt",
      mediaType: "text/plain",
      sizeBytes: text(PLATFORM_CV).length,
      text: PLATFORM_CV.trim(),
    });
    expect(answer.document!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const analysis = answer.analysis!;
    expect(analysis.analyser).toBe("builtin@1");
    const names = analysis.skills.map((s) => s.skill);
    expect(names).toEqual(expect.arrayContaining(["PostgreSQL", "TypeScript", "Kubernetes", "Terraform", "Redis"]));
    for (const skill of analysis.skills) {
      for (const [start, end] of skill.spans) expect(answer.document!.text.slice(start, end).length).toBe(end - start);
    }
    expect(analysis.languages).toEqual(["Portuguese (native)", "English (C1)"]);
    expect(analysis.education).toEqual([
      { degree: "BSc", field: "Computer Science", institution: "University of Lisbon", startYear: 2012, endYear: 2016 },
    ]);

    const rows = await api.db.orm.em
      .fork()
      .execute<{ file: string; text: string; sha256: string }[]>(
        "select file_sealed::text as file, text_sealed::text as text, sha256 from cv_documents where candidate_id = ?",
        [candidateId],
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).not.toContain("Kubernetes");
    expect(rows[0]!.file).not.toContain("linus");
    const skills = await api.db.orm.em
      .fork()
      .execute<{ skill: string }[]>("select skill from candidate_skills where candidate_id = ? order by skill", [
        candidateId,
      ]);
    expect(skills.map((s) => s.skill).sort()).toEqual([...names].sort());

    const events = await admin.audit.list({ entityKind: "cv_document", entityId: answer.document!.id });
    expect(events.items.map((e) => e.action)).toEqual(["cvs.upload"]);
  });

  test("forCandidate answers the latest CV and its analysis; nulls for a candidate without one", async () => {
    const cv = await recruiter.cvs.forCandidate({ candidateId });
    expect(cv.document?.fileName).toBe("linus.txt");
    expect(cv.analysis?.skills.length).toBeGreaterThan(3);
    const other = await recruiter.candidates.create({ name: "No CV", email: "nocv@example.com" });
    expect(await recruiter.cvs.forCandidate({ candidateId: other.id })).toEqual({
      document: null,
      analysis: null,
      modelAnalyser: null,
    });
    expect((await rejection(viewer.cvs.forCandidate({ candidateId }))).code).toBe("FORBIDDEN");
    const missing = await rejection(
      recruiter.cvs.forCandidate({ candidateId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(errorShape(missing).data.reason).toBe("not_found");
  });

  test("content decides the type: binary that is no PDF, DOCX or text is refused under the file field; nothing kept", async () => {
    const before = await rowCounts(api.db.orm, ["cv_documents", "cv_analyses"]);
    const binary = await failure(
      uploadCv(api.deps, recruiter, candidateId, {
        fileName: "cv.pdf",
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
      }),
    );
    expect(binary.reason).toBe("invalid_input");
    expect(binary.fieldErrors?.[0]?.path).toBe("file");
    const zip = await failure(
      uploadCv(api.deps, recruiter, candidateId, {
        fileName: "cv.docx",
        bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]),
      }),
    );
    expect(zip.fieldErrors?.[0]?.path).toBe("file");
    const empty = await failure(
      uploadCv(api.deps, recruiter, candidateId, { fileName: "cv.txt", bytes: text("  \n\n ") }),
    );
    expect(empty.fieldErrors?.[0]?.message).toMatch(/no text/);
    expect(await rowCounts(api.db.orm, ["cv_documents", "cv_analyses"])).toEqual(before);
  });

  test("an unknown candidate is not found; an erased one is refused", async () => {
    const missing = await failure(
      uploadCv(api.deps, recruiter, "00000000-0000-4000-8000-000000000000", {
        fileName: "cv.txt",
        bytes: text(PLATFORM_CV),
      }),
    );
    expect(missing.reason).toBe("not_found");
    const gone = await admin.candidates.create({ name: "Gone Person", email: "gone@example.com" });
    await admin.candidates.erase({ id: gone.id });
    const erased = await failure(uploadCv(api.deps, admin, gone.id, { fileName: "cv.txt", bytes: text(PLATFORM_CV) }));
    expect(erased.reason).toBe("precondition_failed");
  });
});

describe("cvs.analyse", () => {
  test("re-analysis adds an analysis, replaces the candidate's skills and is audited", async () => {
    const cv = await recruiter.cvs.forCandidate({ candidateId });
    const again = await recruiter.cvs.analyse({ documentId: cv.document!.id });
    expect(again.analysis!.id).not.toBe(cv.analysis!.id);
    expect(again.analysis!.skills).toEqual(cv.analysis!.skills);
    const rows = await api.db.orm.em
      .fork()
      .execute<{ analysis_id: string }[]>("select distinct analysis_id from candidate_skills where candidate_id = ?", [
        candidateId,
      ]);
    expect(rows.map((r) => r.analysis_id)).toEqual([again.analysis!.id]);
    const events = await admin.audit.list({ entityKind: "cv_analysis", entityId: again.analysis!.id });
    expect(events.items.map((e) => e.action)).toEqual(["cvs.analyse"]);
  });

  test("with no model configured, the model analyser is refused as a precondition", async () => {
    const cv = await recruiter.cvs.forCandidate({ candidateId });
    const refused = await rejection(recruiter.cvs.analyse({ documentId: cv.document!.id, analyser: "model" }));
    expect(errorShape(refused).data.reason).toBe("precondition_failed");
    const missing = await rejection(recruiter.cvs.analyse({ documentId: "00000000-0000-4000-8000-000000000000" }));
    expect(errorShape(missing).data.reason).toBe("not_found");
  });
});

test("the file comes back as uploaded, under its name", async () => {
  const cv = await recruiter.cvs.forCandidate({ candidateId });
  const route = fileRoutes.find((r) => r.method === "GET" && r.path.pattern === cvDownloadPath.pattern)!;
  const ctx = createRequestContext(
    api.deps,
    { sessionToken: null, bearerToken: null },
    { requestId: "t", ip: null, userAgent: null, cookies: { setSession() {}, clearSession() {} } },
  );
  const result = await route.handler({
    ctx: { ...ctx, em: api.db.orm.em.fork(), auth: null },
    input: { id: cv.document!.id },
    file: null,
  });
  expect(result).toMatchObject({ kind: "bytes", fileName: "linus.txt", type: "text/plain" });
  expect(Buffer.from((result as { body: Uint8Array }).body).toString("utf8")).toBe(PLATFORM_CV);
});
