/**
 * CVs: the upload (a file route: checked by content, text extracted, analysed, sealed, in its own transaction),
 * the candidate's latest document and analysis, re-analysis (built-in or the configured model), the file itself.
 */
import { createHash } from "node:crypto";
import { basename } from "node:path";
import type { EntityManager, Keyring, Sealed } from "@shortlist/db";
import type { CvMediaType } from "@shortlist/db/constants";
import type { z } from "zod";
import { chainCommitted, writeAudit, type AuditRecord } from "../audit-trail";
import { assertNotErased } from "../candidates";
import type { ProcedureContext } from "../context";
import { dbRow } from "../db-rows";
import { InvalidInput, NotFound } from "../errors";
import type { FileRouteContext } from "../files";
import { analyseCvText, BUILTIN_ANALYSER } from "./cv-analysis/analyse";
import { formatLanguage } from "./cv-analysis/languages";
import { extractCvText } from "./cv/extract";
import { analyseWithModel, cvModel } from "./cv/model";
import { DOCX, PDF, sniffCv } from "./cv/sniff";
import {
  analysisRecord,
  insertAnalysis,
  insertDocument,
  lockCandidateCvs,
  type SealedCvDetails,
  type SealedCvText,
  type StoredAnalysis,
} from "./cv/store";
import type { CandidateCvDTO, CvAnalysisDTO, CvDocumentDTO } from "./dto";
import { CV_UPLOAD, type analyseCvInput } from "./schemas";

type Reader = Pick<ProcedureContext, "em" | "keyring" | "config">;

const modelAnalyser = (ctx: Pick<ProcedureContext, "config">) => {
  const model = cvModel(ctx.config);
  return model ? `model:${model}` : null;
};

const EXTENSION: Record<CvMediaType, string> = { [PDF]: "pdf", [DOCX]: "docx", "text/plain": "txt" };

/** The name as uploaded, without any folder part or control characters, at most 200 characters. */
export function cleanFileName(raw: string, type: CvMediaType): string {
  const name = basename(raw.replace(/\\/g, "/"))
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(-200);
  return name || `cv.${EXTENSION[type]}`;
}

async function assertCandidate(em: EntityManager, candidateId: string) {
  const rows = await em.execute("select 1 from candidates where id = ?", [candidateId]);
  if (rows.length === 0) throw new NotFound("candidate", candidateId);
}

async function opened<T>(em: EntityManager, keyring: Keyring, sealed: Sealed, kind: string, id: string): Promise<T> {
  const result = await keyring.open(em, sealed);
  // Only an erased candidate's values fail to open, and erasure deletes their CVs with the key.
  if (!result.ok) throw new NotFound(kind, id);
  return result.value as T;
}

interface DocumentRow {
  id: string;
  candidateId: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  textSealed: Sealed;
  uploadedById: string | null;
  uploadedByName: string | null;
  createdAt: Date;
}

const DOCUMENT_COLUMNS = `d.id, d.candidate_id, d.media_type, d.size_bytes, d.sha256, d.text_sealed, d.uploaded_by_id,
  u.name as uploaded_by_name, d.created_at`;

async function documentDTO(ctx: Reader, row: DocumentRow): Promise<CvDocumentDTO> {
  const { fileName, text } = await opened<SealedCvText>(ctx.em, ctx.keyring, row.textSealed, "cv document", row.id);
  return {
    id: row.id,
    candidateId: row.candidateId,
    fileName,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    text,
    uploadedBy: row.uploadedById ? { id: row.uploadedById, name: row.uploadedByName ?? "" } : null,
    createdAt: row.createdAt,
  };
}

interface AnalysisRow {
  id: string;
  documentId: string;
  candidateId: string;
  analyser: string;
  skills: CvAnalysisDTO["skills"];
  totalYears: number | null;
  seniority: string | null;
  detailsSealed: Sealed;
  createdAt: Date;
}

async function analysisDTO(ctx: Reader, row: AnalysisRow): Promise<CvAnalysisDTO> {
  const details = await opened<SealedCvDetails>(ctx.em, ctx.keyring, row.detailsSealed, "cv analysis", row.id);
  return {
    id: row.id,
    documentId: row.documentId,
    candidateId: row.candidateId,
    analyser: row.analyser,
    skills: row.skills,
    totalYears: row.totalYears,
    seniority: row.seniority,
    languages: details.languages.map(formatLanguage),
    education: details.education,
    createdAt: row.createdAt,
  };
}

const storedAnalysisDTO = (a: StoredAnalysis): CvAnalysisDTO => ({
  id: a.id,
  documentId: a.documentId,
  candidateId: a.candidateId,
  analyser: a.analyser,
  skills: a.evidence,
  totalYears: a.result.totalYears,
  seniority: a.result.seniority,
  languages: a.result.languages.map(formatLanguage),
  education: a.result.education,
  createdAt: a.createdAt,
});

async function findDocument(em: EntityManager, where: string, params: unknown[]): Promise<DocumentRow | null> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select ${DOCUMENT_COLUMNS} from cv_documents d left join users u on u.id = d.uploaded_by_id where ${where}`,
    params,
  );
  return row ? dbRow<DocumentRow>(row, { dates: ["createdAt"] }) : null;
}

async function latestAnalysis(em: EntityManager, documentId: string): Promise<AnalysisRow | null> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select id, document_id, candidate_id, analyser, skills, total_years, seniority, details_sealed, created_at
       from cv_analyses where document_id = ? order by created_at desc, id desc limit 1`,
    [documentId],
  );
  return row ? dbRow<AnalysisRow>(row, { dates: ["createdAt"], numbers: ["totalYears"] }) : null;
}

