import { CANDIDATE_STATUSES } from "@shortlist/db/constants";
import { z } from "zod";
import { batchRows, sourceLine } from "../shared/batch";
import { email } from "../shared/email";
import { idInput, recordVersion, uuid } from "../shared/ids";
import { multiLineText, singleLineText } from "../shared/text";

/** The status rules travel with the schemas: the SPA offers only the moves the server allows. */
export { allowedNextStatuses, canMove } from "./logic/status";

export const candidateStatusSchema = z.enum(CANDIDATE_STATUSES);

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

export const candidateFields = {
  name: requiredText("name"),
  // The one email rule, within the 255 characters the candidates table holds.
  email: email.pipe(z.string().max(255, "Use at most 255 characters")),
  role: requiredText("role applied for"),
  company: requiredText("company"),
  assessmentDomains: assessmentDomainsSchema,
  recruiterNotes: multiLineText(20_000)
    .transform((s) => s.trim() || null)
    .nullable(),
  resumeUrl: optionalUrl,
  consentGiven: z.boolean(),
};

export const createCandidateInput = z.strictObject({
  name: candidateFields.name,
  email: candidateFields.email,
  role: candidateFields.role,
  company: candidateFields.company,
  assessmentDomains: candidateFields.assessmentDomains.default([]),
  recruiterNotes: candidateFields.recruiterNotes.optional(),
  resumeUrl: candidateFields.resumeUrl.optional(),
  consentGiven: candidateFields.consentGiven.default(false),
});

export const updateCandidateInput = z.strictObject({
  id: uuid,
  /** The version the caller last saw; a save over a newer one is refused. */
  version: recordVersion,
  name: candidateFields.name.optional(),
  email: candidateFields.email.optional(),
  role: candidateFields.role.optional(),
  company: candidateFields.company.optional(),
  assessmentDomains: candidateFields.assessmentDomains.optional(),
  recruiterNotes: candidateFields.recruiterNotes.optional(),
  resumeUrl: candidateFields.resumeUrl.optional(),
  /** Recording consent stamps its time; withdrawing clears it. */
  consentGiven: candidateFields.consentGiven.optional(),
  status: candidateStatusSchema.optional(),
});

export const candidateIdInput = idInput;

export const deleteCandidateInput = z.strictObject({ id: uuid, version: recordVersion.optional() });

export const candidateFiltersSchema = z.strictObject({
  status: candidateStatusSchema.optional(),
  company: singleLineText(255).trim().min(1).optional(),
  role: singleLineText(255).trim().min(1).optional(),
  domain: singleLineText(100).trim().min(1).optional(),
  search: singleLineText(200).trim().min(1).optional(),
});

export const listCandidatesInput = candidateFiltersSchema.extend({
  limit: z.int().min(1).max(200).default(25),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().max(200).nullish(),
  /** Sent by tRPC's infinite queries; pages only go forward (newest first). */
  direction: z.enum(["forward", "backward"]).optional(),
});

export const candidateStatsInput = candidateFiltersSchema.omit({ status: true }).default({});

/** Import rows (the batch-import contract, shared/batch.ts): each row's candidate in `data`, with its file line. */
export const importRowsInput = z.strictObject({
  rows: batchRows(z.strictObject({ line: sourceLine, data: z.unknown() }), 1000),
});

export type CreateCandidateInput = z.infer<typeof createCandidateInput>;
export type UpdateCandidateInput = z.infer<typeof updateCandidateInput>;
export type CandidateFilters = z.infer<typeof candidateFiltersSchema>;
export type ListCandidatesInput = z.infer<typeof listCandidatesInput>;
