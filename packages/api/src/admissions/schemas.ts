/** Browser-safe inputs of the admissions module (blind admission cycles). */
import { z } from "zod";
import {
  JUDGE_VERDICTS,
  MAX_CRITERIA,
  MAX_FORM_QUESTIONS,
  OVERRIDE_DECISIONS,
  QUESTION_KINDS,
  QUESTION_MAX_LENGTH,
  SCORE_RANGE,
} from "@shortlist/db/constants";
import { batchRows, sourceLine } from "../shared/batch";
import { email } from "../shared/email";
import { recordVersion, uuid } from "../shared/ids";
import { pathPattern } from "../shared/paths";
import { multiLineText, singleLineText } from "../shared/text";

const line = (max: number) => singleLineText(max).pipe(z.string().trim().min(1, "Must not be empty"));
const paragraph = (max: number) => multiLineText(max).pipe(z.string().trim().min(1, "Must not be empty"));
const key = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "Use 1–40 lower-case letters, digits or _ (starting with a letter)");
const pageCursor = z
  .string()
  .regex(/^[A-Za-z0-9_:.-]{1,200}$/, "Must be the nextCursor of a previous page")
  .nullish();
/** Sent by tRPC's infinite queries beside the cursor; pages only go forward. */
const direction = z.literal("forward").optional();

// ── Cycles ───────────────────────────────────────────────────────────────────────────────────────────────────

export const cycleSlug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/, "Use lower-case letters, digits and hyphens (e.g. fellows-2027)");

const atMost = (kind: keyof typeof QUESTION_MAX_LENGTH) =>
  `At most ${QUESTION_MAX_LENGTH[kind].toLocaleString("en-US")} characters for a ${kind} answer`;

export const formQuestionInput = z
  .strictObject({
    key,
    label: line(300),
    kind: z.enum(QUESTION_KINDS),
    maxLength: z.int({ error: "Must be a whole number" }).min(1, "At least 1").optional(),
    required: z.boolean().default(true),
    identifying: z.boolean().default(false),
  })
  // A limit above the kind's is refused (never lowered to fit, which would change what its author typed).
  .superRefine((q, ctx) => {
    if (q.maxLength !== undefined && q.maxLength > QUESTION_MAX_LENGTH[q.kind])
      ctx.addIssue({ code: "custom", path: ["maxLength"], message: atMost(q.kind) });
  })
  .transform((q) => ({ ...q, maxLength: q.maxLength ?? QUESTION_MAX_LENGTH[q.kind] }));

export const scoringCriterionInput = z.strictObject({
  key,
  label: line(120),
  weight: z.number().positive("Must be more than 0").max(100, "At most 100").default(1),
  description: multiLineText(1_000).default(""),
});

const uniqueKeys = <T extends { key: string }>(items: T[], ctx: z.RefinementCtx, field: string) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.key))
      ctx.addIssue({ code: "custom", path: [field, index, "key"], message: `Key ${item.key} is used twice` });
    seen.add(item.key);
  });
};

const cycleFields = {
  name: line(200),
  description: multiLineText(5_000).default(""),
  questions: z.array(formQuestionInput).min(1, "Ask at least one question").max(MAX_FORM_QUESTIONS),
  criteria: z.array(scoringCriterionInput).min(1, "Score at least one criterion").max(MAX_CRITERIA),
  capacity: z.int({ error: "Must be a whole number" }).min(1, "Select at least 1").max(1_000_000),
  opensAt: z.date().nullish(),
  closesAt: z.date().nullish(),
};

export const createCycleInput = z.strictObject({ slug: cycleSlug, ...cycleFields }).superRefine((c, ctx) => {
  uniqueKeys(c.questions, ctx, "questions");
  uniqueKeys(c.criteria, ctx, "criteria");
  if (c.opensAt && c.closesAt && c.closesAt <= c.opensAt)
    ctx.addIssue({ code: "custom", path: ["closesAt"], message: "Must be after the opening date" });
});
export type CreateCycleInput = z.output<typeof createCycleInput>;

