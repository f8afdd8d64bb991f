import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Candidate } from "../candidates/entities";
import { baseProperties, versionProperty } from "../common";
import { ChatMessage, Conversation, Persona } from "../conversations/entities";
import { User } from "../identity/entities";
import { Application, Job } from "../jobs/entities";
import type { Sealed } from "../privacy/sealed";
import { RECOMMENDATIONS } from "../vetting/constants";
import { EVALUATOR_KINDS, INTERVIEW_STATUSES, QUESTION_TYPES } from "./constants";

/** One criterion of a question's rubric: what a strong answer shows, and how much it counts. */
export interface RubricCriterion {
  name: string;
  /** Relative weight, 1 to 5. */
  weight: number;
  /** What a strong answer shows for this criterion (the evaluator's reference text). */
  strongAnswer: string;
  /** Words and phrases that evidence the criterion (optional; the evaluator also reads `strongAnswer`). */
  keywords?: string[];
}

const textArray = () =>
  p
    .array()
    .columnType("text[]")
    .defaultRaw("'{}'")
    .onCreate(() => []);

export const Question = defineEntity({
  name: "Question",
  tableName: "questions",
  properties: {
    ...baseProperties,
    ...versionProperty,
    text: p.text(),
    type: p.enum(QUESTION_TYPES).nativeEnumName("question_type"),
    /** 1 (warm-up) to 5 (expert). */
    difficulty: p.integer(),
    /** Canonical skill names from the shared skills list ("PostgreSQL"). */
    skills: textArray(),
    /** Free labels, lower-cased ("backend", "nursing"). */
    tags: textArray(),
    rubric: p.json<RubricCriterion[]>(),
    idealAnswer: p.text().default(""),
    followUps: textArray(),
    timeLimitSeconds: p.integer().default(300),
    author: () => p.manyToOne(User).nullable().deleteRule("set null"),
    active: p.boolean().default(true),
    /** Set on the starter bank's questions: `npm run db:seed` finds them by it (re-running adds nothing twice). */
    starterKey: p.string().length(100).nullable().unique("questions_starter_key_unique"),
    timesAsked: p.integer().default(0),
    scoredCount: p.integer().default(0),
    /** Sum of final answer scores (0–100); mean = scoreTotal / scoredCount. */
    scoreTotal: p.double().default(0),
    /** text + rubric + ideal answer, written by the service on every save (full-text search reads it). */
    searchText: p.text().default(""),
  },
  indexes: [
    { name: "questions_type_difficulty_idx", properties: ["type", "difficulty"] },
    { name: "questions_created_idx", properties: ["createdAt", "id"] },
    {
      name: "questions_skills_gin_idx",
      expression: "create index questions_skills_gin_idx on questions using gin (skills)",
    },
    { name: "questions_tags_gin_idx", expression: "create index questions_tags_gin_idx on questions using gin (tags)" },
    {
      name: "questions_search_idx",
      expression: "create index questions_search_idx on questions using gin (to_tsvector('english', search_text))",
    },
  ],
  checks: [{ name: "questions_difficulty_check", expression: "difficulty >= 1 and difficulty <= 5" }],
});
export type IQuestion = InferEntity<typeof Question>;

/** An uploaded CV: the file and its extracted text, both sealed with the candidate's key. */
export const CvDocument = defineEntity({
  name: "CvDocument",
  tableName: "cv_documents",
  properties: {
    ...baseProperties,
    candidate: () => p.manyToOne(Candidate).deleteRule("cascade").index(),
    /** `{ name, base64 }`: the file as uploaded, sealed (the file name often holds the person's name). */
    fileSealed: p.json<Sealed>(),
    mediaType: p.string().length(100),
    sizeBytes: p.integer(),
    sha256: p.string().length(64),
    /** `{ fileName, text }`: the extracted plain text (with the name, to show it without opening the file), sealed; evidence spans in the analysis are offsets into the text. */
    textSealed: p.json<Sealed>(),
    uploadedBy: () => p.manyToOne(User).nullable().deleteRule("set null"),
  },
});
export type ICvDocument = InferEntity<typeof CvDocument>;

/** One skill a CV evidences: where (offsets into the extracted text) and for how long. */
export interface CvSkillEvidence {
  skill: string;
  category: string | null;
  years: number | null;
  /** [start, end) character offsets into the document's extracted text. */
  spans: [number, number][];
}

