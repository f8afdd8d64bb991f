/** The interviews module's inputs (browser-safe). Objects are strict: an unknown field is refused. */
import {
  AUDIO_MAX_BYTES,
  AUDIO_MEDIA_TYPES,
  CV_MAX_BYTES,
  CV_MEDIA_TYPES,
  INTERVIEW_STATUSES,
  QUESTION_TYPES,
} from "@shortlist/db/constants";
import { z } from "zod";
import { batchRows, sourceLine } from "../shared/batch";
import { recordVersion, uuid } from "../shared/ids";
import { pathPattern } from "../shared/paths";
import { multiLineText, singleLineText } from "../shared/text";

const line = (max: number) => singleLineText(max).pipe(z.string().trim().min(1, "Must not be empty"));
const paragraph = (max: number) => multiLineText(max).pipe(z.string().trim().min(1, "Must not be empty"));
const cursor = z
  .string()
  .regex(/^[A-Za-z0-9_:.-]{1,200}$/, "Must be the nextCursor of a previous page")
  .nullish();
/** Sent by tRPC's infinite queries beside the cursor; pages only go forward. */
const direction = z.literal("forward").optional();

// ── Question bank ────────────────────────────────────────────────────────────────────────────────────────────

export const rubricCriterion = z.strictObject({
  name: line(120),
  weight: z.int().min(1, "From 1 to 5").max(5, "From 1 to 5").default(3),
  strongAnswer: paragraph(2_000),
  keywords: z.array(line(80)).max(30).default([]),
});
export type RubricCriterionInput = z.input<typeof rubricCriterion>;

/** A skill or tag: one line, at most 100 characters (skills are stored under the shared list's canonical name). */
const label = line(100);

/** A question's fields without defaults: an update's `changes` leaves out what it keeps. */
const questionShape = {
  text: paragraph(4_000),
  type: z.enum(QUESTION_TYPES, { error: `Must be one of: ${QUESTION_TYPES.join(", ")}` }),
  difficulty: z.int({ error: "From 1 to 5" }).min(1, "From 1 to 5").max(5, "From 1 to 5"),
  skills: z.array(label).max(20, "At most 20 skills"),
  tags: z.array(label).max(20, "At most 20 tags"),
  rubric: z.array(rubricCriterion).min(1, "Give the rubric at least one criterion").max(10, "At most 10 criteria"),
  idealAnswer: multiLineText(8_000),
  followUps: z.array(paragraph(1_000)).max(10, "At most 10 follow-ups"),
  timeLimitSeconds: z.int().min(30, "At least 30 seconds").max(3_600, "At most an hour"),
  active: z.boolean(),
};

export const questionFields = z.strictObject({
  ...questionShape,
  skills: questionShape.skills.default([]),
  tags: questionShape.tags.default([]),
  idealAnswer: questionShape.idealAnswer.default(""),
  followUps: questionShape.followUps.default([]),
  timeLimitSeconds: questionShape.timeLimitSeconds.default(300),
  active: questionShape.active.default(true),
});
export type QuestionFields = z.output<typeof questionFields>;
export type QuestionFieldsInput = z.input<typeof questionFields>;

export const createQuestionInput = questionFields;
export const updateQuestionInput = z.strictObject({
  id: uuid,
  version: recordVersion,
  /** Only the fields given change (no defaults here: a field left out keeps its value). */
  changes: z.strictObject(questionShape).partial(),
});
export type UpdateQuestionInput = z.input<typeof updateQuestionInput>;

export const questionListInput = z
  .strictObject({
    /** Web-search syntax: words, "a phrase", -excluded, or. Ranked by relevance when given. */
    q: singleLineText(200).optional(),
    skills: z.array(label).max(20).default([]),
    /** all: every listed skill; any: at least one. */
    skillsMatch: z.enum(["all", "any"]).default("any"),
    tags: z.array(label).max(20).default([]),
    types: z.array(z.enum(QUESTION_TYPES)).max(QUESTION_TYPES.length).default([]),
    difficultyMin: z.int().min(1).max(5).default(1),
    difficultyMax: z.int().min(1).max(5).default(5),
    /** true: active only (the default); false: retired only; "all": both. */
    active: z.union([z.boolean(), z.literal("all")]).default(true),
    limit: z.int().min(1).max(100).default(25),
    cursor,
    direction,
  })
  .refine((v) => v.difficultyMin <= v.difficultyMax, {
    path: ["difficultyMax"],
    message: "Must not be below the minimum",
  });
export type QuestionListInput = z.input<typeof questionListInput>;

/** One line of a question JSONL file: the question's fields and the line they came from. */
export const questionImportRow = questionFields.extend({ line: sourceLine });
export const importQuestionsInput = z.strictObject({
  rows: batchRows(z.looseObject({ line: sourceLine }), 500),
  /** Check every row and answer the results without saving anything. */
  dryRun: z.boolean().default(false),
});
export type ImportQuestionsInput = z.input<typeof importQuestionsInput>;

export const exportQuestionsInput = z.strictObject({
  active: z.union([z.boolean(), z.literal("all")]).default("all"),
  limit: z.int().min(1).max(1_000).default(500),
  cursor,
});

// ── CV analysis ──────────────────────────────────────────────────────────────────────────────────────────────

export const CV_UPLOAD = { field: "file", maxBytes: CV_MAX_BYTES, types: CV_MEDIA_TYPES } as const;
/** POST a CV (multipart field `file`) for a candidate; answers the stored document and its analysis. Writers. */
export const cvUploadPath = pathPattern("/api/candidates/:candidateId/cv");
/** GET the CV file as uploaded. Writers. */
export const cvDownloadPath = pathPattern("/api/cv/:id/file");

