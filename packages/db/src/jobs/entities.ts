import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Candidate } from "../candidates/entities";
import { baseProperties, versionProperty } from "../common";
import { User } from "../identity/entities";
import { APPLICATION_OUTCOMES, EMPLOYMENT_TYPES, JOB_STATUSES, STAGE_KINDS } from "./constants";

/** A counter kept in the same transaction as every change it counts (never computed by scanning). */
const counter = () => p.integer().default(0);

export const Job = defineEntity({
  name: "Job",
  tableName: "jobs",
  properties: {
    ...baseProperties,
    ...versionProperty,
    title: p.string().length(255),
    company: p.string().length(255),
    department: p.string().length(255).nullable(),
    location: p.string().length(255).nullable(),
    employmentType: p.enum(EMPLOYMENT_TYPES).nativeEnumName("employment_type").nullable(),
    status: p.enum(JOB_STATUSES).nativeEnumName("job_status").default("open"),
    hiringManager: () => p.manyToOne(User).nullable().deleteRule("set null"),
    ownerIds: p
      .array()
      .columnType("uuid[]")
      .defaultRaw("'{}'")
      .onCreate(() => []),
    /** The vacancy profile (intake's `VacancyProfile`), written through jobs' port; null until someone starts one. */
    vacancyProfile: p.json<Record<string, unknown>>().nullable(),
    /** Bumped by every change of the profile: the vacancy report is cached against it. */
    vacancyProfileVersion: p.integer().default(0),
    activeCount: counter(),
    hiredCount: counter(),
    rejectedCount: counter(),
    withdrawnCount: counter(),
  },
  indexes: [
    {
      name: "jobs_title_company_idx",
      expression: "create index jobs_title_company_idx on jobs (lower(title), lower(company))",
    },
    { name: "jobs_status_created_idx", properties: ["status", "createdAt", "id"] },
  ],
});
export type IJob = InferEntity<typeof Job>;

export const JobStage = defineEntity({
  name: "JobStage",
  tableName: "job_stages",
  properties: {
    ...baseProperties,
    job: () => p.manyToOne(Job).deleteRule("cascade"),
    name: p.string().length(100),
    kind: p.enum(STAGE_KINDS).nativeEnumName("stage_kind"),
    position: p.integer(),
    /** Applications in this stage whose outcome is active or hired. */
    appCount: counter(),
  },
  indexes: [{ name: "job_stages_job_position_idx", properties: ["job", "position"] }],
  uniques: [
    {
      name: "job_stages_job_name_unique",
      expression: "create unique index job_stages_job_name_unique on job_stages (job_id, lower(name))",
    },
  ],
});
export type IJobStage = InferEntity<typeof JobStage>;

export const RejectionReason = defineEntity({
  name: "RejectionReason",
  tableName: "rejection_reasons",
  properties: {
    ...baseProperties,
    label: p.string().length(200),
    active: p.boolean().default(true),
    position: p.integer(),
  },
  uniques: [
    {
      name: "rejection_reasons_label_unique",
      expression: "create unique index rejection_reasons_label_unique on rejection_reasons (lower(label))",
    },
  ],
});
export type IRejectionReason = InferEntity<typeof RejectionReason>;

export const Application = defineEntity({
  name: "Application",
  tableName: "applications",
  properties: {
    ...baseProperties,
    ...versionProperty,
    candidate: () => p.manyToOne(Candidate).deleteRule("cascade"),
    job: () => p.manyToOne(Job).deleteRule("cascade"),
    stage: () => p.manyToOne(JobStage),
    outcome: p.enum(APPLICATION_OUTCOMES).nativeEnumName("application_outcome").default("active"),
    rejectionReason: () => p.manyToOne(RejectionReason).nullable().deleteRule("set null"),
    rejectionNote: p.text().nullable(),
    stageEnteredAt: p.datetime(3),
    lastActivityAt: p.datetime(3),
    /** The interview scorecard's overall score (0–100), written by interviews through jobs' port; the board shows it. */
    interviewScore: p.double().nullable(),
  },
  indexes: [
    { name: "applications_job_stage_idx", properties: ["job", "stage", "outcome", "stageEnteredAt"] },
    { name: "applications_stage_idx", properties: ["stage"] },
    { name: "applications_job_activity_idx", properties: ["job", "lastActivityAt", "id"] },
    { name: "applications_job_created_idx", properties: ["job", "createdAt", "id"] },
    {
      // The board: each column's first cards, longest in the stage first (active and hired ones only).
      name: "applications_board_idx",
      expression:
        "create index applications_board_idx on applications (stage_id, stage_entered_at, id) where outcome in ('active', 'hired')",
    },
  ],
  uniques: [{ name: "applications_candidate_job_unique", properties: ["candidate", "job"] }],
});
export type IApplication = InferEntity<typeof Application>;

/** Every stage or outcome change of an application: who, when, from, to. */
export const ApplicationMove = defineEntity({
  name: "ApplicationMove",
  tableName: "application_moves",
  properties: {
    id: baseProperties.id,
    createdAt: baseProperties.createdAt,
    application: () => p.manyToOne(Application).deleteRule("cascade"),
    job: () => p.manyToOne(Job).deleteRule("cascade").index(),
    fromStage: () => p.manyToOne(JobStage).nullable().deleteRule("set null"),
    fromStageName: p.string().length(100).nullable(),
    toStage: () => p.manyToOne(JobStage).nullable().deleteRule("set null"),
    toStageName: p.string().length(100),
    fromOutcome: p.enum(APPLICATION_OUTCOMES).nativeEnumName("application_outcome").nullable(),
    toOutcome: p.enum(APPLICATION_OUTCOMES).nativeEnumName("application_outcome"),
    actor: () => p.manyToOne(User).nullable().deleteRule("set null"),
  },
  indexes: [{ name: "application_moves_application_created_idx", properties: ["application", "createdAt"] }],
});
export type IApplicationMove = InferEntity<typeof ApplicationMove>;

export const jobsEntities = [Job, JobStage, RejectionReason, Application, ApplicationMove];
