/** Scores a whole assessment's activity: every stored metric, deterministically (docs/scoring.md). */
import {
  chainStats,
  conceptRetention,
  domainScores,
  interestRatio,
  learningVelocity,
  mean,
  sessionsInOrder,
  sessionTrend,
  totalMinutes,
} from "./metrics";
import { scoreQuestions, type QuestionScore } from "./sophistication";
import { taoComponents, taoIndex, type TaoComponents } from "./tao";
import type { Activity, AssessmentMetrics } from "./types";

export interface AssessmentScores extends AssessmentMetrics {
  components: TaoComponents;
  /** Per question, in the input's order. */
  questions: QuestionScore[];
}

export function scoreActivity(activity: Activity): AssessmentScores {
  const { domains, sessions, questions } = activity;
  const scores = scoreQuestions(questions);
  const views = sessionsInOrder(sessions, questions);
  const trend = sessionTrend(views, scores);
  const chains = chainStats(questions);
  const metrics = {
    learningVelocity: learningVelocity(trend),
    avgSophistication: mean(scores.map((s) => s.sophistication)),
    chainDepth: chains.mean,
    conceptRetention: conceptRetention(views, scores),
    interestRatio: interestRatio(questions, domains),
  };
  return {
    ...metrics,
    longestChain: chains.longest,
    taoIndex: taoIndex(metrics),
    components: taoComponents(metrics),
    domainScores: domainScores(questions, scores, domains),
    sessionTrend: trend,
    totalQueries: questions.length,
    totalSessions: sessions.length,
    totalTimeMinutes: totalMinutes(sessions),
    questions: scores,
  };
}

export type { Activity, ActivityQuestion, ActivitySession, AssessmentMetrics } from "./types";
export type { QuestionScore } from "./sophistication";
