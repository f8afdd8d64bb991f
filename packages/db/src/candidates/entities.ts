import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { baseProperties, versionProperty } from "../common";
import { CANDIDATE_STATUSES } from "../constants";

export const Candidate = defineEntity({
  name: "Candidate",
  tableName: "candidates",
  properties: {
    ...baseProperties,
    ...versionProperty,
    name: p.string().length(255),
    email: p.string().length(255),
    role: p.string().length(255),
    company: p.string().length(255),
    status: p.enum(CANDIDATE_STATUSES).nativeEnumName("candidate_status").default("pending"),
    consentGiven: p.boolean().default(false),
    consentTimestamp: p.datetime().nullable(),
    assessmentDomains: p
      .array()
      .defaultRaw("'{}'")
      .onCreate(() => []),
    assessmentStart: p.datetime().nullable(),
    assessmentEnd: p.datetime().nullable(),
    recruiterNotes: p.text().nullable(),
    resumeUrl: p.string().length(500).nullable(),
  },
  indexes: [
    // Every list filter is an equality plus the newest-first keyset order.
    { name: "candidates_created_idx", properties: ["createdAt", "id"] },
    { name: "candidates_status_created_idx", properties: ["status", "createdAt", "id"] },
    { name: "candidates_company_created_idx", properties: ["company", "createdAt", "id"] },
    { name: "candidates_role_created_idx", properties: ["role", "createdAt", "id"] },
    {
      name: "candidates_domains_gin_idx",
      expression: "create index candidates_domains_gin_idx on candidates using gin (assessment_domains)",
    },
    {
      name: "candidates_search_trgm_idx",
      expression:
        "create index candidates_search_trgm_idx on candidates using gin ((lower(name || ' ' || email)) gin_trgm_ops)",
    },
  ],
  uniques: [
    {
      name: "candidates_company_email_unique",
      expression: "create unique index candidates_company_email_unique on candidates (lower(company), lower(email))",
    },
  ],
});
export type ICandidate = InferEntity<typeof Candidate>;

/** The candidates module's tables, for the ORM's list in ../entities.ts. */
export const candidatesEntities = [Candidate];
