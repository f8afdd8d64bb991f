/** jobs: requisitions, their stages, and the applications that move through them. The only entry point for other modules. */
import { jobsPersonalData } from "./personal-data.service";
import { routes } from "./router";

export const jobsModule = { name: "jobs", routes, personalData: jobsPersonalData } as const;

export {
  advanceToStageKind,
  createApplication,
  fileUnderJob,
  getApplication,
  listCandidateApplications,
} from "./applications.service";
export { fileManyUnderJobs, type Filing } from "./filing.service";
export { recordInterviewScore } from "./interview-score.service";
export type { JobsTx } from "./audit";
export type { ApplicationDTO, JobDetailDTO, JobDTO, StageDTO } from "./mappers";
export type { ApplicationListItem, ApplicationPage, BoardCard, BoardColumn, BoardDTO } from "./board.service";
export type { BulkItemResult, BulkResult } from "./bulk.service";
export type { RejectionReasonDTO } from "./rejection-reasons.service";
export {
  openDraftJob,
  pipelineForRole,
  readVacancyProfile,
  saveVacancyProfile,
  type RolePipeline,
  type SaveVacancyProfile,
  type StoredVacancyProfile,
} from "./vacancy-profile.service";
