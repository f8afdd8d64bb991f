/** Browser-safe constants of the interviews module (question bank, CV analyses, interviews, evaluations). */
export const QUESTION_TYPES = [
  "technical",
  "behavioural",
  "situational",
  "system_design",
  "coding",
  "role_specific",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const QUESTION_DIFFICULTY = { min: 1, max: 5 } as const;

/**
 * PREPARING: the plan is being built and edited. READY: a candidate link is out. IN_PROGRESS: the candidate has
 * started. COMPLETED: every question answered or the time ran out. CANCELLED by a recruiter; EXPIRED when the link's
 * time passed before the candidate finished.
 */
export const INTERVIEW_STATUSES = ["PREPARING", "READY", "IN_PROGRESS", "COMPLETED", "CANCELLED", "EXPIRED"] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

/** The moves allowed from each status (everything else is refused with the allowed list). */
export const INTERVIEW_MOVES: Record<InterviewStatus, readonly InterviewStatus[]> = {
  PREPARING: ["READY", "CANCELLED"],
  READY: ["IN_PROGRESS", "PREPARING", "CANCELLED", "EXPIRED"],
  IN_PROGRESS: ["COMPLETED", "CANCELLED", "EXPIRED"],
  COMPLETED: [],
  /** Reopened: back to PREPARING (answers kept), for a new link. */
  CANCELLED: ["PREPARING"],
  EXPIRED: ["PREPARING"],
};

/** Who scored an answer: the deterministic rubric-coverage evaluator or a model judging against the same rubric. */
export const EVALUATOR_KINDS = ["builtin", "model"] as const;
export type EvaluatorKind = (typeof EVALUATOR_KINDS)[number];

/** Who analysed a CV. */
export const CV_ANALYSERS = ["builtin", "model"] as const;
export type CvAnalyser = (typeof CV_ANALYSERS)[number];

/** The file types a CV may be; checked by content (magic bytes), not by the name. */
export const CV_MEDIA_TYPES = [
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "text/plain",
] as const;
export type CvMediaType = (typeof CV_MEDIA_TYPES)[number];
export const CV_MAX_BYTES = 5 * 1024 * 1024;

/** Answer audio: a browser's MediaRecorder output. */
export const AUDIO_MEDIA_TYPES = ["audio/webm", "audio/ogg", "audio/mp4", "audio/mpeg", "audio/wav"] as const;
export const AUDIO_MAX_BYTES = 10 * 1024 * 1024;

/** A candidate link lives this long unless the recruiter says otherwise. */
export const INTERVIEW_LINK_DEFAULT_DAYS = 7;
