/**
 * GDPR for candidates: one export document from every module holding personal data about the candidate, and
 * erasure: every holder deletes what it holds, the candidate row becomes an anonymous placeholder (so counts and
 * role benchmarks stay right) and the candidate's data key is destroyed, so their sealed values in the audit
 * trail can no longer be opened while every hash still verifies.
 */
import { Candidate } from "@shortlist/db";
import { ERASED, type AuditEventDTO } from "../audit";
import type { ProcedureContext } from "../context";
import { eraseFromHolders, exportFromHolders, type PersonalDataHolder } from "../personal-data";
import { CANDIDATE_PERSONAL, recordCandidate, snapshot } from "./audit";
import { assertNotErased } from "./candidates.service";
import type { ApplicationDTO } from "../jobs";
import type { MailMessageDTO } from "../mail";
import type { NoteDTO, NoteVersionDTO } from "../notes";
import type { ActivitySessionDTO, AssessmentDTO, ReportDTO } from "../vetting";
import { toCandidateDTO, type CandidateDTO } from "./mappers";

export const EXPORT_FORMAT = "shortlist.personal-data";

/**
 * The export document: the holders' keys (candidates: `candidate`; jobs: `applications`, `applicationMoves`; notes:
 * `notes`; mail: `mailMessages`; vetting: `assessments`, `activity`, `reports`; audit: `auditEvents`) beside its own header. The registry is walked at run time, so this type is declared here,
 * and gdpr.test.ts checks that each key is there.
 */
export interface PersonalDataExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  subjectId: string;
  candidate: CandidateDTO;
  applications: ApplicationDTO[];
  applicationMoves: {
    applicationId: string;
    fromStageName: string | null;
    toStageName: string;
    fromOutcome: string | null;
    toOutcome: string;
    createdAt: Date;
  }[];
  notes: (NoteDTO & { earlierVersions: NoteVersionDTO[] })[];
  mailMessages: MailMessageDTO[];
  assessments: AssessmentDTO[];
  activity: { assessmentId: string; domains: string[]; sessions: ActivitySessionDTO[] }[];
  reports: ReportDTO[];
  auditEvents: AuditEventDTO[];
}

/** Unique per company (the email index), and never a deliverable address (.invalid, RFC 2606). */
const placeholderEmail = (id: string) => `erased-${id}@erased.invalid`;

async function lockCandidate(ctx: ProcedureContext, id: string) {
  await ctx.em.execute("select id from candidates where id = ? for update", [id]);
  return ctx.em.findOneOrFail(Candidate, id, { refresh: true });
}

/** candidates' own holder: the candidate record. */
export const candidatesPersonalData: PersonalDataHolder = {
  async export(ctx, subjectId) {
    return { candidate: toCandidateDTO(await ctx.em.findOneOrFail(Candidate, subjectId)) };
  },
  async erase(ctx, subjectId) {
    const candidate = await ctx.em.findOneOrFail(Candidate, subjectId);
    candidate.name = ERASED;
    candidate.email = placeholderEmail(candidate.id);
    candidate.recruiterNotes = null;
    candidate.resumeUrl = null;
    await ctx.em.flush();
  },
};

export async function exportPersonalData(ctx: ProcedureContext, id: string): Promise<PersonalDataExport> {
  const candidate = await ctx.em.findOneOrFail(Candidate, id);
  const document = {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    subjectId: candidate.id,
    ...(await exportFromHolders(ctx, candidate.id)),
  } as PersonalDataExport;
  ctx.audit.record({
    entity: { kind: "candidate", id: candidate.id },
    subjectId: candidate.id,
    after: { exported: Object.keys(document).filter((key) => !["format", "version", "subjectId"].includes(key)) },
  });
  return document;
}

export async function eraseCandidate(ctx: ProcedureContext, id: string) {
  const candidate = await lockCandidate(ctx, id);
  await assertNotErased(ctx.em, id);
  const before = snapshot(candidate);
  // Sealed here, not when the event is appended at commit: by then the key is gone. Sealed with the
  // candidate's key, which is destroyed below, these read as erased from now on.
  const sealedBefore: Record<string, unknown> = {};
  for (const key of CANDIDATE_PERSONAL) sealedBefore[key] = await ctx.keyring.seal(ctx.em, id, before[key]);
  await eraseFromHolders(ctx, id);
  recordCandidate(ctx, id, sealedBefore, { erased: true }, undefined, { personal: false });
  await ctx.keyring.destroySubject(ctx.em, id);
  return { id, erased: true as const };
}
