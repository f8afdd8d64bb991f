import type { ConversationView } from "../conversations";
import type { ProfileField, VacancyProfile } from "./logic/profile";

export interface VacancyProfileDTO {
  jobId: string;
  jobTitle: string;
  jobStatus: string;
  profile: VacancyProfile;
  /** Bumped by every change; pass it back to `intake.updateProfile`. */
  version: number;
  missing: ProfileField[];
  complete: boolean;
}

export interface IntakeSessionDTO {
  id: string;
  jobId: string;
  jobTitle: string;
  profession: string;
  conversationId: string;
  complete: boolean;
  createdAt: Date;
}

export interface IntakeView extends ConversationView {
  session: IntakeSessionDTO;
  profile: VacancyProfileDTO;
}

export interface VacancyReportDTO {
  jobId: string;
  profileVersion: number;
  generatedAt: Date;
  /** True when this answer came from the cache (the profile did not change since). */
  cached: boolean;
  title: string;
  summary: string;
  missing: { field: ProfileField; label: string }[];
  /** The role's benchmark bands when a benchmark with the job's title exists. */
  benchmark: {
    role: string;
    company: string | null;
    sampleSize: number;
    bands: { metric: string; label: string; p50: number; p75: number; p90: number }[];
  } | null;
  /** Candidates in the pipelines of jobs with the same title and company. */
  pipeline: {
    jobs: number;
    active: number;
    hired: number;
    rejected: number;
    byStage: { stage: string; count: number }[];
  };
  profile: VacancyProfile;
}
