/**
 * Vetting input schemas (assessments, activity records, benchmarks, reports).
 * Shared with the SPA and the CLI: nothing here imports server code.
 */
import { BENCHMARK_SOURCES } from "@shortlist/db/constants";
import { z } from "zod";
import { batchRows, lineRow } from "../shared/batch";
import { idInput, uuid } from "../shared/ids";
import { pathPattern } from "../shared/paths";
import { multiLineText, singleLineText, type TextMessages } from "../shared/text";

/** The metrics' glossary and the percentile's label travel with the schemas: the SPA and the PDF word them alike. */
export { METRIC_GLOSSARY, percentileLabel, type GlossaryEntry, type PercentileTakenAt } from "./logic/glossary";

/** Most activity records one call takes; a bigger file goes in several calls (each all-or-nothing). */
export const MAX_IMPORT_RECORDS = 2000;

const messages: TextMessages = {
  max: (max) => `must be at most ${max} characters`,
  control: "must not contain control characters (such as line breaks, tabs or terminal escape sequences)",
  unicode: "must be valid Unicode text",
};

const text = (max: number) => singleLineText(max, messages).transform((s) => s.trim());
const longText = (max: number) =>
  multiLineText(max, {
    ...messages,
    control: "must not contain control characters other than line breaks and tabs",
  }).transform((s) => s.trim());

export const activityRef = z
  .string({ error: "must be text" })
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .regex(/^[A-Za-z0-9._:-]+$/, "may hold letters, digits and . _ : - only");

/** A Date, or an ISO 8601 timestamp with a time zone (as in a JSONL file). */
const TIMESTAMP_ERROR = "must be an ISO 8601 timestamp with a time zone, e.g. 2026-01-05T09:00:00Z";
export const activityTimestamp = z
  .union([z.date({ error: TIMESTAMP_ERROR }), z.iso.datetime({ offset: true, error: TIMESTAMP_ERROR })], {
    error: TIMESTAMP_ERROR,
  })
  .transform((v) => (typeof v === "string" ? new Date(v) : v));

/** A domain: any non-empty name (one outside the assessment's domains counts toward the interest ratio). */
export const activityDomain = singleLineText(100, {
  ...messages,
  control: "must not contain control characters (unknown domain)",
})
  .transform((s) => s.trim())
  .pipe(z.string().min(1, "must not be empty (unknown domain)"));
export const questionText = longText(5000).pipe(z.string().min(1, "must not be empty"));

const line = z.int().positive().optional();

export const sessionRecordSchema = z.strictObject({
  type: z.literal("session"),
  line,
  ref: activityRef,
  start: activityTimestamp,
  end: activityTimestamp,
});

export const questionRecordSchema = z.strictObject({
  type: z.literal("question"),
  line,
  ref: activityRef,
  session: activityRef,
  domain: activityDomain,
  text: questionText,
  askedAt: activityTimestamp,
  followUpOf: activityRef.nullish().transform((v) => v ?? null),
});

/** One line of an activity JSONL file (docs/scoring.md §1). `line` is the file's line number, added by the CLI. */
export const activityRecordSchema = z.discriminatedUnion("type", [sessionRecordSchema, questionRecordSchema], {
  error: 'must be "session" or "question"',
});

export type SessionRecord = z.output<typeof sessionRecordSchema>;
export type QuestionRecord = z.output<typeof questionRecordSchema>;
export type ActivityRecord = z.output<typeof activityRecordSchema>;
export type ActivityRecordInput = z.input<typeof activityRecordSchema>;

export const assessmentIdInput = z.strictObject({ assessmentId: uuid });
/** `applicationId` may be left out when the candidate has one open application. */
export const startAssessmentInput = z.strictObject({ candidateId: uuid, applicationId: uuid.optional() });
export const candidateIdOnlyInput = z.strictObject({ candidateId: uuid });
export const vettingIdInput = idInput;

export const recordSessionInput = z.strictObject({
  assessmentId: uuid,
  session: z.strictObject({ ref: activityRef.optional(), start: activityTimestamp, end: activityTimestamp }),
  questions: z
    .array(
      z.strictObject({
        ref: activityRef.optional(),
        domain: activityDomain,
        text: questionText,
        askedAt: activityTimestamp,
        followUpOf: activityRef.nullish(),
      }),
    )
    .max(500, "Record at most 500 questions per session"),
});

export const importActivityInput = z.strictObject({
  assessmentId: uuid,
  /**
   * Parsed JSONL lines, each with its file `line` (the batch-import contract, shared/batch.ts); each is checked
   * on the server, and any bad one rejects the whole call with every problem by line.
   */
  rows: batchRows(lineRow, MAX_IMPORT_RECORDS),
});

const roleName = text(255).pipe(z.string().min(1, "Enter the role"));
const companyName = text(255)
  .nullish()
  .transform((v) => v || null);

export const benchmarkScopeInput = z.strictObject({ role: roleName, company: companyName });

const finite = z.number().refine(Number.isFinite, "Must be a finite number");
const band = z
  .strictObject({ p50: finite, p75: finite, p90: finite })
  .refine((b) => b.p50 <= b.p75 && b.p75 <= b.p90, "Bands must rise: p50 ≤ p75 ≤ p90");

export const upsertEnteredBenchmarkInput = z.strictObject({
  role: roleName,
  company: companyName,
  /** How many people the entered bands stand for, if known (0: judgement). */
  sampleSize: z.int().min(0).max(1_000_000).default(0),
  bands: z.strictObject({
    learningVelocity: band,
    sophistication: band.refine((b) => b.p50 >= 1 && b.p90 <= 7, "Sophistication bands lie within 1–7"),
    chainDepth: band.refine((b) => b.p50 >= 1, "Chain depth bands are at least 1"),
    taoIndex: band.refine((b) => b.p50 >= 0 && b.p90 <= 100, "Tao index bands lie within 0–100"),
  }),
});

/** The newest few, for overviews (the home screen): a plain limit, newest first. */
export const recentListInput = z
  .strictObject({
    limit: z.int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").default(10),
  })
  .default({ limit: 10 });

export const listBenchmarksInput = z
  .strictObject({
    role: text(255).optional(),
    source: z.enum(BENCHMARK_SOURCES).optional(),
  })
  .default({});

export type RecordSessionInput = z.output<typeof recordSessionInput>;
export type UpsertEnteredBenchmarkInput = z.output<typeof upsertEnteredBenchmarkInput>;
export type BenchmarkScopeInput = z.output<typeof benchmarkScopeInput>;
export type ListBenchmarksInput = z.output<typeof listBenchmarksInput>;
export type RecentListInput = z.output<typeof recentListInput>;

/** GET a report's PDF (session cookie or Bearer token): `reportPdfPath.build({ id })`, for the SPA and the CLI alike. */
export const reportPdfPath = pathPattern("/api/reports/:id/pdf");
