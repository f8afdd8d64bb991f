import type { ICandidate } from "@shortlist/db";
import type { ApplicationOutcome } from "@shortlist/db/constants";
import { dbRow } from "../db-rows";
import type { ApplicationDTO } from "../jobs";

export interface CandidateDTO {
  id: string;
  name: string;
  email: string;
  tags: string[];
  consentGiven: boolean;
  consentTimestamp: Date | null;
  assessmentDomains: string[];
  recruiterNotes: string | null;
  resumeUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/**
 * `candidates.get`: the record, their applications (newest first), and whether the person was erased
 * (candidates.erase) and only a placeholder is left.
 */
export interface CandidateDetailDTO extends CandidateDTO {
  erased: boolean;
  applications: ApplicationDTO[];
}

/** One of a person's applications, as the list shows it. */
export interface CandidateJobSummary {
  applicationId: string;
  jobId: string;
  jobTitle: string;
  company: string;
  stageName: string;
  outcome: ApplicationOutcome;
}

/** A row of `candidates.list`: the person, their latest score, their last activity and their applications. */
export interface CandidateListItemDTO extends CandidateDTO {
  /** The percentile of the person's latest completed assessment; null when none is completed. */
  score: number | null;
  /** The latest activity on any of their applications, or the last edit of the record when later. */
  lastActivityAt: Date;
  /** Most recently active first. */
  applications: CandidateJobSummary[];
}

export interface CandidateListPage {
  items: CandidateListItemDTO[];
  nextCursor: string | null;
}

/** `candidates.create`: the person, and the application when they were filed under a job. */
export interface CreatedCandidateDTO extends CandidateDTO {
  application: ApplicationDTO | null;
}

/** What the mapper reads: a managed entity or a plain row mapped to property names. */
export type CandidateRow = Pick<ICandidate, keyof CandidateDTO>;

/** A raw `candidates` row (`select *`, `returning *`) as a CandidateRow, through the one raw-row mapper. */
export const candidateFromRow = (row: Record<string, unknown>) =>
  dbRow<CandidateRow>(row, {
    dates: ["createdAt", "updatedAt", "consentTimestamp"],
  });

export const toCandidateDTO = (c: CandidateRow): CandidateDTO => ({
  id: c.id,
  name: c.name,
  email: c.email,
  tags: [...(c.tags ?? [])],
  consentGiven: c.consentGiven,
  consentTimestamp: c.consentTimestamp ?? null,
  assessmentDomains: c.assessmentDomains,
  recruiterNotes: c.recruiterNotes ?? null,
  resumeUrl: c.resumeUrl ?? null,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  version: c.version,
});

/** What other modules may read of a candidate (vetting: start and report on an assessment). */
export type CandidateSummary = Pick<CandidateDTO, "id" | "name" | "email" | "consentGiven" | "assessmentDomains">;

export const toCandidateSummary = (c: CandidateRow): CandidateSummary => {
  const { id, name, email, consentGiven, assessmentDomains } = c;
  return { id, name, email, consentGiven, assessmentDomains: [...assessmentDomains] };
};
