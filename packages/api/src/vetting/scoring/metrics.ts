/** The assessment metrics over recorded activity (docs/scoring.md §3–§7). Pure functions. */
import type { DomainScores, SessionTrendPoint } from "@shortlist/db/constants";
import { chronologicalOrder, MAX_SOPHISTICATION, MIN_SOPHISTICATION, type QuestionScore } from "./sophistication";
import { domainKey } from "./text";
import type { ActivityQuestion, ActivitySession } from "./types";

export const mean = (values: readonly number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;

/** Least-squares slope of y over x = 1, 2, …, n; 0 for fewer than two points. */
export function leastSquaresSlope(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return 0;
  const xMean = (n + 1) / 2;
  const yMean = mean(ys);
  let num = 0;
  let den = 0;
  ys.forEach((y, i) => {
    const dx = i + 1 - xMean;
    num += dx * (y - yMean);
    den += dx * dx;
  });
  return num / den;
}

export interface ChainStats {
  /** Mean, over chains (questions that follow up nothing), of the chain's length: its deepest question's depth. */
  mean: number;
  longest: number;
  /** Depth of each question (1 for one that follows up nothing), in input order. */
  depths: number[];
}

/** Follow-up links form trees; a question's depth is 1 + its parent's. Links to unknown refs count as none. */
export function chainStats(questions: readonly Pick<ActivityQuestion, "ref" | "followUpOf">[]): ChainStats {
  const byRef = new Map(questions.map((q, i) => [q.ref, i]));
  const depths = new Array<number>(questions.length).fill(0);
  const rootOf = new Array<number>(questions.length).fill(-1);
  const resolve = (i: number, guard: number): void => {
    if (depths[i]) return;
    const parent = questions[i]!.followUpOf ? byRef.get(questions[i]!.followUpOf!) : undefined;
    if (parent === undefined || parent === i || guard > questions.length) {
      depths[i] = 1;
      rootOf[i] = i;
      return;
    }
    resolve(parent, guard + 1);
    depths[i] = depths[parent]! + 1;
    rootOf[i] = rootOf[parent]!;
  };
  questions.forEach((_, i) => resolve(i, 0));
  const chainLength = new Map<number, number>();
  depths.forEach((d, i) => chainLength.set(rootOf[i]!, Math.max(chainLength.get(rootOf[i]!) ?? 0, d)));
  return { mean: mean([...chainLength.values()]), longest: Math.max(0, ...depths), depths };
}

export interface SessionView {
  session: ActivitySession;
  /** Indexes into the question list, chronological. */
  questions: number[];
}

/** Sessions in chronological order (start time, ties by arrival), each with its questions. */
export function sessionsInOrder(
  sessions: readonly ActivitySession[],
  questions: readonly ActivityQuestion[],
): SessionView[] {
  const views = chronologicalOrder(sessions, (s) => s.start).map((i) => ({
    session: sessions[i]!,
    questions: [] as number[],
  }));
  const byRef = new Map(views.map((v) => [v.session.ref, v]));
  for (const qi of chronologicalOrder(questions, (q) => q.askedAt))
    byRef.get(questions[qi]!.session)?.questions.push(qi);
  return views;
}

export function sessionTrend(views: readonly SessionView[], scores: readonly QuestionScore[]): SessionTrendPoint[] {
  return views.map(({ session, questions }) => ({
    ref: session.ref,
    startedAt: session.start.toISOString(),
    questions: questions.length,
    meanSophistication: questions.length ? mean(questions.map((i) => scores[i]!.sophistication)) : null,
  }));
}

/** Slope of per-session mean sophistication over the sessions that have questions (x = 1, 2, …). */
export function learningVelocity(trend: readonly SessionTrendPoint[]): number {
  return leastSquaresSlope(trend.flatMap((p) => (p.meanSophistication === null ? [] : [p.meanSophistication])));
}

/**
 * Of the concepts first met in a session other than the last one with questions,
 * the share that comes back in a later session. 0 with fewer than two such sessions.
 */
export function conceptRetention(views: readonly SessionView[], scores: readonly QuestionScore[]): number {
  const sessions = views
    .filter((v) => v.questions.length)
    .map((v) => new Set(v.questions.flatMap((i) => scores[i]!.concepts)));
  if (sessions.length < 2) return 0;
  const firstSeen = new Map<string, number>();
  sessions.forEach((set, s) => set.forEach((c) => firstSeen.has(c) || firstSeen.set(c, s)));
  let eligible = 0;
  let retained = 0;
  for (const [concept, first] of firstSeen) {
    if (first === sessions.length - 1) continue;
    eligible++;
    if (sessions.slice(first + 1).some((set) => set.has(concept))) retained++;
  }
  return eligible ? retained / eligible : 0;
}

/** Share of questions whose domain is not one of the assigned domains. */
export function interestRatio(
  questions: readonly Pick<ActivityQuestion, "domain">[],
  domains: readonly string[],
): number {
  if (!questions.length) return 0;
  const assigned = new Set(domains.map(domainKey));
  return questions.filter((q) => !assigned.has(domainKey(q.domain))).length / questions.length;
}

/** 0–100 from a mean sophistication: 100 × (mean − 1) / 6. */
export const sophisticationScore = (avg: number) =>
  (100 * (avg - MIN_SOPHISTICATION)) / (MAX_SOPHISTICATION - MIN_SOPHISTICATION);

/** Assigned domains first (in their order, even with no questions), then others in order of first question. */
export function domainScores(
  questions: readonly Pick<ActivityQuestion, "domain">[],
  scores: readonly QuestionScore[],
  domains: readonly string[],
): DomainScores {
  const groups = new Map<string, { name: string; assigned: boolean; values: number[] }>();
  for (const d of domains)
    if (!groups.has(domainKey(d))) groups.set(domainKey(d), { name: d.trim(), assigned: true, values: [] });
  questions.forEach((q, i) => {
    const key = domainKey(q.domain);
    if (!groups.has(key)) groups.set(key, { name: q.domain.trim(), assigned: false, values: [] });
    groups.get(key)!.values.push(scores[i]!.sophistication);
  });
  return [...groups.values()].map(({ name, assigned, values }) => {
    const avg = values.length ? mean(values) : null;
    return {
      domain: name,
      assigned,
      questions: values.length,
      avgSophistication: avg,
      score: avg === null ? 0 : sophisticationScore(avg),
    };
  });
}

/** Sum of session lengths in minutes. */
export const totalMinutes = (sessions: readonly ActivitySession[]) =>
  sessions.reduce((sum, s) => sum + (s.end.getTime() - s.start.getTime()) / 60_000, 0);
