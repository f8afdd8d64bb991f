/**
 * CV tests' shared steps: the CV upload file route called as the server calls it (the caller's identity, the
 * route's input schema, the file from a temporary path, a transaction), and audit coverage's drive of the CV area:
 * a job with a vacancy profile, a candidate filed under it, a CV uploaded and re-analysed.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequestContext, fileRoutes, type ContextDeps, type FileRoute } from "@shortlist/api";
import type { CandidateCvDTO } from "@shortlist/api";
import { cvUploadPath } from "@shortlist/api/schemas";
import type { Caller, TestApi } from "./helpers";
import type { InterviewsDriveContext } from "./interviews-fixtures";

export const PLATFORM_CV = `Linus Platform
Platform Engineer · Lisbon · linus@example.com

Summary
Platform engineer building reliable backends in TypeScript on PostgreSQL.

Experience
Senior Platform Engineer, Acme Cloud
Mar 2020 – Present
- Runs the company's Kubernetes clusters on AWS with Terraform and Helm
- Tuned PostgreSQL for a payments ledger; wrote services in TypeScript and Go

Backend Developer, Beta Systems (2016 - 2020)
- Built REST APIs in TypeScript on Node.js with PostgreSQL and Redis

Education
BSc Computer Science, University of Lisbon, 2012 - 2016

Languages
Portuguese (native), English (C1)
`;

const uploadRoute = (): FileRoute =>
  fileRoutes.find((r) => r.method === "POST" && r.path.pattern === cvUploadPath.pattern)!;

/** POST /api/candidates/:candidateId/cv as `caller`, past the HTTP layer (apps/server's tests cover that). */
export async function uploadCv(
  deps: ContextDeps,
  caller: Caller,
  candidateId: string,
  file: { fileName: string; bytes: Uint8Array; type?: string },
): Promise<CandidateCvDTO> {
  const route = uploadRoute();
  const me = await caller.auth.me();
  const request = createRequestContext(
    deps,
    { sessionToken: null, bearerToken: null },
    {
      requestId: randomUUID(),
      ip: "127.0.0.1",
      userAgent: "vitest",
      cookies: { setSession() {}, clearSession() {} },
    },
  );
  const auth = { user: me.user, via: me.via };
  if (!route.access.includes(auth.user.role)) throw new Error(`${auth.user.role} may not upload a CV`);
  const input = await route.input.parseAsync({ candidateId });
  const dir = await mkdtemp(join(tmpdir(), "shortlist-cv-upload-"));
  const path = join(dir, "upload.part");
  try {
    await writeFile(path, file.bytes);
    const uploaded = { path, fileName: file.fileName, type: file.type ?? "application/pdf", size: file.bytes.length };
    const result = await deps.orm.em
      .fork()
      .transactional((em) =>
        route.handler({ ctx: { ...request, getAuth: async () => auth, em, auth }, input, file: uploaded }),
      );
    if (result.kind !== "json") throw new Error("the CV upload answered a file");
    return result.body as CandidateCvDTO;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The CV area's mutations through their happy paths; leaves a job with a profile and an applicant with a CV. */
export async function driveCv(admin: Caller, api: TestApi, context: InterviewsDriveContext): Promise<void> {
  const job = await admin.jobs.create({ title: "Platform Engineer", company: "Acme Cloud" });
  const { version } = await admin.intake.profile({ jobId: job.id });
  await admin.intake.updateProfile({
    jobId: job.id,
    version,
    profile: {
      title: "Platform Engineer",
      company: "Acme Cloud",
      seniority: "senior",
      mustHave: [
        { skill: "PostgreSQL", weight: 5 },
        { skill: "TypeScript", weight: 4 },
        { skill: "Kubernetes", weight: 4 },
      ],
      niceToHave: [{ skill: "Terraform", weight: 2 }],
    },
  });
  const candidate = await admin.candidates.create({
    name: "Linus Platform",
    email: "linus.platform@example.com",
    jobId: job.id,
  });
  const uploaded = await uploadCv(api.deps, admin, candidate.id, {
    fileName: "linus-platform-cv.txt",
    bytes: new TextEncoder().encode(PLATFORM_CV),
    type: "text/plain",
  });
  await admin.cvs.analyse({ documentId: uploaded.document!.id, analyser: "builtin" });
  context.jobId = job.id;
  context.candidateId = candidate.id;
  context.applicationId = candidate.application!.id;
}
