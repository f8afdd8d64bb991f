/** What the interviews module's procedures answer (DTOs; never entities). */
import type {
  CriterionScore,
  EvaluatorKind,
  InterviewStatus,
  QuestionType,
  Recommendation,
  RubricCriterion,
  SkillScore,
} from "@shortlist/db";

export interface QuestionDTO {
  id: string;
  version: number;
  text: string;
  type: QuestionType;
  difficulty: number;
  skills: string[];
  tags: string[];
  rubric: RubricCriterion[];
  idealAnswer: string;
  followUps: string[];
  timeLimitSeconds: number;
  author: { id: string; name: string } | null;
  /** Shipped with Shortlist (the starter bank). */
  starter: boolean;
  active: boolean;
  timesAsked: number;
  /** Mean final score (0–100) of its answers; null before any was scored. */
  meanScore: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface QuestionListItemDTO extends QuestionDTO {
  /** Full-text relevance when the list was searched with `q`. */
  rank: number | null;
}

export interface QuestionPage {
  items: QuestionListItemDTO[];
  nextCursor: string | null;
}

/** One line of a JSONL export (and what an import reads): the fields of `questionFields`. */
export interface QuestionExportRow {
  text: string;
  type: QuestionType;
  difficulty: number;
  skills: string[];
  tags: string[];
  rubric: RubricCriterion[];
  idealAnswer: string;
  followUps: string[];
  timeLimitSeconds: number;
  active: boolean;
}
export interface QuestionExportPage {
  rows: QuestionExportRow[];
  nextCursor: string | null;
}

export interface CvSkillDTO {
  skill: string;
  category: string | null;
  years: number | null;
  /** [start, end) offsets into `CvAnalysisDTO.text`. */
  spans: [number, number][];
}

export interface EducationEntry {
  degree: string | null;
  field: string | null;
  institution: string | null;
  startYear: number | null;
  endYear: number | null;
}

export interface CvAnalysisDTO {
  id: string;
  documentId: string;
  candidateId: string;
  /** "builtin@1" or "model:<name>". */
  analyser: string;
  skills: CvSkillDTO[];
  totalYears: number | null;
  seniority: string | null;
  languages: string[];
  education: EducationEntry[];
  createdAt: Date;
}

export interface CvDocumentDTO {
  id: string;
  candidateId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** The extracted text (evidence spans point into it). */
  text: string;
  uploadedBy: { id: string; name: string } | null;
  createdAt: Date;
}

/** The candidate page's CV panel: the latest document and its latest analysis, or nulls. */
export interface CandidateCvDTO {
  document: CvDocumentDTO | null;
  analysis: CvAnalysisDTO | null;
  /** The analyser `cvs.analyse({ analyser: "model" })` would use ("model:<name>"), or null when no model is configured. */
  modelAnalyser: string | null;
}

export interface PlannedQuestionDTO {
  id: string;
  /** The bank question it was planned from (null if that was deleted). */
  questionId: string | null;
  position: number;
  text: string;
  type: QuestionType;
  difficulty: number;
  skills: string[];
  rubric: RubricCriterion[];
  followUps: string[];
  timeLimitSeconds: number;
  reason: string;
  askedAt: Date | null;
}

export interface InterviewLinkDTO {
  id: string;
  expiresAt: Date;
  revokedAt: Date | null;
  lastOpenedAt: Date | null;
  createdAt: Date;
  /** The full URL: present only in the answer of the call that issued it (only its hash is stored). */
  url: string | null;
}

export interface InterviewDTO {
  id: string;
  version: number;
  applicationId: string;
  candidate: { id: string; name: string };
  job: { id: string; title: string; company: string };
  status: InterviewStatus;
  /** The statuses this one may move to. */
  allowedMoves: InterviewStatus[];
  persona: { id: string; name: string } | null;
  conversationId: string | null;
  cvAnalysisId: string | null;
  targetSeniority: string | null;
  currentIndex: number;
  plan: PlannedQuestionDTO[];
  link: InterviewLinkDTO | null;
  answered: number;
  startedAt: Date | null;
  completedAt: Date | null;
  endReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface InterviewListItemDTO {
  id: string;
  applicationId: string;
  candidate: { id: string; name: string };
  job: { id: string; title: string };
  status: InterviewStatus;
  planned: number;
  answered: number;
  overall: number | null;
  updatedAt: Date;
}
export interface InterviewPage {
  items: InterviewListItemDTO[];
  nextCursor: string | null;
}

export interface EvaluationDTO {
  id: string;
  evaluator: EvaluatorKind;
  evaluatorVersion: string;
  criteria: CriterionScore[];
  score: number;
  feedback: string;
  createdAt: Date;
  /** When it was last (re-)run: a re-evaluation replaces the evaluator's row. */
  updatedAt: Date;
}

export interface AnswerDTO {
  id: string;
  version: number;
  interviewQuestionId: string;
  text: string;
  hasAudio: boolean;
  submittedAt: Date;
  secondsTaken: number | null;
  overTime: boolean;
  evaluations: EvaluationDTO[];
  override: { score: number; reason: string; by: { id: string; name: string } | null; at: Date } | null;
  /** The override when there is one, else the model's evaluation, else the built-in one. */
  finalScore: number | null;
}

export interface ScorecardDTO {
  id: string;
  interviewId: string;
  applicationId: string;
  skills: SkillScore[];
  overall: number;
  recommendation: Recommendation;
  summary: string;
  answered: number;
  planned: number;
  updatedAt: Date;
}

export interface InterviewResultsDTO {
  interview: InterviewDTO;
  answers: (AnswerDTO & { question: PlannedQuestionDTO })[];
  scorecard: ScorecardDTO | null;
}

/** Per bank question: how far the built-in evaluator agrees with reviewers' overrides (weak rubrics stand out). */
export interface RubricAgreementDTO {
  questionId: string;
  text: string;
  overrides: number;
  /** Mean |builtin − override| in points (0–100); null without overrides. */
  meanAbsoluteDifference: number | null;
  /** Share of overrides within 10 points of the built-in score. */
  agreement: number | null;
}

/** What the candidate's page shows: no recruiter data, no scores. */
export interface CandidateInterviewDTO {
  status: InterviewStatus;
  /** Why the page can't go on, in words for the candidate: expired, revoked, completed, cancelled. */
  closedReason: string | null;
  candidateFirstName: string;
  jobTitle: string;
  company: string;
  interviewerName: string;
  questionCount: number;
  /** Each planned question's time limit in plan order (the welcome screen says how long the interview takes). */
  timeLimitsSeconds: number[];
  /** The question to answer now (null before start and after the end). */
  current: {
    id: string;
    position: number;
    text: string;
    timeLimitSeconds: number;
    /** Seconds left on this question, counted by the server from when it was asked. */
    secondsLeft: number;
  } | null;
  /** The conversation so far (the interviewer's words and the candidate's answers), in order. */
  messages: { seq: number; role: "assistant" | "user"; content: string; status: string }[];
  answered: number;
}

export interface MatchFactorDTO {
  /** must_have, nice_to_have, years, seniority, assessment, interview. */
  factor: string;
  label: string;
  /** 0 to 1 before weighting. */
  value: number;
  weight: number;
  /** What it is made of, e.g. "PostgreSQL 4y, Kubernetes —". */
  detail: string;
}

export interface MatchDTO {
  candidate: { id: string; name: string; email: string };
  applicationId: string | null;
  /** 0 to 100. */
  score: number;
  factors: MatchFactorDTO[];
  matchedSkills: string[];
  missingSkills: string[];
}
export interface MatchPage {
  items: MatchDTO[];
  nextCursor: string | null;
  /** The job profile's skills the ranking used (empty: the job has no profile yet, ranking is by the rest). */
  mustHave: string[];
  niceToHave: string[];
}

export interface AddMatchesResult {
  added: number;
  alreadyInJob: number;
}
