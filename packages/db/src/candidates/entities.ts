import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { baseProperties, versionProperty } from "../common";
import { User } from "../identity/entities";
import { searchKeyOf } from "../search-text";

/** Name and email as search matches them (search-text.ts); raw INSERTs must set it too (the column has no default). */
const searchKey = (candidate: { name: string; email: string }) => searchKeyOf(candidate.name, candidate.email);

export const Candidate = defineEntity({
  name: "Candidate",
  tableName: "candidates",
  properties: {
    ...baseProperties,
    ...versionProperty,
    name: p.string().length(255),
    email: p.string().length(255),
    /** Free labels for triage ("referral", "senior"); lower-cased, unique per candidate. */
    tags: p
      .array()
      .defaultRaw("'{}'")
      .onCreate(() => []),
    consentGiven: p.boolean().default(false),
    consentTimestamp: p.datetime().nullable(),
    assessmentDomains: p
      .array()
      .defaultRaw("'{}'")
      .onCreate(() => []),
    recruiterNotes: p.text().nullable(),
    resumeUrl: p.string().length(500).nullable(),
    /**
     * Set by the jobs migration on people who shared an email with an older record (before, an email was unique per
     * company): kept as they were, outside the one-person-per-email rule.
     */
    legacyDuplicate: p.boolean().default(false),
    searchKey: p.text().onCreate(searchKey).onUpdate(searchKey),
  },
  indexes: [
    { name: "candidates_created_idx", properties: ["createdAt", "id"] },
    {
      name: "candidates_tags_gin_idx",
      expression: "create index candidates_tags_gin_idx on candidates using gin (tags)",
    },
    {
      name: "candidates_domains_gin_idx",
      expression: "create index candidates_domains_gin_idx on candidates using gin (assessment_domains)",
    },
    {
      name: "candidates_search_key_trgm_idx",
      expression: "create index candidates_search_key_trgm_idx on candidates using gin (search_key gin_trgm_ops)",
    },
  ],
  uniques: [
    {
      name: "candidates_email_unique",
      expression: "create unique index candidates_email_unique on candidates (lower(email)) where not legacy_duplicate",
    },
  ],
});
export type ICandidate = InferEntity<typeof Candidate>;

/**
 * A user's named filter and sort of the candidate list ("Senior backend, best first"): the list's input as it was
 * saved; validated again by candidates.list whenever it is applied.
 */
export const SavedView = defineEntity({
  name: "SavedView",
  tableName: "saved_views",
  properties: {
    ...baseProperties,
    user: () => p.manyToOne(User).deleteRule("cascade"),
    name: p.string().length(80),
    filters: p.json<Record<string, string>>(),
    sort: p.string().length(20).nullable(),
    order: p.string().length(4),
  },
  uniques: [
    {
      name: "saved_views_user_name_unique",
      expression: "create unique index saved_views_user_name_unique on saved_views (user_id, lower(name))",
    },
  ],
});
export type ISavedView = InferEntity<typeof SavedView>;

/** The candidates module's tables, for the ORM's list in ../entities.ts. */
export const candidatesEntities = [Candidate, SavedView];
