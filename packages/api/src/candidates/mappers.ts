import type { ICandidate } from "@shortlist/db";
import type { CandidateStatus } from "@shortlist/db/constants";
import { dbRow } from "../db-rows";

export interface CandidateDTO {
  id: string;
  name: string;
  email: string;
  role: string;
  company: string;
  status: CandidateStatus;
  consentGiven: boolean;
  consentTimestamp: Date | null;
  assessmentDomains: string[];
  assessmentStart: Date | null;
  assessmentEnd: Date | null;
  recruiterNotes: string | null;
  resumeUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** `candidates.get`: the record, and whether the person was erased (candidates.erase) and only a placeholder is left. */
export interface CandidateDetailDTO extends CandidateDTO {
  erased: boolean;
}

/** What the mapper reads: a managed entity or a plain row mapped to property names. */
export type CandidateRow = Pick<ICandidate, keyof CandidateDTO>;

/** A raw `candidates` row (`select *`, `returning *`) as a CandidateRow, through the one raw-row mapper. */
export const candidateFromRow = (row: Record<string, unknown>) =>
  dbRow<CandidateRow>(row, {
    dates: ["createdAt", "updatedAt", "consentTimestamp", "assessmentStart", "assessmentEnd"],
  });

export const toCandidateDTO = (c: CandidateRow): CandidateDTO => ({
  id: c.id,
  name: c.name,
  email: c.email,
  role: c.role,
  company: c.company,
  status: c.status,
  consentGiven: c.consentGiven,
  consentTimestamp: c.consentTimestamp ?? null,
  assessmentDomains: c.assessmentDomains,
  assessmentStart: c.assessmentStart ?? null,
  assessmentEnd: c.assessmentEnd ?? null,
  recruiterNotes: c.recruiterNotes ?? null,
  resumeUrl: c.resumeUrl ?? null,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  version: c.version,
});

/** What other modules may read of a candidate (vetting: start and report on an assessment). */
export type CandidateSummary = Pick<
  CandidateDTO,
  "id" | "name" | "email" | "role" | "company" | "status" | "consentGiven" | "assessmentDomains"
>;

export const toCandidateSummary = (c: CandidateRow): CandidateSummary => {
  const { id, name, email, role, company, status, consentGiven, assessmentDomains } = c;
  return { id, name, email, role, company, status, consentGiven, assessmentDomains: [...assessmentDomains] };
};
