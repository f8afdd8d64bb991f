import { procedureFor, ROLES, router } from "../trpc";
import {
  createApplication,
  getApplication,
  listCandidateApplications,
  moveApplication,
  rejectApplication,
  reopenApplication,
  withdrawApplication,
} from "./applications.service";
import { createJob, getJob, listJobs, updateJob } from "./jobs.service";
import { listRejectionReasons } from "./rejection-reasons.service";
import {
  applicationIdInput,
  applicationVersionInput,
  candidateApplicationsInput,
  createApplicationInput,
  createJobInput,
  jobIdInput,
  listJobsInput,
  listRejectionReasonsInput,
  moveApplicationInput,
  rejectApplicationInput,
  updateJobInput,
} from "./schemas";

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
});

const applications = router({
  get: procedureFor(ROLES.any)
    .input(applicationIdInput)
    .query(({ ctx, input }) => getApplication(ctx.em, input.id)),
  forCandidate: procedureFor(ROLES.any)
    .input(candidateApplicationsInput)
    .query(({ ctx, input }) => listCandidateApplications(ctx.em, input.candidateId)),
  create: procedureFor(ROLES.writers)
    .input(createApplicationInput)
    .mutation(({ ctx, input }) => createApplication(ctx, input)),
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
});

/** Keyed by top-level API namespace. */
export const routes = { jobs, applications, rejectionReasons };