/** The candidate's latest CV and its latest analysis (nulls when none was uploaded). */
export async function candidateCv(ctx: Reader, candidateId: string): Promise<CandidateCvDTO> {
  await assertCandidate(ctx.em, candidateId);
  const document = await findDocument(ctx.em, "d.candidate_id = ? order by d.created_at desc, d.id desc limit 1", [
    candidateId,
  ]);
  if (!document) return { document: null, analysis: null, modelAnalyser: modelAnalyser(ctx) };
  const analysis = await latestAnalysis(ctx.em, document.id);
  return {
    document: await documentDTO(ctx, document),
    analysis: analysis ? await analysisDTO(ctx, analysis) : null,
    modelAnalyser: modelAnalyser(ctx),
  };
}

/** Re-runs the analysis of a stored CV; its skills become the candidate's current ones. */
export async function analyseCv(
  ctx: ProcedureContext,
  input: z.output<typeof analyseCvInput>,
): Promise<CandidateCvDTO> {
  const row = await findDocument(ctx.em, "d.id = ?", [input.documentId]);
  if (!row) throw new NotFound("cv document", input.documentId);
  await assertNotErased(ctx.em, row.candidateId);
  const document = await documentDTO(ctx, row);
  const now = new Date();
  const outcome =
    input.analyser === "model"
      ? await analyseWithModel(ctx.config, document.text, now)
      : { ...analyseCvText(document.text, now), analyser: BUILTIN_ANALYSER };
  await lockCandidateCvs(ctx.em, row.candidateId);
  const analysis = await insertAnalysis(ctx.em, ctx.keyring, {
    documentId: row.id,
    candidateId: row.candidateId,
    analyser: outcome.analyser,
    result: outcome.result,
    evidence: outcome.evidence,
  });
  ctx.audit.record(analysisRecord(analysis));
  return { document, analysis: storedAnalysisDTO(analysis), modelAnalyser: modelAnalyser(ctx) };
}

export interface CvUpload {
  /** The name the client gave the file. */
  fileName: string;
  bytes: Uint8Array;
}

/**
 * An uploaded CV: its type judged by content, its text extracted and analysed (built-in) before any write, then the
 * document, the analysis and the candidate's skills in one transaction of its own with their audit events, chained
 * after the commit (file routes have no audit buffer).
 */
export async function uploadCv(
  ctx: FileRouteContext,
  candidateId: string,
  upload: CvUpload,
  now = new Date(),
): Promise<CandidateCvDTO> {
  const type = sniffCv(upload.bytes);
  if (!type) {
    throw InvalidInput.field(
      CV_UPLOAD.field,
      "This file is not a PDF, a Word document (DOCX) or plain text (judged by its content, not its name)",
    );
  }
  const fileName = cleanFileName(upload.fileName, type);
  const text = await extractCvText(upload.bytes, type);
  const { result, evidence } = analyseCvText(text, now);
  const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
  const user = ctx.auth?.user ?? null;

  let appended: Awaited<ReturnType<typeof writeAudit>> = new Map();
  const answer = await ctx.orm.em.fork().transactional(async (em) => {
    await assertCandidate(em, candidateId);
    await assertNotErased(em, candidateId);
    await lockCandidateCvs(em, candidateId);
    const doc = {
      candidateId,
      fileName,
      mediaType: type,
      bytes: upload.bytes,
      sha256,
      text,
      uploadedBy: user?.id ?? null,
    };
    const stored = await insertDocument(em, ctx.keyring, doc);
    const analysis = await insertAnalysis(em, ctx.keyring, {
      documentId: stored.id,
      candidateId,
      analyser: BUILTIN_ANALYSER,
      result,
      evidence,
    });
    const records: AuditRecord[] = [
      {
        entity: { kind: "cv_document", id: stored.id },
        subjectId: candidateId,
        after: { fileName, mediaType: type, sizeBytes: upload.bytes.length, sha256 },
        personal: ["fileName"],
      },
      analysisRecord(analysis),
    ];
    if (!ctx.auditOff) appended = await writeAudit(ctx, em, "cvs.upload", records);
    const document: CvDocumentDTO = {
      id: stored.id,
      candidateId,
      fileName,
      mediaType: type,
      sizeBytes: upload.bytes.length,
      sha256,
      text,
      uploadedBy: user ? { id: user.id, name: user.name } : null,
      createdAt: stored.createdAt,
    };
    return { document, analysis: storedAnalysisDTO(analysis), modelAnalyser: modelAnalyser(ctx) };
  });
  if (appended.size > 0) {
    await chainCommitted(ctx.orm, appended).catch((error: unknown) =>
      ctx.log.warn({ err: error, requestId: ctx.requestId }, "audit events committed, chaining them failed"),
    );
  }
  return answer;
}

/** The file as uploaded, for a download. */
export async function cvFile(
  ctx: Reader,
  documentId: string,
): Promise<{ fileName: string; type: string; body: Uint8Array }> {
  const [row] = await ctx.em.execute<{ candidate_id: string; media_type: string; file_sealed: Sealed }[]>(
    "select candidate_id, media_type, file_sealed from cv_documents where id = ?",
    [documentId],
  );
  if (!row) throw new NotFound("cv document", documentId);
  const file = await opened<{ name: string; base64: string }>(
    ctx.em,
    ctx.keyring,
    row.file_sealed,
    "cv document",
    documentId,
  );
  return { fileName: file.name, type: row.media_type, body: Buffer.from(file.base64, "base64") };
}