/** Questions and criteria change only in DRAFT; the rest until COMPLETED. */
export const updateCycleInput = z
  .strictObject({
    id: uuid,
    version: recordVersion,
    name: cycleFields.name.optional(),
    description: multiLineText(5_000).optional(),
    questions: cycleFields.questions.optional(),
    criteria: cycleFields.criteria.optional(),
    capacity: cycleFields.capacity.optional(),
    opensAt: z.date().nullish(),
    closesAt: z.date().nullish(),
  })
  .superRefine((c, ctx) => {
    if (c.questions) uniqueKeys(c.questions, ctx, "questions");
    if (c.criteria) uniqueKeys(c.criteria, ctx, "criteria");
  });
export type UpdateCycleInput = z.output<typeof updateCycleInput>;

export const cycleIdInput = z.strictObject({ cycleId: uuid });
export const cycleListInput = z.strictObject({
  limit: z.int().min(1).max(100).default(50),
  cursor: pageCursor,
  direction,
});

// ── The public form ──────────────────────────────────────────────────────────────────────────────────────────

export const applyFormInput = z.strictObject({ slug: cycleSlug });

/** Digits with spaces and ( ) - . / between them, a + only in front ("+44 20 7946 0958", "(415) 555-0142"). */
const PHONE_CHARACTERS = /^\+?[0-9\p{Zs}()./-]*$/u;
/** E.164 numbers have at most 15 digits; fewer than 7 is no phone number anyone can call. */
const PHONE_DIGITS = { min: 7, max: 15 };

/** Optional; when given, a number as people type it (no libphonenumber here: this file runs in the browser). */
const phone = singleLineText(40)
  .pipe(z.string().trim())
  .superRefine((value, ctx) => {
    if (!value) return;
    if (!PHONE_CHARACTERS.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: "Enter the phone number in digits; only spaces, ( ) - . / and a leading + may go with them",
      });
      return;
    }
    const digits = value.replace(/[^0-9]/g, "").length;
    if (digits < PHONE_DIGITS.min || digits > PHONE_DIGITS.max)
      ctx.addIssue({
        code: "custom",
        message: `A phone number has ${PHONE_DIGITS.min} to ${PHONE_DIGITS.max} digits with the country code (this has ${digits})`,
      });
  });

/** What the public form sends. `website` is the honeypot: people leave it empty (it is hidden), bots fill it. */
export const applySubmitInput = z.strictObject({
  slug: cycleSlug,
  name: line(200),
  email,
  phone: phone.default(""),
  /** Question key → answer; checked against the cycle's questions by the service (errors name `answers.<key>`). */
  answers: z.record(key, multiLineText(QUESTION_MAX_LENGTH.long)).default({}),
  website: z.string().max(200).default(""),
});
export type ApplySubmitInput = z.output<typeof applySubmitInput>;

/** As pasted from the receipt: spaces around it and capitals do not matter. */
const pasted = z.string().trim().toLowerCase();

/** The receipt: the application id and the hash the applicant was given. */
export const applyStatusInput = z.strictObject({
  applicationId: pasted.pipe(z.uuid({ error: "Paste the application id from your receipt" })),
  receipt: pasted.pipe(z.string().regex(/^[0-9a-f]{64}$/, "Paste the 64-character receipt you were given")),
});

// ── Review ───────────────────────────────────────────────────────────────────────────────────────────────────

export const reviewQueueInput = z.strictObject({
  cycleId: uuid,
  /** Only applications this reviewer has not scored yet. */
  unscoredByMe: z.boolean().default(false),
  limit: z.int().min(1).max(100).default(50),
  cursor: pageCursor,
  direction,
});

export const admissionApplicationInput = z.strictObject({ applicationId: uuid });

const criterionScore = z
  .number({ error: "Must be a number" })
  .min(SCORE_RANGE.min, `From ${SCORE_RANGE.min} to ${SCORE_RANGE.max}`)
  .max(SCORE_RANGE.max, `From ${SCORE_RANGE.min} to ${SCORE_RANGE.max}`);

