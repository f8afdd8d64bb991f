/** Stored rows → intake's DTOs; a stored profile read through its schema, the job's title and company as defaults. */
import type { StoredVacancyProfile } from "../jobs";
import { dbRow } from "../db-rows";
import type { IntakeSessionDTO, VacancyProfileDTO } from "./dto";
import { emptyProfile, missingFields, vacancyProfile, type VacancyProfile } from "./logic/profile";

/** The company of a draft job opened before anyone named it. */
export const DRAFT_COMPANY = "Company to be confirmed";

/** The job's profile as the intake reads it: the stored one, or one started from the job's title and company. */
export function profileOf(stored: Pick<StoredVacancyProfile, "profile" | "title" | "company">): VacancyProfile {
  const parsed = vacancyProfile.safeParse(stored.profile ?? {});
  const profile = parsed.success ? parsed.data : emptyProfile();
  return {
    ...profile,
    title: profile.title ?? stored.title,
    company: profile.company ?? (stored.company === DRAFT_COMPANY ? null : stored.company),
  };
}

export function toProfileDTO(stored: StoredVacancyProfile): VacancyProfileDTO {
  const profile = profileOf(stored);
  const missing = missingFields(profile);
  return {
    jobId: stored.jobId,
    jobTitle: stored.title,
    jobStatus: stored.status,
    profile,
    version: stored.version,
    missing,
    complete: missing.length === 0,
  };
}

/** A row of intake_sessions joined with its job (title, company, vacancy_profile). */
export function toSessionDTO(raw: Record<string, unknown>): IntakeSessionDTO {
  const row = dbRow<{
    id: string;
    jobId: string;
    jobTitle: string;
    jobCompany: string;
    vacancyProfile: Record<string, unknown> | null;
    profession: string;
    conversationId: string;
    createdAt: Date;
  }>(raw, { dates: ["createdAt"] });
  const stored = typeof row.vacancyProfile === "string" ? JSON.parse(row.vacancyProfile) : row.vacancyProfile;
  const profile = profileOf({ profile: stored, title: row.jobTitle, company: row.jobCompany });
  return {
    id: row.id,
    jobId: row.jobId,
    jobTitle: row.jobTitle,
    profession: row.profession,
    conversationId: row.conversationId,
    complete: missingFields(profile).length === 0,
    createdAt: row.createdAt,
  };
}
