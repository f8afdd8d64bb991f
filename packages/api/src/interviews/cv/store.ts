/**
 * Writing CVs: a document (file and text sealed with the candidate's key, the hash plain) and an analysis, which
 * replaces the candidate's `candidate_skills` rows in the same transaction (matching reads them). Analyses of one
 * candidate are written one after the other (a transaction-scoped advisory lock), so two never mix their skills.
 */
import { randomUUID } from "node:crypto";
import type { EntityManager, Keyring, Sealed } from "@shortlist/db";
import type { AuditRecord } from "../../audit-trail";
import type { SkillEvidence } from "../cv-analysis/analyse";
import type { CvAnalysisResult } from "../cv-analysis/result";
import { formatLanguage } from "../cv-analysis/languages";

/** What `textSealed` holds: the name shown with the text, so showing a CV never opens the file itself. */
export interface SealedCvText {
  fileName: string;
  text: string;
}

/** What `detailsSealed` holds. */
export interface SealedCvDetails {
  education: CvAnalysisResult["education"];
  languages: CvAnalysisResult["languages"];
}

export interface NewDocument {
  candidateId: string;
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  sha256: string;
  text: string;
  uploadedBy: string | null;
}

export interface StoredDocument {
  id: string;
  createdAt: Date;
}

export interface NewAnalysis {
  documentId: string;
  candidateId: string;
  analyser: string;
  result: CvAnalysisResult;
  evidence: SkillEvidence[];
}

export interface StoredAnalysis extends NewAnalysis {
  id: string;
  createdAt: Date;
}

/** Serialises the CV writes of one candidate until the transaction ends. */
export async function lockCandidateCvs(em: EntityManager, candidateId: string) {
  await em.execute("select pg_advisory_xact_lock(hashtextextended(?, 0))", [`shortlist.cv:${candidateId}`]);
}

export async function insertDocument(em: EntityManager, keyring: Keyring, doc: NewDocument): Promise<StoredDocument> {
  const [fileSealed, textSealed] = await keyring.sealMany(em, doc.candidateId, [
    { name: doc.fileName, base64: Buffer.from(doc.bytes).toString("base64") },
    { fileName: doc.fileName, text: doc.text } satisfies SealedCvText,
  ]);
  const id = randomUUID();
  const createdAt = new Date();
  await em.execute(
    `insert into cv_documents
       (id, created_at, updated_at, candidate_id, file_sealed, media_type, size_bytes, sha256, text_sealed, uploaded_by_id)
     values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?)`,
    [
      id,
      createdAt,
      createdAt,
      doc.candidateId,
      JSON.stringify(fileSealed),
      doc.mediaType,
      doc.bytes.length,
      doc.sha256,
      JSON.stringify(textSealed),
      doc.uploadedBy,
    ],
  );
  return { id, createdAt };
}

/** Stores the analysis and makes its skills the candidate's current ones. */
export async function insertAnalysis(
  em: EntityManager,
  keyring: Keyring,
  analysis: NewAnalysis,
): Promise<StoredAnalysis> {
  const { result, evidence, candidateId } = analysis;
  const details: SealedCvDetails = { education: result.education, languages: result.languages };
  const detailsSealed: Sealed = await keyring.seal(em, candidateId, details);
  const id = randomUUID();
  const createdAt = new Date();
  await em.execute(
    `insert into cv_analyses
       (id, created_at, updated_at, document_id, candidate_id, analyser, skills, total_years, seniority, languages,
        details_sealed)
     values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), ?::jsonb)`,
    [
      id,
      createdAt,
      createdAt,
      analysis.documentId,
      candidateId,
      analysis.analyser,
      JSON.stringify(evidence),
      result.totalYears,
      result.seniority,
      JSON.stringify(result.languages.map(formatLanguage)),
      JSON.stringify(detailsSealed),
    ],
  );
  await em.execute("delete from candidate_skills where candidate_id = ?", [candidateId]);
  if (evidence.length > 0) {
    await em.execute(
      `insert into candidate_skills (candidate_id, skill, years, evidence_count, analysis_id)
       select ?, s.skill, s.years, s.evidence_count, ?
         from jsonb_to_recordset(?::jsonb) as s(skill text, years float8, evidence_count int)`,
      [
        candidateId,
        id,
        JSON.stringify(
          evidence.map((e) => ({ skill: e.skill, years: e.years, evidence_count: Math.max(1, e.spans.length) })),
        ),
      ],
    );
  }
  return { ...analysis, id, createdAt };
}

/** The audit record of a new analysis: what it found, in counts and levels (the details stay in the analysis). */
export function analysisRecord(analysis: StoredAnalysis): AuditRecord {
  return {
    entity: { kind: "cv_analysis", id: analysis.id },
    subjectId: analysis.candidateId,
    after: {
      documentId: analysis.documentId,
      analyser: analysis.analyser,
      skills: analysis.evidence.length,
      totalYears: analysis.result.totalYears,
      seniority: analysis.result.seniority,
    },
  };
}
