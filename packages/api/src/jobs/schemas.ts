import { APPLICATION_OUTCOMES, EMPLOYMENT_TYPES, JOB_STATUSES, STAGE_KINDS } from "@shortlist/db/constants";
import { z } from "zod";
import { idInput, recordVersion, uuid } from "../shared/ids";
import { multiLineText, singleLineText } from "../shared/text";

/** What each application outcome and job status allows travels with the schemas: the SPA disables what the server refuses. */
export * from "./logic/rules";

const requiredText = (label: string, max = 255) =>
  singleLineText(max)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `Enter the ${label}`));

const optionalText = (max = 255) =>
  singleLineText(max)
    .transform((s) => s.trim() || null)
    .nullable();

export const jobStatusSchema = z.enum(JOB_STATUSES);
export const employmentTypeSchema = z.enum(EMPLOYMENT_TYPES);
export const stageKindSchema = z.enum(STAGE_KINDS);
export const applicationOutcomeSchema = z.enum(APPLICATION_OUTCOMES);

export const jobFields = {
  title: requiredText("job title"),
  company: requiredText("company"),
  department: optionalText(),
  location: optionalText(),
  employmentType: employmentTypeSchema.nullable(),
  status: jobStatusSchema,
  hiringManagerId: uuid.nullable(),
  ownerIds: z.array(uuid).max(20, "Name at most 20 owners"),
};

export const createJobInput = z.strictObject({
  title: jobFields.title,
  company: jobFields.company,
  department: jobFields.department.optional(),
  location: jobFields.location.optional(),
  employmentType: jobFields.employmentType.optional(),
  status: jobFields.status.default("open"),
  hiringManagerId: jobFields.hiringManagerId.optional(),
  ownerIds: jobFields.ownerIds.default([]),
});

export const updateJobInput = z.strictObject({
  id: uuid,
  version: recordVersion,
  title: jobFields.title.optional(),
  company: jobFields.company.optional(),
  department: jobFields.department.optional(),
  location: jobFields.location.optional(),
  employmentType: jobFields.employmentType.optional(),
  status: jobFields.status.optional(),
  hiringManagerId: jobFields.hiringManagerId.optional(),
  ownerIds: jobFields.ownerIds.optional(),
});

export const jobIdInput = idInput;

export const listJobsInput = z
  .strictObject({
    status: jobStatusSchema.optional(),
    search: singleLineText(200).trim().min(1).optional(),
  })
  .default({});

/** An application of a candidate to a job, in the given stage or the job's first. */
export const createApplicationInput = z.strictObject({
  candidateId: uuid,
  jobId: uuid,
  stageId: uuid.optional(),
});

export const moveApplicationInput = z.strictObject({
  id: uuid,
  /** The version the caller last saw: a board that is out of date is refused, not applied. */
  version: recordVersion,
  stageId: uuid,
});

export const rejectionNote = multiLineText(2000)
  .transform((s) => s.trim() || null)
  .nullable();

export const rejectApplicationInput = z.strictObject({
  id: uuid,
  version: recordVersion,
  reasonId: uuid,
  note: rejectionNote.optional(),
  /** Queue the rejection email to the candidate (sent after the rejection commits). */
  notifyCandidate: z.boolean().default(false),
});

export const applicationVersionInput = z.strictObject({ id: uuid, version: recordVersion });

export const applicationIdInput = idInput;

export const candidateApplicationsInput = z.strictObject({ candidateId: uuid });

export const listRejectionReasonsInput = z.strictObject({ includeRetired: z.boolean().default(false) }).default({
  includeRetired: false,
});

export type CreateJobInput = z.infer<typeof createJobInput>;
export type UpdateJobInput = z.infer<typeof updateJobInput>;
export type ListJobsInput = z.infer<typeof listJobsInput>;
export type CreateApplicationInput = z.infer<typeof createApplicationInput>;
export type MoveApplicationInput = z.infer<typeof moveApplicationInput>;
export type RejectApplicationInput = z.infer<typeof rejectApplicationInput>;
