import { procedureFor, publicProcedure, ROLES, router } from "../trpc";
import { applicationStatus, applyForm, submitApplication } from "./apply.service";
import { batchRows, exportBatch, listBatches } from "./batches.service";
import { createCycle, getCycle, listCycles, updateCycle } from "./cycles.service";
import { completeCycle, freezeCycle, openCycle, publishCycle, startBatchPrep, startProcessing } from "./phases.service";
import { preprocessCycle } from "./preprocess.service";
import { importResults } from "./results-import.service";
import { promoteSelected, revealIdentity } from "./reveal.service";
import { getAnonymized, reviewQueue, saveReviewScore } from "./review.service";
import { listScores, scoreCycle, scoreDistribution } from "./scoring.service";
import { removeOverride, runSelection, selectedApplicants, selectionLogs, setOverride } from "./selection.service";
import {
  admissionApplicationInput,
  applyFormInput,
  applyStatusInput,
  applySubmitInput,
  batchRowsInput,
  createCycleInput,
  cycleIdInput,
  cycleListInput,
  distributionInput,
  importResultsInput,
  overrideInput,
  promoteInput,
  reviewQueueInput,
  reviewScoreInput,
  scoresListInput,
  updateCycleInput,
} from "./schemas";

/** A phase move: admins only; exactly one of two concurrent moves wins, the other gets CONFLICT. Typed by its service's answer. */
const move = <T>(fn: (ctx: Parameters<typeof getCycle>[0], cycleId: string) => Promise<T>) =>
  procedureFor(ROLES.admin)
    .input(cycleIdInput)
    .mutation(({ ctx, input }) => fn(ctx, input.cycleId));

const cycles = router({
  list: procedureFor(ROLES.members)
    .input(cycleListInput)
    .query(({ ctx, input }) => listCycles(ctx, input)),
  /** The board: phase, counts per status, batches, and the progress of long work. */
  get: procedureFor(ROLES.members)
    .input(cycleIdInput)
    .query(({ ctx, input }) => getCycle(ctx, input.cycleId)),
  create: procedureFor(ROLES.admin)
    .input(createCycleInput)
    .mutation(({ ctx, input }) => createCycle(ctx, input)),
  update: procedureFor(ROLES.admin)
    .input(updateCycleInput)
    .mutation(({ ctx, input }) => updateCycle(ctx, input)),
});

const review = router({
  /** Anonymized applications in number order; never an identity. */
  queue: procedureFor(ROLES.members)
    .input(reviewQueueInput)
    .query(({ ctx, input }) => reviewQueue(ctx, input)),
  get: procedureFor(ROLES.members)
    .input(admissionApplicationInput)
    .query(({ ctx, input }) => getAnonymized(ctx, input.applicationId)),
  /** The caller's own scores and notes (BATCH_PREP or PROCESSING: they count in the final score); saving again replaces them. */
  score: procedureFor(ROLES.members)
    .input(reviewScoreInput)
    .mutation(({ ctx, input }) => saveReviewScore(ctx, input)),
});

const scores = router({
  /** The scores table, by rank. */
  list: procedureFor(ROLES.members)
    .input(scoresListInput)
    .query(({ ctx, input }) => listScores(ctx, input)),
  distribution: procedureFor(ROLES.members)
    .input(distributionInput)
    .query(({ ctx, input }) => scoreDistribution(ctx, input)),
});

const selection = router({
  override: procedureFor(ROLES.admin)
    .input(overrideInput)
    .mutation(({ ctx, input }) => setOverride(ctx, input)),
  removeOverride: procedureFor(ROLES.admin)
    .input(admissionApplicationInput)
    .mutation(({ ctx, input }) => removeOverride(ctx, input.applicationId)),
  logs: procedureFor(ROLES.members)
    .input(cycleIdInput)
    .query(({ ctx, input }) => selectionLogs(ctx, input.cycleId)),
  /** The selected, by rank (anonymized; identities only through `reveal`). */
  selected: procedureFor(ROLES.members)
    .input(cycleIdInput)
    .query(({ ctx, input }) => selectedApplicants(ctx, input.cycleId)),
});

export const routes = {
  admissions: router({
    cycles,
    open: move(openCycle),
    freeze: move(freezeCycle),
    /** FROZEN → PREPROCESSING and starts scrubbing in the background; in PREPROCESSING, resumes stopped work. */
    preprocess: move(preprocessCycle),
    startBatchPrep: move(startBatchPrep),
    startProcessing: move(startProcessing),
    /** PROCESSING → SCORED: aggregates the final scores. */
    score: move(scoreCycle),
    /** SCORED → SELECTION, or in SELECTION runs it again (after overrides). */
    select: move(runSelection),
    publish: move(publishCycle),
    complete: move(completeCycle),
    review,
    /** BATCH_PREP: records a batch of every anonymized application (file hash, count); download its file or page its rows. */
    exportBatch: move(exportBatch),
    batches: procedureFor(ROLES.members)
      .input(cycleIdInput)
      .query(({ ctx, input }) => listBatches(ctx, input.cycleId)),
    batchRows: procedureFor(ROLES.admin)
      .input(batchRowsInput)
      .query(({ ctx, input }) => batchRows(ctx, input)),
    /** PROCESSING: a chunk of a worker / judge results file; per-line outcomes, idempotent. */
    importResults: procedureFor(ROLES.admin)
      .input(importResultsInput)
      .mutation(({ ctx, input }) => importResults(ctx, input)),
    scores,
    selection,
    /** An admin sees a selected applicant's identity (SELECTION and later); every reveal is an audit event. */
    reveal: procedureFor(ROLES.admin)
      .input(admissionApplicationInput)
      .mutation(({ ctx, input }) => revealIdentity(ctx, input.applicationId)),
    /** PUBLISHED: every selected applicant not yet promoted becomes a candidate in the job's first stage. */
    promote: procedureFor(ROLES.admin)
      .input(promoteInput)
      .mutation(({ ctx, input }) => promoteSelected(ctx, input)),
  }),
  /** The public application form at /apply/<slug> (no sign-in). */
  applicants: router({
    form: publicProcedure.input(applyFormInput).query(({ ctx, input }) => applyForm(ctx, input.slug)),
    submit: publicProcedure.input(applySubmitInput).mutation(({ ctx, input }) => submitApplication(ctx, input)),
    status: publicProcedure.input(applyStatusInput).query(({ ctx, input }) => applicationStatus(ctx, input)),
  }),
};
