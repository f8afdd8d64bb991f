import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { baseProperties } from "../common";
import { Conversation } from "../conversations/entities";
import { User } from "../identity/entities";
import { Job } from "../jobs/entities";

/** One intake chat: a recruiter filling a job's vacancy profile with the intake persona. */
export const IntakeSession = defineEntity({
  name: "IntakeSession",
  tableName: "intake_sessions",
  properties: {
    ...baseProperties,
    job: () => p.manyToOne(Job).deleteRule("cascade").index(),
    conversation: () => p.manyToOne(Conversation).deleteRule("cascade").unique("intake_sessions_conversation_unique"),
    /** What the recruiter started from: "Senior Backend Engineer", "ICU nurse". */
    profession: p.string().length(200),
    createdBy: () => p.manyToOne(User).nullable().deleteRule("set null"),
  },
  indexes: [{ name: "intake_sessions_created_idx", properties: ["createdAt", "id"] }],
});
export type IIntakeSession = InferEntity<typeof IntakeSession>;

/** The vacancy report as generated for one version of a job's profile: served from here until the profile changes. */
export const VacancyReport = defineEntity({
  name: "VacancyReport",
  tableName: "vacancy_reports",
  properties: {
    ...baseProperties,
    job: () => p.manyToOne(Job).deleteRule("cascade"),
    profileVersion: p.integer(),
    content: p.json<Record<string, unknown>>(),
  },
  uniques: [{ name: "vacancy_reports_job_version_unique", properties: ["job", "profileVersion"] }],
});
export type IVacancyReport = InferEntity<typeof VacancyReport>;

/** The intake module's tables, for the ORM's list in ../entities.ts. */
export const intakeEntities = [IntakeSession, VacancyReport];
