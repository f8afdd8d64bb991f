import { procedureFor, ROLES, router } from "../trpc";
import { activityOf, importActivity, recordSession } from "./activity.service";
import {
  assessmentDTO,
  completeAssessment,
  listAssessmentsForCandidate,
  listInProgressAssessments,
  startAssessment,
} from "./assessments.service";
import {
  getBenchmark,
  listBenchmarks,
  recomputeBenchmark,
  resolveBenchmark,
  upsertEnteredBenchmark,
} from "./benchmarks.service";
import {
  generateReport,
  getReport,
  latestReportForCandidate,
  listLatestReports,
  listReportsForCandidate,
  reportPdfInfo,
} from "./reports.service";
import {
  assessmentIdInput,
  benchmarkScopeInput,
  candidateIdOnlyInput,
  vettingIdInput,
  importActivityInput,
  listBenchmarksInput,
  recentListInput,
  recordSessionInput,
  startAssessmentInput,
  upsertEnteredBenchmarkInput,
} from "./schemas";

const assessments = router({
  /** Creates an in-progress assessment; the candidate moves to in_progress (docs/scoring.md §0). */
  start: procedureFor(ROLES.writers)
    .input(startAssessmentInput)
    .mutation(({ ctx, input }) => startAssessment(ctx, input.candidateId, input.applicationId)),
  /** One session and its questions. */
  recordSession: procedureFor(ROLES.writers)
    .input(recordSessionInput)
    .mutation(({ ctx, input }) => recordSession(ctx, input)),
  /** Parsed JSONL records (docs/scoring.md §1); any bad row rejects the call, naming the row, and nothing is written. */
  importActivity: procedureFor(ROLES.writers)
    .input(importActivityInput)
    .mutation(({ ctx, input }) => importActivity(ctx, input.assessmentId, input.rows)),
  /** Scores the activity, stores the metrics and percentile, completes the candidate, recomputes the role's benchmarks. */
  complete: procedureFor(ROLES.writers)
    .input(assessmentIdInput)
    .mutation(({ ctx, input }) => completeAssessment(ctx, input.assessmentId)),
  get: procedureFor(ROLES.any)
    .input(assessmentIdInput)
    .query(({ ctx, input }) => assessmentDTO(ctx.em, input.assessmentId)),
  listForCandidate: procedureFor(ROLES.any)
    .input(candidateIdOnlyInput)
    .query(({ ctx, input }) => listAssessmentsForCandidate(ctx.em, input.candidateId)),
  /** Assessments in progress across all candidates, newest first (the home screen), with each candidate's name. */
  listInProgress: procedureFor(ROLES.any)
    .input(recentListInput)
    .query(({ ctx, input }) => listInProgressAssessments(ctx.em, input.limit)),
  /** Sessions with their questions, each with its sophistication breakdown. */
  activity: procedureFor(ROLES.any)
    .input(assessmentIdInput)
    .query(({ ctx, input }) => activityOf(ctx.em, input.assessmentId)),
});

const benchmarks = router({
  list: procedureFor(ROLES.any)
    .input(listBenchmarksInput)
    .query(({ ctx, input }) => listBenchmarks(ctx.em, input)),
  get: procedureFor(ROLES.any)
    .input(vettingIdInput)
    .query(({ ctx, input }) => getBenchmark(ctx.em, input.id)),
  /** The benchmark a report for this role (and company) would use, and the rows it was chosen from. */
  forRole: procedureFor(ROLES.any)
    .input(benchmarkScopeInput)
    .query(async ({ ctx, input }) => {
      const { entity: _entity, ...resolved } = await resolveBenchmark(ctx.em, input.role, input.company);
      return resolved;
    }),
  /** Recomputes the computed bands of a role (or role and company) from its completed assessments, with percentile_cont. */
  recompute: procedureFor(ROLES.writers)
    .input(benchmarkScopeInput)
    .mutation(({ ctx, input }) => recomputeBenchmark(ctx, input.role, input.company)),
  /** Bands for a role with no history; kept apart from computed ones (source: entered). */
  upsertEntered: procedureFor(ROLES.admin)
    .input(upsertEnteredBenchmarkInput)
    .mutation(({ ctx, input }) => upsertEnteredBenchmark(ctx, input)),
});

const reports = router({
  /** A new report from a completed assessment (older ones are kept), with its PDF rendered on the server. */
  generate: procedureFor(ROLES.writers)
    .input(assessmentIdInput)
    .mutation(({ ctx, input }) => generateReport(ctx, ctx.config, input.assessmentId)),
  get: procedureFor(ROLES.any)
    .input(vettingIdInput)
    .query(({ ctx, input }) => getReport(ctx.em, input.id)),
  listForCandidate: procedureFor(ROLES.any)
    .input(candidateIdOnlyInput)
    .query(({ ctx, input }) => listReportsForCandidate(ctx.em, input.candidateId)),
  /** The latest report of each candidate, newest first (the home screen), with the candidate's name, role and company. */
  listLatest: procedureFor(ROLES.any)
    .input(recentListInput)
    .query(({ ctx, input }) => listLatestReports(ctx.em, input.limit)),
  latestForCandidate: procedureFor(ROLES.any)
    .input(candidateIdOnlyInput)
    .query(({ ctx, input }) => latestReportForCandidate(ctx.em, input.candidateId)),
  /** Where to download the PDF (GET downloadPath with the session cookie or a Bearer token), its file name and size. */
  pdfInfo: procedureFor(ROLES.any)
    .input(vettingIdInput)
    .query(({ ctx, input }) => reportPdfInfo(ctx.em, ctx.config, input.id)),
});

/** Keyed by top-level API namespace: procedure paths stay assessments.*, benchmarks.*, reports.*. */
export const routes = { assessments, benchmarks, reports };
