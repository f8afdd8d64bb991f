/**
 * Assessments of an application: start (the application moves on to the job's Assessment stage when it was earlier),
 * complete (score, percentile, benchmarks), read. The assessment's progress is its own status.
 */
import { Assessment, type EntityManager } from "@shortlist/db";
import { assertNotErased, findCandidateSummary } from "../candidates";
import { Conflict, InvalidInput } from "../errors";
import { advanceToStageKind, listCandidateApplications, type ApplicationDTO } from "../jobs";
import { findAssessment, loadActivity, recordedCounts } from "./activity.service";
import { iso, recordAssessment, type Tx } from "./audit";
import { lockRole, recomputeForAssessment, rolePercentile } from "./benchmarks.service";
import { toAssessmentDTO, type AssessmentDTO, type AssessmentListItemDTO } from "./mappers";
import { scoreActivity } from "./scoring";

export async function assessmentDTO(em: EntityManager, id: string): Promise<AssessmentDTO> {
  const assessment = await findAssessment(em, id);
  const counts = await recordedCounts(em, [id]);
  return toAssessmentDTO(assessment, counts.get(id)!);
}

/** The application the assessment is for: the one named, or the person's only open one. */
async function applicationToAssess(
  em: EntityManager,
  candidateId: string,
  applicationId?: string,
): Promise<ApplicationDTO> {
  const applications = await listCandidateApplications(em, candidateId);
  if (applicationId) {
    const named = applications.find((a) => a.id === applicationId);
    if (!named) throw InvalidInput.field("applicationId", "That application is not one of this candidate's");
    if (named.outcome === "rejected" || named.outcome === "withdrawn")
      throw new Conflict(`The application was ${named.outcome}; reopen it first`, "precondition_failed", {
        outcome: named.outcome,
      });
    return named;
  }
  const open = applications.filter((a) => a.outcome === "active" || a.outcome === "hired");
  if (open.length === 1) return open[0]!;
  if (open.length === 0)
    throw new Conflict(
      "The candidate has no open application: file them under a job before starting an assessment",
      "precondition_failed",
      { applications: applications.length },
    );
  throw InvalidInput.field(
    "applicationId",
    `The candidate has ${open.length} open applications: say which job the assessment is for`,
  );
}

/**
 * Starts an assessment for one of the candidate's applications, over the job's title and company and the person's
 * domains. The candidate needs consent and at least one domain, and no other assessment in progress.
 */
export async function startAssessment(ctx: Tx, candidateId: string, applicationId?: string): Promise<AssessmentDTO> {
  const { em } = ctx;
  const candidate = await findCandidateSummary(em, candidateId);
  await assertNotErased(em, candidateId);
  if (!candidate.consentGiven) {
    throw new InvalidInput(
      `${candidate.name} has not given consent: record their consent before starting an assessment`,
      { reason: "precondition_failed" },
    );
  }
  if (!candidate.assessmentDomains.length) {
    throw new InvalidInput(
      `${candidate.name} has no assessment domains: add at least one before starting an assessment`,
      { reason: "precondition_failed" },
    );
  }
  const open = await em.findOne(Assessment, { candidate: candidate.id, status: "in_progress" });
  if (open)
    throw new Conflict(
      `${candidate.name} already has an assessment in progress (${open.id}); complete it first`,
      "precondition_failed",
      { assessmentId: open.id },
    );

  const application = await applicationToAssess(em, candidate.id, applicationId);
  const now = new Date();
  await advanceToStageKind(ctx, application.id, "assessment", "assessments.start");

  const assessment = em.create(Assessment, {
    candidate: candidate.id,
    application: application.id,
    role: application.jobTitle,
    company: application.company,
    domains: candidate.assessmentDomains,
    startedAt: now,
  });
  await em.flush();
  recordAssessment(ctx, assessment, null, {
    candidateId: candidate.id,
    applicationId: application.id,
    status: assessment.status,
    role: assessment.role,
    company: assessment.company,
    domains: [...assessment.domains],
    startedAt: iso(assessment.startedAt),
  });
  return toAssessmentDTO(assessment, { sessions: 0, questions: 0 });
}

