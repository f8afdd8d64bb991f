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
