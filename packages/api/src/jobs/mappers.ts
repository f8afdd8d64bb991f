import type { ApplicationOutcome, EmploymentType, JobStatus, StageKind } from "@shortlist/db/constants";
import { dbRow } from "../db-rows";

export interface StageDTO {
  id: string;
  name: string;
  kind: StageKind;
  position: number;
  /** Applications in the stage that are active or hired (the board's column count). */
  count: number;
}

export interface JobDTO {
  id: string;
  version: number;
  title: string;
  company: string;
  department: string | null;
  location: string | null;
  employmentType: EmploymentType | null;
  status: JobStatus;
  hiringManagerId: string | null;
  ownerIds: string[];
  counts: Record<ApplicationOutcome, number>;
  createdAt: Date;
  updatedAt: Date;
}

export interface JobDetailDTO extends JobDTO {
  stages: StageDTO[];
}

export interface ApplicationDTO {
  id: string;
  version: number;
  candidateId: string;
  jobId: string;
  jobTitle: string;
  company: string;
  jobStatus: JobStatus;
  stageId: string;
  stageName: string;
  stageKind: StageKind;
  outcome: ApplicationOutcome;
  rejectionReason: { id: string; label: string } | null;
  rejectionNote: string | null;
  stageEnteredAt: Date;
  lastActivityAt: Date;
  createdAt: Date;
}

/** Selects what an ApplicationDTO needs; append a WHERE on `a`. */
export const APPLICATION_SELECT = `
  select a.id, a.version, a.candidate_id, a.job_id, j.title as job_title, j.company, j.status as job_status,
    a.stage_id, s.name as stage_name, s.kind as stage_kind, a.outcome, a.rejection_reason_id, r.label as rejection_reason_label,
    a.rejection_note, a.stage_entered_at, a.last_activity_at, a.created_at
  from applications a join jobs j on j.id = a.job_id join job_stages s on s.id = a.stage_id
  left join rejection_reasons r on r.id = a.rejection_reason_id`;

interface ApplicationRow extends Omit<ApplicationDTO, "rejectionReason"> {
  rejectionReasonId: string | null;
  rejectionReasonLabel: string | null;
}

export function toApplicationDTO(raw: Record<string, unknown>): ApplicationDTO {
  const { rejectionReasonId, rejectionReasonLabel, ...row } = dbRow<ApplicationRow>(raw, {
    dates: ["stageEnteredAt", "lastActivityAt", "createdAt"],
  });
  return {
    ...row,
    rejectionReason: rejectionReasonId ? { id: rejectionReasonId, label: rejectionReasonLabel ?? "" } : null,
  };
}

interface JobRow extends Omit<JobDTO, "counts"> {
  activeCount: number;
  hiredCount: number;
  rejectedCount: number;
  withdrawnCount: number;
}

export function toJobDTO(raw: Record<string, unknown>): JobDTO {
  const { activeCount, hiredCount, rejectedCount, withdrawnCount, ...row } = dbRow<
    JobRow & { vacancyProfile?: unknown }
  >(raw, { dates: ["createdAt", "updatedAt"] });
  delete row.vacancyProfile;
  return {
    ...row,
    ownerIds: [...(row.ownerIds ?? [])],
    counts: { active: activeCount, hired: hiredCount, rejected: rejectedCount, withdrawn: withdrawnCount },
  };
}

export const toStageDTO = (raw: Record<string, unknown>): StageDTO => {
  const row = dbRow<StageDTO & { appCount: number }>(raw);
  return { id: row.id, name: row.name, kind: row.kind, position: row.position, count: row.appCount };
};
