import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Candidate } from "../candidates/entities";
import { Application } from "../jobs/entities";
import { baseProperties, versionProperty } from "../common";
import { ASSESSMENT_STATUSES, BENCHMARK_SOURCES, RECOMMENDATIONS } from "./constants";
import type { BenchmarkSnapshot, DomainScores, ReportSection, SessionTrendPoint, StandoutMetric } from "./types";

/** A metric column: empty while the assessment runs, filled when it completes. */
const metric = () => p.double().runtimeType("number").$type<number>().nullable();

export const Assessment = defineEntity({
  name: "Assessment",
  tableName: "assessments",
  properties: {
    ...baseProperties,
    ...versionProperty,
    candidate: () => p.manyToOne(Candidate).deleteRule("cascade"),
    application: () => p.manyToOne(Application).deleteRule("cascade").index(),
    status: p.enum(ASSESSMENT_STATUSES).nativeEnumName("assessment_status").default("in_progress"),
    /** The candidate's role, company and assessment domains when the assessment started (benchmarks group by them). */
    role: p.string().length(255),
    company: p.string().length(255),
    domains: p
      .array()
      .defaultRaw("'{}'")
      .onCreate(() => []),
    startedAt: p.datetime(3),
    completedAt: p.datetime(3).nullable(),
    learningVelocity: metric(),
    avgSophistication: metric(),
    chainDepth: metric(),
    longestChain: p.integer().nullable(),
    conceptRetention: metric(),
    interestRatio: metric(),
    taoIndex: metric(),
    /** 0–100: percent_rank of the tao index among the role's completed assessments, at completion. */
    percentile: metric(),
    /** How many completed assessments of the role the percentile was taken over. */
    percentileSampleSize: p.integer().nullable(),
    domainScores: p.json<DomainScores>().nullable(),
    sessionTrend: p.json<SessionTrendPoint[]>().nullable(),
    totalQueries: p.integer().nullable(),
    totalSessions: p.integer().nullable(),
    totalTimeMinutes: metric(),
  },
  indexes: [
    { name: "assessments_candidate_started_idx", properties: ["candidate", "startedAt", "id"] },
    {
      // Benchmarks and percentiles: completed assessments of a role, ordered by tao index.
      name: "assessments_completed_role_tao_idx",
      expression:
        "create index assessments_completed_role_tao_idx on assessments (lower(role), tao_index) where status = 'completed'",
    },
    {
      name: "assessments_completed_role_company_idx",
      expression:
        "create index assessments_completed_role_company_idx on assessments (lower(role), lower(company)) where status = 'completed'",
    },
  ],
  uniques: [
    {
      // At most one running assessment per candidate.
      name: "assessments_one_open_per_candidate",
      expression:
        "create unique index assessments_one_open_per_candidate on assessments (candidate_id) where status = 'in_progress'",
    },
  ],
});
export type IAssessment = InferEntity<typeof Assessment>;

export const AssessmentSession = defineEntity({
  name: "AssessmentSession",
  tableName: "assessment_sessions",
  properties: {
    ...baseProperties,
    assessment: () => p.manyToOne(Assessment).deleteRule("cascade"),
    /** The caller's name for the session (the `ref` of an import line), unique within the assessment. */
    ref: p.string().length(100),
    /** Order of arrival within the assessment; breaks ties between identical start times. */
    seq: p.integer(),
    startedAt: p.datetime(3),
    endedAt: p.datetime(3),
  },
  uniques: [{ name: "assessment_sessions_assessment_ref_unique", properties: ["assessment", "ref"] }],
});
export type IAssessmentSession = InferEntity<typeof AssessmentSession>;

export const AssessmentQuestion = defineEntity({
  name: "AssessmentQuestion",
  tableName: "assessment_questions",
  properties: {
    ...baseProperties,
    assessment: () => p.manyToOne(Assessment).deleteRule("cascade"),
    session: () => p.manyToOne(AssessmentSession).deleteRule("cascade").index(),
    ref: p.string().length(100),
    /** Order of arrival within the assessment; breaks ties between identical asked-at times. */
    seq: p.integer(),
    domain: p.string().length(100),
    text: p.text(),
    askedAt: p.datetime(3),
    followUpOf: () => p.manyToOne(AssessmentQuestion).nullable().deleteRule("set null").index(),
  },
  uniques: [{ name: "assessment_questions_assessment_ref_unique", properties: ["assessment", "ref"] }],
});
export type IAssessmentQuestion = InferEntity<typeof AssessmentQuestion>;

const band = () => p.double().runtimeType("number").$type<number>();

export const Benchmark = defineEntity({
  name: "Benchmark",
  tableName: "benchmarks",
  properties: {
    ...baseProperties,
    role: p.string().length(255),
    /** Null: every company hiring for the role. */
    company: p.string().length(255).nullable(),
    source: p.enum(BENCHMARK_SOURCES).nativeEnumName("benchmark_source"),
    sampleSize: p.integer(),
    learningVelocityP50: band(),
    learningVelocityP75: band(),
    learningVelocityP90: band(),
    sophisticationP50: band(),
    sophisticationP75: band(),
    sophisticationP90: band(),
    chainDepthP50: band(),
    chainDepthP75: band(),
    chainDepthP90: band(),
    taoIndexP50: band(),
    taoIndexP75: band(),
    taoIndexP90: band(),
  },
  uniques: [
    {
      // One computed and one entered benchmark per role and company (or all companies), case-insensitively.
      name: "benchmarks_role_company_source_unique",
      expression:
        "create unique index benchmarks_role_company_source_unique on benchmarks (lower(role), lower(coalesce(company, '')), source)",
    },
  ],
});
export type IBenchmark = InferEntity<typeof Benchmark>;

export const Report = defineEntity({
  name: "Report",
  tableName: "reports",
  properties: {
    ...baseProperties,
    candidate: () => p.manyToOne(Candidate).deleteRule("cascade"),
    application: () => p.manyToOne(Application).deleteRule("cascade").index(),
    assessment: () => p.manyToOne(Assessment).deleteRule("cascade"),
    recommendation: p.enum(RECOMMENDATIONS).nativeEnumName("report_recommendation"),
    /** 0–1. */
    confidence: p.double().runtimeType("number").$type<number>(),
    summary: p.text(),
    strengths: p.json<string[]>(),
    concerns: p.json<string[]>(),
    followUpQuestions: p.json<string[]>(),
    standoutMetrics: p.json<StandoutMetric[]>(),
    learningTrajectory: p.text(),
    vsBenchmark: p.text(),
    /** The percentile and benchmark bands the report was written against, kept so the report (and its PDF) can be reproduced. */
    percentile: p.double().runtimeType("number").$type<number>().nullable(),
    percentileSampleSize: p.integer().nullable(),
    benchmark: p.json<BenchmarkSnapshot>().nullable(),
    /** Other modules' sections (interviews' "Interview"), as they were when the report was generated. */
    sections: p.json<ReportSection[]>().default("[]"),
    generatedAt: p.datetime(3),
    /** Relative to the data folder (`reports/<id>.pdf`). */
    pdfPath: p.string().length(500).nullable(),
  },
  indexes: [
    { name: "reports_candidate_generated_idx", properties: ["candidate", "generatedAt", "id"] },
    { name: "reports_assessment_generated_idx", properties: ["assessment", "generatedAt", "id"] },
  ],
});
export type IReport = InferEntity<typeof Report>;

/** The vetting module's tables, for the ORM's list in ../entities.ts. */
export const vettingEntities = [Assessment, AssessmentSession, AssessmentQuestion, Benchmark, Report];
