/**
 * CV file routes. POST /api/candidates/:candidateId/cv (writers): a PDF, DOCX or text CV up to 5 MB, judged by its
 * content, sealed with the candidate's key, analysed; answers the document and its analysis (201). GET
 * /api/cv/:id/file (writers): the file as uploaded, under its name. Downloads are not audited (as report PDFs).
 */
import { readFile } from "node:fs/promises";
import { defineFileRoute, uploadRefusals, type FileRoute } from "../files";
import { idInput } from "../shared/ids";
import { ROLES } from "../trpc";
import { cvFile, uploadCv } from "./cv.service";
import { candidateCvInput, CV_UPLOAD, cvDownloadPath, cvUploadPath } from "./schemas";

export const cvUploadRoute = defineFileRoute({
  path: cvUploadPath,
  access: ROLES.writers,
  input: candidateCvInput,
  upload: CV_UPLOAD,
  handler: async ({ ctx, input, file }) => {
    if (!file) throw uploadRefusals.missing(CV_UPLOAD.field);
    const bytes = await readFile(file.path);
    const body = await uploadCv(ctx, input.candidateId, { fileName: file.fileName, bytes });
    return { kind: "json", status: 201, body };
  },
});

export const cvDownloadRoute = defineFileRoute({
  path: cvDownloadPath,
  access: ROLES.writers,
  input: idInput,
  handler: async ({ ctx, input }) => {
    const file = await cvFile(ctx, input.id);
    return { kind: "bytes", body: file.body, fileName: file.fileName, type: file.type };
  },
});

export const cvFileRoutes: readonly FileRoute[] = [cvUploadRoute, cvDownloadRoute];
