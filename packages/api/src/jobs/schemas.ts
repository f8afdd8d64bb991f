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
  /** Queue the stage-change email to the candidate (sent after the move commits). */
  notifyCandidate: z.boolean().default(false),
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

/** Stage names: one line, trimmed, unique per job whatever the case. */
export const stageName = requiredText("stage name", 100);

export const addStageInput = z.strictObject({
  jobId: uuid,
  name: stageName,
  kind: stageKindSchema.default("custom"),
  /** Where the new stage goes: right after this one; at the end when not given. */
  afterStageId: uuid.optional(),
});

export const renameStageInput = z.strictObject({ id: uuid, name: stageName });

export const reorderStagesInput = z.strictObject({
  jobId: uuid,
  /** Every one of the job's stages, once each, in the new order. */
  stageIds: z
    .array(uuid)
    .min(1, "Name the job's stages in their new order")
    .max(100, "A job has at most 100 stages")
    .refine((ids) => new Set(ids).size === ids.length, "Name each stage once"),
});

export const removeStageInput = idInput;

export const rejectionReasonLabel = requiredText("reason", 200);

export const createRejectionReasonInput = z.strictObject({ label: rejectionReasonLabel });

export const updateRejectionReasonInput = z.strictObject({
  id: uuid,
  label: rejectionReasonLabel.optional(),
  /** false retires the reason: no longer offered, still the label of the rejections that used it. */
  active: z.boolean().optional(),
});

export const reorderRejectionReasonsInput = z.strictObject({
  /** The reasons in their new order; those not named keep their order after them. */
  ids: z
    .array(uuid)
    .min(1, "Name the reasons in their new order")
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, "Name each reason once"),
});

export const boardInput = z.strictObject({
  jobId: uuid,
  /** Cards per column (the column says when there are more). */
  perStage: z.int().min(1).max(200, "At most 200 cards per column").default(50),
});

export const APPLICATION_SORTS = ["name", "added", "activity", "score", "entered"] as const;
export type ApplicationSort = (typeof APPLICATION_SORTS)[number];

export const listApplicationsInput = z.strictObject({
  jobId: uuid,
  stageId: uuid.optional(),
  /** Active and hired ones when not given. */
  outcome: applicationOutcomeSchema.optional(),
  /** name, date added, last activity, score (latest completed assessment's percentile; none last), or time entered the stage. */
  sort: z.enum(APPLICATION_SORTS).default("added"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  limit: z.int().min(1).max(200, "At most 200 rows per page").default(50),
  /** The previous page's nextCursor. */
  cursor: z.string().max(1000).optional(),
});

export const BULK_MAX = 500;

export const bulkActionSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("move"), stageId: uuid }),
  z.strictObject({
    type: z.literal("reject"),
    reasonId: uuid,
    note: rejectionNote.optional(),
    notifyCandidate: z.boolean().default(false),
  }),
  z.strictObject({
    type: z.literal("tag"),
    add: z
      .array(requiredText("tag", 50).transform((t) => t.toLowerCase()))
      .max(30)
      .default([]),
    remove: z
      .array(requiredText("tag", 50).transform((t) => t.toLowerCase()))
      .max(30)
      .default([]),
  }),
]);

export const bulkApplicationsInput = z.strictObject({
  ids: z
    .array(uuid)
    .min(1, "Select at least one application")
    .max(BULK_MAX, `Select at most ${BULK_MAX} applications`)
    .transform((ids) => [...new Set(ids)]),
  action: bulkActionSchema,
});

/** Sends the assessment invitation and moves the application to the job's Assessment stage. */
export const inviteApplicationInput = z.strictObject({ id: uuid, version: recordVersion });

export type AddStageInput = z.infer<typeof addStageInput>;
export type RenameStageInput = z.infer<typeof renameStageInput>;
export type ReorderStagesInput = z.infer<typeof reorderStagesInput>;
export type UpdateRejectionReasonInput = z.infer<typeof updateRejectionReasonInput>;
export type BoardInput = z.infer<typeof boardInput>;
export type ListApplicationsInput = z.infer<typeof listApplicationsInput>;
export type BulkAction = z.infer<typeof bulkActionSchema>;
export type BulkApplicationsInput = z.infer<typeof bulkApplicationsInput>;
export type CreateJobInput = z.infer<typeof createJobInput>;
export type UpdateJobInput = z.infer<typeof updateJobInput>;
export type ListJobsInput = z.infer<typeof listJobsInput>;
export type CreateApplicationInput = z.infer<typeof createApplicationInput>;
export type MoveApplicationInput = z.infer<typeof moveApplicationInput>;
export type RejectApplicationInput = z.infer<typeof rejectApplicationInput>;