export const candidateCvInput = z.strictObject({ candidateId: uuid });
/** Re-run the analysis of a stored CV (e.g. after a model was configured). */
export const analyseCvInput = z.strictObject({
  documentId: uuid,
  analyser: z.enum(["builtin", "model"]).default("builtin"),
});

// ── Interviews ───────────────────────────────────────────────────────────────────────────────────────────────

export const createInterviewInput = z.strictObject({
  applicationId: uuid,
  /** An interviewer persona (mode "interviewer"); the built-in one when left out. */
  personaId: uuid.nullish(),
  /** How many questions the plan holds (default 6). */
  questionCount: z.int().min(1).max(30).default(6),
});
export type CreateInterviewInput = z.input<typeof createInterviewInput>;

export const interviewListInput = z.strictObject({
  applicationId: uuid.optional(),
  jobId: uuid.optional(),
  candidateId: uuid.optional(),
  statuses: z.array(z.enum(INTERVIEW_STATUSES)).max(INTERVIEW_STATUSES.length).default([]),
  limit: z.int().min(1).max(100).default(25),
  cursor,
  direction,
});

/** The whole plan as the recruiter arranged it: question ids in order (a bank question may appear once). */
export const updatePlanInput = z.strictObject({
  id: uuid,
  version: recordVersion,
  questionIds: z
    .array(uuid)
    .min(1, "Keep at least one question")
    .max(30, "At most 30 questions")
    .refine((ids) => new Set(ids).size === ids.length, "A question appears twice"),
});
export type UpdatePlanInput = z.input<typeof updatePlanInput>;

/** READY: issues the candidate link and emails it; `days` until it expires. */
export const sendLinkInput = z.strictObject({
  id: uuid,
  version: recordVersion,
  days: z.int().min(1).max(60).default(7),
});
export const interviewMoveInput = z.strictObject({
  id: uuid,
  version: recordVersion,
  reason: singleLineText(200).optional(),
});

export const overrideScoreInput = z.strictObject({
  answerId: uuid,
  version: recordVersion,
  /** 0–100, replacing the evaluator's; null clears the override. */
  score: z.number().min(0, "From 0 to 100").max(100, "From 0 to 100").nullable(),
  reason: paragraph(1_000).nullish(),
});
export type OverrideScoreInput = z.input<typeof overrideScoreInput>;

export const reevaluateInput = z.strictObject({
  id: uuid,
  evaluator: z.enum(["builtin", "model"]).default("builtin"),
});

// ── The candidate's side (public, by link token) ─────────────────────────────────────────────────────────────

/** The link's token: 43 characters of base64url (32 random bytes). */
export const linkToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, "This interview link is not valid: check that it was copied whole");
export const linkInput = z.strictObject({ token: linkToken });
/** The candidate's page in the SPA: the link's URL is the server's public origin followed by this path. */
export const candidateInterviewPagePath = (token: string) => `/interview/${encodeURIComponent(token)}`;
export const candidateAnswerInput = z.strictObject({
  token: linkToken,
  /** The planned question this answers (guards against a stale tab answering the wrong one). */
  questionId: uuid,
  text: multiLineText(20_000).pipe(z.string().trim().min(1, "Write your answer first")),
});
export type CandidateAnswerInput = z.input<typeof candidateAnswerInput>;
/** Waits (at most `timeoutMs`) until the interviewer's next turn is written. */
export const awaitTurnInput = z.strictObject({
  token: linkToken,
  afterSeq: z.int().min(0),
  timeoutMs: z.int().min(0).max(25_000).default(15_000),
});

export const AUDIO_UPLOAD = { field: "audio", maxBytes: AUDIO_MAX_BYTES, types: AUDIO_MEDIA_TYPES } as const;
/** POST an answer's recording (multipart field `audio`) with the link's token: public. */
export const answerAudioPath = pathPattern("/api/interview-links/:token/questions/:questionId/audio");
/** GET an answer's recording: writers. */
export const answerAudioDownloadPath = pathPattern("/api/interview-answers/:id/audio");

// ── Matching ─────────────────────────────────────────────────────────────────────────────────────────────────

export const rankCandidatesInput = z.strictObject({
  jobId: uuid,
  /** applied: the job's applications; everyone: every candidate in the database not yet in the job. */
  scope: z.enum(["applied", "everyone"]).default("applied"),
  limit: z.int().min(1).max(200).default(50),
  cursor,
  direction,
});
export type RankCandidatesInput = z.input<typeof rankCandidatesInput>;
/** How matching scores (logic/matching.ts): its factors, labels and weights, and the words beside each factor. */
export {
  activeWeights,
  BASE_WEIGHTS,
  FACTOR_LABELS,
  factorDetail,
  MATCH_FACTORS,
  profileSkills,
  SENIORITY_SPAN,
  YEARS_CAP,
  type MatchContext,
  type MatchFactor,
  type MatchFacts,
  type ProfileSkill,
} from "./logic/matching";

export const addMatchesInput = z.strictObject({
  jobId: uuid,
  candidateIds: z.array(uuid).min(1, "Pick at least one candidate").max(200, "At most 200 at once"),
});

export {
  AUDIO_MAX_BYTES,
  AUDIO_MEDIA_TYPES,
  CV_MAX_BYTES,
  CV_MEDIA_TYPES,
  EVALUATOR_KINDS,
  INTERVIEW_MOVES,
  INTERVIEW_STATUSES,
  QUESTION_TYPES,
  type EvaluatorKind,
  type InterviewStatus,
  type QuestionType,
} from "@shortlist/db/constants";