/**
 * Scores the recorded activity, stores every metric and the percentile, moves the candidate to
 * completed (when in progress), stamps assessment_end and recomputes the role's benchmarks.
 */
export async function completeAssessment(ctx: Tx, assessmentId: string): Promise<AssessmentDTO> {
  const { em } = ctx;
  const assessment = await findAssessment(em, assessmentId, { lock: true });
  if (assessment.status === "completed") {
    throw new InvalidInput(
      `Assessment ${assessmentId} is already completed (at ${assessment.completedAt?.toISOString()}); start a new assessment to assess again`,
      { reason: "precondition_failed", details: { id: assessmentId, status: assessment.status } },
    );
  }
  const activity = await loadActivity(em, assessment);
  if (!activity.questions.length) {
    throw new InvalidInput(
      `Assessment ${assessmentId} has no recorded activity (${activity.sessions.length} sessions, 0 questions): ` +
        "record a session with questions or import activity before completing it",
      { reason: "precondition_failed" },
    );
  }
  const s = scoreActivity(activity);
  await lockRole(em, assessment.role);
  const before = { status: assessment.status };
  const now = new Date();
  Object.assign(assessment, {
    status: "completed",
    completedAt: now,
    learningVelocity: s.learningVelocity,
    avgSophistication: s.avgSophistication,
    chainDepth: s.chainDepth,
    longestChain: s.longestChain,
    conceptRetention: s.conceptRetention,
    interestRatio: s.interestRatio,
    taoIndex: s.taoIndex,
    domainScores: s.domainScores,
    sessionTrend: s.sessionTrend,
    totalQueries: s.totalQueries,
    totalSessions: s.totalSessions,
    totalTimeMinutes: s.totalTimeMinutes,
  });
  await em.flush();

  const rank = await rolePercentile(em, assessment);
  assessment.percentile = rank?.percentile ?? 0;
  assessment.percentileSampleSize = rank?.sampleSize ?? 1;
  // Written now, so the DTO returned carries the version and updatedAt as stored.
  await em.flush();

  recordAssessment(ctx, assessment, before, {
    status: assessment.status,
    completedAt: iso(assessment.completedAt),
    taoIndex: assessment.taoIndex,
    percentile: assessment.percentile,
    percentileSampleSize: assessment.percentileSampleSize,
  });
  await recomputeForAssessment(ctx, assessment);
  return toAssessmentDTO(assessment, { sessions: activity.sessions.length, questions: activity.questions.length });
}

/** Every assessment of a candidate, newest first (all are kept). */
export async function listAssessmentsForCandidate(em: EntityManager, candidateId: string): Promise<AssessmentDTO[]> {
  await findCandidateSummary(em, candidateId);
  const assessments = await em.find(
    Assessment,
    { candidate: candidateId },
    { orderBy: { startedAt: "desc", id: "desc" }, limit: 500 },
  );
  const counts = await recordedCounts(
    em,
    assessments.map((a) => a.id),
  );
  return assessments.map((a) => toAssessmentDTO(a, counts.get(a.id)!));
}

/** Assessments in progress across all candidates, newest first, each with its candidate's name and what it has recorded. */
export async function listInProgressAssessments(em: EntityManager, limit: number): Promise<AssessmentListItemDTO[]> {
  const assessments = await em.find(
    Assessment,
    { status: "in_progress" },
    { populate: ["candidate"], orderBy: { startedAt: "desc", id: "desc" }, limit },
  );
  const counts = await recordedCounts(
    em,
    assessments.map((a) => a.id),
  );
  return assessments.map((a) => ({ ...toAssessmentDTO(a, counts.get(a.id)!), candidateName: a.candidate.name }));
}
