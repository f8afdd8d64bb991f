import { APPLICATION_OUTCOMES } from "@shortlist/db/constants";
import { z } from "zod";
import { batchRows, sourceLine } from "../shared/batch";
import { email } from "../shared/email";
import { idInput, recordVersion, uuid } from "../shared/ids";
import { multiLineText, singleLineText } from "../shared/text";

const requiredText = (label: string, max = 255) =>
  singleLineText(max)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `Enter the ${label}`));

export const assessmentDomainsSchema = z
  .array(requiredText("domain", 100))
  .max(50, "Use at most 50 domains")
  .transform((domains) => [...new Set(domains)]);

const optionalUrl = singleLineText(500)
  .pipe(z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "Enter an http(s) URL" })]))
  .transform((v) => v || null)
  .nullable();

/** Tags are labels for triage: trimmed, lower-cased, each once. */
export const tagsSchema = z
  .array(requiredText("tag", 50).transform((t) => t.toLowerCase()))
  .max(30, "Use at most 30 tags")
  .transform((tags) => [...new Set(tags)]);

export const candidateFields = {
  name: requiredText("name"),
  // The one email rule, within the 255 characters the candidates table holds.
  email: email.pipe(z.string().max(255, "Use at most 255 characters")),
  role: requiredText("role applied for"),
  company: requiredText("company"),
  assessmentDomains: assessmentDomainsSchema,
  tags: tagsSchema,
  recruiterNotes: multiLineText(20_000)
    .transform((s) => s.trim() || null)
    .nullable(),
  resumeUrl: optionalUrl,
  consentGiven: z.boolean(),
};

/**
 * A person, optionally filed under a job at once: by `jobId`, or by `role` and `company` (the job with that title and
 * company, created when missing: how scripts written before jobs existed keep working).
 */
export const createCandidateInput = z
  .strictObject({
    name: candidateFields.name,
    email: candidateFields.email,
    jobId: uuid.optional(),
    role: candidateFields.role.optional(),
    company: candidateFields.company.optional(),
    assessmentDomains: candidateFields.assessmentDomains.default([]),
    tags: candidateFields.tags.default([]),
    recruiterNotes: candidateFields.recruiterNotes.optional(),
    resumeUrl: candidateFields.resumeUrl.optional(),
    consentGiven: candidateFields.consentGiven.default(false),
  })
  .superRefine((input, ctx) => {
    const byName = input.role !== undefined || input.company !== undefined;
    if (byName && input.jobId)
      ctx.addIssue({
        code: "custom",
        path: ["jobId"],
        message: "Give either a job id or a role and company, not both",
      });
    else if (byName && input.role === undefined)
      ctx.addIssue({ code: "custom", path: ["role"], message: "Enter the role applied for (with the company)" });
    else if (byName && input.company === undefined)
      ctx.addIssue({ code: "custom", path: ["company"], message: "Enter the company (with the role)" });
  });

export const updateCandidateInput = z.strictObject({
  id: uuid,
  /** The version the caller last saw; a save over a newer one is refused. */
  version: recordVersion,
  name: candidateFields.name.optional(),
  email: candidateFields.email.optional(),
  assessmentDomains: candidateFields.assessmentDomains.optional(),
  tags: candidateFields.tags.optional(),
  recruiterNotes: candidateFields.recruiterNotes.optional(),
  resumeUrl: candidateFields.resumeUrl.optional(),
  /** Recording consent stamps its time; withdrawing clears it. */
  consentGiven: candidateFields.consentGiven.optional(),
});

export const candidateIdInput = idInput;

export const deleteCandidateInput = z.strictObject({ id: uuid, version: recordVersion.optional() });

export const candidateFiltersSchema = z.strictObject({
  /** People with an application whose outcome is this (active: in some pipeline). */
  outcome: z.enum(APPLICATION_OUTCOMES).optional(),
  jobId: uuid.optional(),
  stageId: uuid.optional(),
  /** Case-insensitive: the company and job title of any of the person's applications. */
  company: singleLineText(255).trim().min(1).optional(),
  role: singleLineText(255).trim().min(1).optional(),
  tag: singleLineText(50).trim().min(1).optional(),
  domain: singleLineText(100).trim().min(1).optional(),
  search: singleLineText(200).trim().min(1).optional(),
});

/**
 * What the list can be sorted by: how well a person matches the search, date added, name, last activity (on any
 * application, or an edit of the record), score (latest completed assessment's percentile).
 */
export const CANDIDATE_SORTS = ["relevance", "added", "name", "activity", "score"] as const;
export type CandidateSort = (typeof CANDIDATE_SORTS)[number];
export const SORT_ORDERS = ["asc", "desc"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const candidateSortSchema = {
  /** Left out: by relevance under a search, else by date added. Relevance without a search is by date added. */
  sort: z.enum(CANDIDATE_SORTS).optional(),
  /** Not `direction`: tRPC's infinite queries send that one (forward/backward) with every page. */
  order: z.enum(SORT_ORDERS).default("desc"),
};

export const listCandidatesInput = candidateFiltersSchema.extend({
  ...candidateSortSchema,
  limit: z.int().min(1).max(200).default(25),
  /** Opaque: the `nextCursor` of the previous page, for the same sort and order. */
  cursor: z.string().max(2000).nullish(),
  /** Sent by tRPC's infinite queries; pages only go forward. */
  direction: z.enum(["forward", "backward"]).optional(),
});

/** Filters that suggest values drawn from the data as the user types. */
export const SUGGESTION_FIELDS = ["company", "role", "domain", "tag"] as const;
export type SuggestionField = (typeof SUGGESTION_FIELDS)[number];

export const candidateSuggestionsInput = z.strictObject({
  field: z.enum(SUGGESTION_FIELDS),
  /** Matched case- and accent-insensitively at the start of a word; empty: the most used values. */
  prefix: singleLineText(100).trim().default(""),
  limit: z.int().min(1).max(50).default(10),
});

export const tagCandidatesInput = z
  .strictObject({
    ids: z.array(uuid).min(1, "Select at least one candidate").max(500, "Tag at most 500 candidates at once"),
    add: tagsSchema.default([]),
    remove: tagsSchema.default([]),
  })
  .refine((input) => input.add.length + input.remove.length > 0, {
    path: ["add"],
    message: "Name a tag to add or remove",
  });

/** A named filter and sort of the candidate list, kept per user. */
export const saveViewInput = z.strictObject({
  name: requiredText("view's name", 80),
  filters: candidateFiltersSchema,
  ...candidateSortSchema,
});

export const deleteViewInput = idInput;

export const candidateStatsInput = candidateFiltersSchema.omit({ outcome: true }).default({});

/** Import rows (the batch-import contract, shared/batch.ts): each row's candidate in `data`, with its file line. */
export const importRowsInput = z.strictObject({
  rows: batchRows(z.strictObject({ line: sourceLine, data: z.unknown() }), 1000),
});

export type CreateCandidateInput = z.infer<typeof createCandidateInput>;
export type UpdateCandidateInput = z.infer<typeof updateCandidateInput>;
export type CandidateFilters = z.infer<typeof candidateFiltersSchema>;
export type ListCandidatesInput = z.infer<typeof listCandidatesInput>;
export type CandidateSuggestionsInput = z.infer<typeof candidateSuggestionsInput>;
export type TagCandidatesInput = z.infer<typeof tagCandidatesInput>;
export type SaveViewInput = z.infer<typeof saveViewInput>;