/** A reviewer's own scores (one more evaluator): every criterion of the cycle, and notes. Saving again replaces them. */
export const reviewScoreInput = z.strictObject({
  applicationId: uuid,
  scores: z.record(key, criterionScore),
  notes: multiLineText(5_000).default(""),
});

// ── Batches and results ──────────────────────────────────────────────────────────────────────────────────────

export const batchIdInput = z.strictObject({ batchId: uuid });
/** A batch's JSONL file (admins): `X-Content-SHA256` carries the hash the batch recorded. */
export const batchFilePath = pathPattern("/api/admissions/batches/:batchId/file");
export const batchRowsInput = z.strictObject({
  batchId: uuid,
  /** Line number of the last row of the previous page (0 for the first). */
  after: z.int().min(0).default(0),
  limit: z.int().min(1).max(5_000).default(1_000),
});

const evaluatorId = z.string().regex(/^[A-Za-z0-9_.:@/-]{1,200}$/, "Use 1–200 letters, digits or _ . : @ / -");

export const workerResultRow = z.strictObject({
  line: sourceLine,
  kind: z.literal("worker"),
  batchId: uuid,
  applicationId: uuid,
  evaluatorId,
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, "Must be the contentHash of the batch line"),
  scores: z.record(key, criterionScore),
  rationale: multiLineText(10_000).default(""),
});

export const judgeResultRow = z.strictObject({
  line: sourceLine,
  kind: z.literal("judge"),
  batchId: uuid,
  applicationId: uuid,
  /** The worker whose result this judges. */
  evaluatorId,
  judgeId: evaluatorId,
  verdict: z.enum(JUDGE_VERDICTS),
  /** For `adjust`: the criterion scores that replace the worker's. */
  adjustedScores: z.record(key, criterionScore).optional(),
  reason: multiLineText(10_000).default(""),
});

export const resultRow = z.discriminatedUnion("kind", [workerResultRow, judgeResultRow]);
export type ResultRow = z.output<typeof resultRow>;

export const IMPORT_RESULTS_MAX_ROWS = 2_000;

/**
 * A chunk of a results file. Not all-or-nothing: each row is imported or rejected on its own (answered per line),
 * and a row already imported (same batch, application, evaluator / judge) is skipped, so a re-run adds nothing.
 * Rows arrive unchecked and are checked line by line on the server.
 */
export const importResultsInput = z.strictObject({
  cycleId: uuid,
  rows: batchRows(z.looseObject({ line: sourceLine }), IMPORT_RESULTS_MAX_ROWS),
});

// ── Scores and selection ─────────────────────────────────────────────────────────────────────────────────────

export const scoresListInput = z.strictObject({
  cycleId: uuid,
  limit: z.int().min(1).max(200).default(50),
  cursor: pageCursor,
  direction,
});

export const distributionInput = z.strictObject({ cycleId: uuid, buckets: z.int().min(2).max(50).default(20) });

export const overrideInput = z.strictObject({
  applicationId: uuid,
  decision: z.enum(OVERRIDE_DECISIONS),
  reason: paragraph(2_000),
});

export const promoteInput = z.strictObject({ cycleId: uuid, jobId: uuid });

export {
  ADMISSION_STATUSES,
  CYCLE_PHASES,
  JUDGE_VERDICTS,
  MAX_CRITERIA,
  MAX_FORM_QUESTIONS,
  NEXT_PHASE,
  OVERRIDE_DECISIONS,
  PII_KINDS,
  QUESTION_KINDS,
  QUESTION_MAX_LENGTH,
  SCORE_RANGE,
  phaseAtLeast,
  type AdmissionStatus,
  type CyclePhase,
  type FormQuestionKind,
  type JudgeVerdict,
  type OverrideDecision,
  type PiiKind,
} from "@shortlist/db/constants";
