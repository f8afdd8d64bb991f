import { procedureFor, ROLES, router } from "../trpc";
import {
  createApplication,
  getApplication,
  inviteApplication,
  listCandidateApplications,
  moveApplication,
  rejectApplication,
  reopenApplication,
  withdrawApplication,
} from "./applications.service";
import { getBoard, listApplications } from "./board.service";
import { bulkApplications } from "./bulk.service";
import { createJob, getJob, listJobs, updateJob } from "./jobs.service";
import {
  createRejectionReason,
  listRejectionReasons,
  reorderRejectionReasons,
  updateRejectionReason,
} from "./rejection-reasons.service";
import {
  addStageInput,
  applicationIdInput,
  applicationVersionInput,
  boardInput,
  bulkApplicationsInput,
  candidateApplicationsInput,
  createApplicationInput,
  createJobInput,
  createRejectionReasonInput,
  inviteApplicationInput,
  jobIdInput,
  listApplicationsInput,
  listJobsInput,
  listRejectionReasonsInput,
  moveApplicationInput,
  rejectApplicationInput,
  removeStageInput,
  renameStageInput,
  reorderRejectionReasonsInput,
  reorderStagesInput,
  updateJobInput,
  updateRejectionReasonInput,
} from "./schemas";
import { addStage, removeStage, renameStage, reorderStages } from "./stages.service";

const jobs = router({
  list: procedureFor(ROLES.any)
    .input(listJobsInput)
    .query(({ ctx, input }) => listJobs(ctx.em, input)),
  /** The job with its stages and their counts (kept by every move, never counted by scanning). */
  get: procedureFor(ROLES.any)
    .input(jobIdInput)
    .query(({ ctx, input }) => getJob(ctx.em, input.id)),
  /** A new job with the default stages (Applied → Screening → Assessment → Interview → Offer → Hired). */
  create: procedureFor(ROLES.writers)
    .input(createJobInput)
    .mutation(({ ctx, input }) => createJob(ctx, input)),
  update: procedureFor(ROLES.writers)
    .input(updateJobInput)
    .mutation(({ ctx, input }) => updateJob(ctx, input)),
  /** The job, one column per stage with its first cards (longest in the stage first), and its closed counts. */
  board: procedureFor(ROLES.any)
    .input(boardInput)
    .query(({ ctx, input }) => getBoard(ctx.em, input)),
});

/** A job's stages; each call answers the job with its stages, as jobs.get. */
const stages = router({
  /** A new stage, after `afterStageId` or at the end; names are unique per job whatever their case. */
  add: procedureFor(ROLES.writers)
    .input(addStageInput)
    .mutation(({ ctx, input }) => addStage(ctx, input)),
  rename: procedureFor(ROLES.writers)
    .input(renameStageInput)
    .mutation(({ ctx, input }) => renameStage(ctx, input)),
  /** `stageIds` names every one of the job's stages, in the new order. */
  reorder: procedureFor(ROLES.writers)
    .input(reorderStagesInput)
    .mutation(({ ctx, input }) => reorderStages(ctx, input)),
  /** Only an empty stage (no application of any outcome in it): precondition_failed with the count otherwise. */
  remove: procedureFor(ROLES.writers)
    .input(removeStageInput)
    .mutation(({ ctx, input }) => removeStage(ctx, input.id)),
});

const applications = router({
  get: procedureFor(ROLES.any)
    .input(applicationIdInput)
    .query(({ ctx, input }) => getApplication(ctx.em, input.id)),
  forCandidate: procedureFor(ROLES.any)
    .input(candidateApplicationsInput)
    .query(({ ctx, input }) => listCandidateApplications(ctx.em, input.candidateId)),
  /** A job's applications as list rows, keyset-paged in each sort (active and hired ones unless `outcome` says). */
  list: procedureFor(ROLES.any)
    .input(listApplicationsInput)
    .query(({ ctx, input }) => listApplications(ctx.em, input)),
  create: procedureFor(ROLES.writers)
    .input(createApplicationInput)
    .mutation(({ ctx, input }) => createApplication(ctx, input)),
  /** One action (move, reject, tag the people) on up to 500 applications; each item done or skipped with the reason. */
  bulk: procedureFor(ROLES.writers)
    .input(bulkApplicationsInput)
    .mutation(({ ctx, input }) => bulkApplications(ctx, input)),
  /** Queues the assessment invitation to the candidate and moves the application to the job's Assessment stage. */
  invite: procedureFor(ROLES.writers)
    .input(inviteApplicationInput)
    .mutation(({ ctx, input }) => inviteApplication(ctx, input)),
  /** To another stage of its job; refused when the caller's version is stale, the job is closed or the application closed. */
  move: procedureFor(ROLES.writers)
    .input(moveApplicationInput)
    .mutation(({ ctx, input }) => moveApplication(ctx, input)),
  reject: procedureFor(ROLES.writers)
    .input(rejectApplicationInput)
    .mutation(({ ctx, input }) => rejectApplication(ctx, input)),
  withdraw: procedureFor(ROLES.writers)
    .input(applicationVersionInput)
    .mutation(({ ctx, input }) => withdrawApplication(ctx, input)),
  /** Undo a rejection or withdrawal: back in the stage where it stopped. */
  reopen: procedureFor(ROLES.writers)
    .input(applicationVersionInput)
    .mutation(({ ctx, input }) => reopenApplication(ctx, input)),
});

const rejectionReasons = router({
  list: procedureFor(ROLES.any)
    .input(listRejectionReasonsInput)
    .query(({ ctx, input }) => listRejectionReasons(ctx.em, input)),
  create: procedureFor(ROLES.admin)
    .input(createRejectionReasonInput)
    .mutation(({ ctx, input }) => createRejectionReason(ctx, input.label)),
  /** Rename, or retire (active: false): a retired reason is no longer offered but still labels past rejections. */
  update: procedureFor(ROLES.admin)
    .input(updateRejectionReasonInput)
    .mutation(({ ctx, input }) => updateRejectionReason(ctx, input)),
  /** The named reasons first, in this order; answers every reason, retired ones included. */
  reorder: procedureFor(ROLES.admin)
    .input(reorderRejectionReasonsInput)
    .mutation(({ ctx, input }) => reorderRejectionReasons(ctx, input.ids)),
});

/** Keyed by top-level API namespace. */
export const routes = { jobs, stages, applications, rejectionReasons };
