import type { DomainScores, SessionTrendPoint } from "@shortlist/db/constants";

/** The recorded activity the scoring functions read: plain data, no database. */
export interface ActivitySession {
  ref: string;
  start: Date;
  end: Date;
}

export interface ActivityQuestion {
  ref: string;
  /** The `ref` of its session. */
  session: string;
  domain: string;
  text: string;
  askedAt: Date;
  /** The `ref` of the earlier question this one follows up, if any. */
  followUpOf: string | null;
}

/** Sessions and questions in order of arrival (the order ties are broken by). */
export interface Activity {
  /** The assessment's assigned domains. */
  domains: readonly string[];
  sessions: readonly ActivitySession[];
  questions: readonly ActivityQuestion[];
}

/** The metrics an assessment stores once scored (docs/scoring.md): plain data, no database. */
export interface AssessmentMetrics {
  learningVelocity: number;
  avgSophistication: number;
  chainDepth: number;
  longestChain: number;
  conceptRetention: number;
  interestRatio: number;
  taoIndex: number;
  domainScores: DomainScores;
  sessionTrend: SessionTrendPoint[];
  totalQueries: number;
  totalSessions: number;
  totalTimeMinutes: number;
}