export const CvAnalysis = defineEntity({
  name: "CvAnalysis",
  tableName: "cv_analyses",
  properties: {
    ...baseProperties,
    document: () => p.manyToOne(CvDocument).deleteRule("cascade").index(),
    candidate: () => p.manyToOne(Candidate).deleteRule("cascade"),
    /** `builtin` or `model`, and its version or model name: "builtin@1", "model:qwen2.5-7b". */
    analyser: p.string().length(200),
    skills: p.json<CvSkillEvidence[]>(),
    totalYears: p.double().nullable(),
    /** One of intake's SENIORITIES. */
    seniority: p.string().length(20).nullable(),
    languages: textArray(),
    /** Education entries (degree, field, institution, years) and anything else identifying, sealed. */
    detailsSealed: p.json<Sealed>(),
  },
  indexes: [{ name: "cv_analyses_candidate_created_idx", properties: ["candidate", "createdAt"] }],
});
export type ICvAnalysis = InferEntity<typeof CvAnalysis>;

/** A candidate's current skills, from their latest analysis (replaced whole by each new one): matching reads it. */
export const CandidateSkill = defineEntity({
  name: "CandidateSkill",
  tableName: "candidate_skills",
  properties: {
    candidate: () => p.manyToOne(Candidate).primary().deleteRule("cascade"),
    skill: p.string().length(100).primary(),
    years: p.double().nullable(),
    evidenceCount: p.integer().default(1),
    analysis: () => p.manyToOne(CvAnalysis).deleteRule("cascade").index(),
  },
  indexes: [{ name: "candidate_skills_skill_idx", properties: ["skill", "candidate"] }],
});
export type ICandidateSkill = InferEntity<typeof CandidateSkill>;

export const Interview = defineEntity({
  name: "Interview",
  tableName: "interviews",
  properties: {
    ...baseProperties,
    ...versionProperty,
    application: () => p.manyToOne(Application).deleteRule("cascade").index(),
    candidate: () => p.manyToOne(Candidate).deleteRule("cascade").index(),
    job: () => p.manyToOne(Job).deleteRule("cascade").index(),
    status: p.enum(INTERVIEW_STATUSES).nativeEnumName("interview_status").default("PREPARING"),
    /** The interviewer persona (mode "interviewer"); the built-in one unless the recruiter picks another. */
    persona: () => p.manyToOne(Persona).nullable().deleteRule("set null"),
    conversation: () => p.manyToOne(Conversation).nullable().deleteRule("set null"),
    /** The CV analysis the plan was built from, if any. */
    cvAnalysis: () => p.manyToOne(CvAnalysis).nullable().deleteRule("set null"),
    /** One of intake's SENIORITIES: the level the plan's difficulty was chosen for. */
    targetSeniority: p.string().length(20).nullable(),
    /** Position of the question being asked (0-based); equals the plan's length once all are answered. */
    currentIndex: p.integer().default(0),
    startedAt: p.datetime(3).nullable(),
    completedAt: p.datetime(3).nullable(),
    /** Why it ended: "all answered", "time ran out", "cancelled: …". */
    endReason: p.string().length(200).nullable(),
    createdBy: () => p.manyToOne(User).nullable().deleteRule("set null"),
  },
  indexes: [{ name: "interviews_status_idx", properties: ["status", "updatedAt"] }],
});
export type IInterview = InferEntity<typeof Interview>;

/** One planned question: a snapshot of the bank's question at planning time (later edits to the bank don't move it). */
export const InterviewQuestion = defineEntity({
  name: "InterviewQuestion",
  tableName: "interview_questions",
  properties: {
    ...baseProperties,
    interview: () => p.manyToOne(Interview).deleteRule("cascade"),
    question: () => p.manyToOne(Question).nullable().deleteRule("set null").index(),
    position: p.integer(),
    text: p.text(),
    type: p.enum(QUESTION_TYPES).nativeEnumName("question_type"),
    difficulty: p.integer(),
    skills: textArray(),
    rubric: p.json<RubricCriterion[]>(),
    idealAnswer: p.text().default(""),
    followUps: textArray(),
    timeLimitSeconds: p.integer(),
    /** Why the plan asks it: "must-have: PostgreSQL", "gap: Kubernetes (required, not in the CV)", "added by Ana". */
    reason: p.string().length(300).default(""),
    askedAt: p.datetime(3).nullable(),
  },
  indexes: [{ name: "interview_questions_interview_position_idx", properties: ["interview", "position"] }],
});
export type IInterviewQuestion = InferEntity<typeof InterviewQuestion>;

/** A candidate link: random, single-interview, expiring, revocable. Only the token's SHA-256 is stored. */
export const InterviewLink = defineEntity({
  name: "InterviewLink",
  tableName: "interview_links",
  properties: {
    ...baseProperties,
    interview: () => p.manyToOne(Interview).deleteRule("cascade").index(),
    tokenHash: p.string().length(64).unique("interview_links_token_hash_unique"),
    expiresAt: p.datetime(3),
    revokedAt: p.datetime(3).nullable(),
    lastOpenedAt: p.datetime(3).nullable(),
    createdBy: () => p.manyToOne(User).nullable().deleteRule("set null"),
  },
});
export type IInterviewLink = InferEntity<typeof InterviewLink>;

export const InterviewAnswer = defineEntity({
  name: "InterviewAnswer",
  tableName: "interview_answers",
  properties: {
    ...baseProperties,
    ...versionProperty,
    interview: () => p.manyToOne(Interview).deleteRule("cascade").index(),
    interviewQuestion: () =>
      p.manyToOne(InterviewQuestion).deleteRule("cascade").unique("interview_answers_question_unique"),
    /** The answer's text (follow-up answers appended in order), sealed with the candidate's key. */
    textSealed: p.json<Sealed>(),
    /** `{ mediaType, base64 }` of an optional recording, sealed. */
    audioSealed: p.json<Sealed>().nullable(),
    audioBytes: p.integer().nullable(),
    /** The chat message that carried the answer (the interview's conversation). */
    message: () => p.manyToOne(ChatMessage).nullable().deleteRule("set null"),
    submittedAt: p.datetime(3),
    secondsTaken: p.integer().nullable(),
    /** Submitted after the question's time limit (kept, and marked). */
    overTime: p.boolean().default(false),
    /** A reviewer's score (0–100) replacing the evaluator's, with the reason (audited). */
    overrideScore: p.double().nullable(),
    overrideReason: p.text().nullable(),
    overriddenBy: () => p.manyToOne(User).nullable().deleteRule("set null"),
    overriddenAt: p.datetime(3).nullable(),
  },
});
export type IInterviewAnswer = InferEntity<typeof InterviewAnswer>;

/** One criterion's score in an evaluation. */
export interface CriterionScore {
  criterion: string;
  weight: number;
  /** 0 to 1. */
  score: number;
  feedback: string;
  /** Rubric points found in the answer (builtin) or quoted by the judge. */
  matched: string[];
}

export const AnswerEvaluation = defineEntity({
  name: "AnswerEvaluation",
  tableName: "answer_evaluations",
  properties: {
    ...baseProperties,
    answer: () => p.manyToOne(InterviewAnswer).deleteRule("cascade"),
    evaluator: p.enum(EVALUATOR_KINDS).nativeEnumName("evaluator_kind"),
    /** "builtin@1" or the model's name. */
    evaluatorVersion: p.string().length(200),
    criteria: p.json<CriterionScore[]>(),
    /** 0 to 100, the weighted mean of the criteria. */
    score: p.double(),
    feedback: p.text().default(""),
  },
  uniques: [{ name: "answer_evaluations_answer_evaluator_unique", properties: ["answer", "evaluator"] }],
});
export type IAnswerEvaluation = InferEntity<typeof AnswerEvaluation>;

export interface SkillScore {
  skill: string;
  /** 0 to 100. */
  score: number;
  answers: number;
}

export const Scorecard = defineEntity({
  name: "Scorecard",
  tableName: "interview_scorecards",
  properties: {
    ...baseProperties,
    ...versionProperty,
    interview: () =>
      p.oneToOne(Interview).owner().deleteRule("cascade").unique("interview_scorecards_interview_unique"),
    application: () => p.manyToOne(Application).deleteRule("cascade").index(),
    skills: p.json<SkillScore[]>(),
    /** 0 to 100: the mean of the answers' final scores, weighted by difficulty. */
    overall: p.double(),
    recommendation: p.enum(RECOMMENDATIONS),
    summary: p.text().default(""),
    answered: p.integer(),
    planned: p.integer(),
  },
});
export type IScorecard = InferEntity<typeof Scorecard>;

/** The interviews module's tables, for the ORM's list in ../entities.ts. */
export const interviewsEntities = [
  Question,
  CvDocument,
  CvAnalysis,
  CandidateSkill,
  Interview,
  InterviewQuestion,
  InterviewLink,
  InterviewAnswer,
  AnswerEvaluation,
  Scorecard,
];
