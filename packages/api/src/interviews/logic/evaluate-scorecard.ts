/**
 * An interview's scorecard from its planned questions and their answers' final scores (browser-safe, pure;
 * docs/evaluation.md): per skill, overall weighted by difficulty, the recommendation and a summary paragraph.
 */
import type { Recommendation } from "@shortlist/db/constants";

export interface ScorecardQuestion {
  skills: readonly string[];
  /** 1 to 5: the overall's weight. */
  difficulty: number;
  /** Answered (the final score may still be null if nothing scored it yet). */
  answered: boolean;
  /** 0 to 100: override ?? model ?? built-in. */
  finalScore: number | null;
  overTime: boolean;
}

export interface ScorecardResult {
  skills: { skill: string; score: number; answers: number }[];
  overall: number;
  recommendation: Recommendation;
  summary: string;
  answered: number;
  planned: number;
}

/** The recommendation's lower bounds on the overall score, best first. */
export const RECOMMENDATION_THRESHOLDS: readonly [Recommendation, number][] = [
  ["strong_hire", 80],
  ["hire", 65],
  ["lean_no_hire", 45],
  ["no_hire", 0],
];

export const recommendationFor = (overall: number): Recommendation =>
  RECOMMENDATION_THRESHOLDS.find(([, min]) => overall >= min)?.[0] ?? "no_hire";

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * A question counts with its final score once scored; an unanswered one counts as 0 once the interview is
 * completed (and not at all before, so a scorecard in progress reads what was said so far).
 */
export function buildScorecard(questions: readonly ScorecardQuestion[], completed: boolean): ScorecardResult {
  const counted = questions.flatMap((q) => {
    if (q.answered && q.finalScore !== null) return [{ ...q, score: q.finalScore }];
    if (!q.answered && completed) return [{ ...q, score: 0 }];
    return [];
  });
  const bySkill = new Map<string, number[]>();
  for (const q of questions) for (const skill of q.skills) if (!bySkill.has(skill)) bySkill.set(skill, []);
  for (const q of counted) for (const skill of q.skills) bySkill.get(skill)!.push(q.score);
  const skills = [...bySkill]
    .filter(([, scores]) => scores.length > 0)
    .map(([skill, scores]) => ({
      skill,
      score: round1(scores.reduce((s, x) => s + x, 0) / scores.length),
      answers: scores.length,
    }));
  const weight = counted.reduce((s, q) => s + q.difficulty, 0);
  const overall = weight ? round1(counted.reduce((s, q) => s + q.score * q.difficulty, 0) / weight) : 0;
  const answered = questions.filter((q) => q.answered).length;
  const recommendation = recommendationFor(overall);
  return {
    skills,
    overall,
    recommendation,
    summary: summaryOf({ skills, overall, answered, planned: questions.length, questions, completed }),
    answered,
    planned: questions.length,
  };
}

const RECOMMENDATION_WORDS: Record<Recommendation, string> = {
  strong_hire: "a strong hire",
  hire: "a hire",
  lean_no_hire: "a lean no hire",
  no_hire: "a no hire",
};

function summaryOf(s: {
  skills: ScorecardResult["skills"];
  overall: number;
  answered: number;
  planned: number;
  questions: readonly ScorecardQuestion[];
  completed: boolean;
}): string {
  const parts = [
    `${s.answered} of ${s.planned} planned ${s.planned === 1 ? "question" : "questions"} answered` +
      (s.completed ? "" : " so far") +
      `; overall ${s.overall} of 100, ${RECOMMENDATION_WORDS[recommendationFor(s.overall)]}.`,
  ];
  // Strongest first; equal scores by name, so the same scorecard always reads the same.
  const ranked = [...s.skills].sort((a, b) => b.score - a.score || a.skill.localeCompare(b.skill));
  const strongest = ranked[0];
  const weakest = ranked.at(-1);
  if (strongest && weakest && ranked.length > 1 && strongest.score !== weakest.score) {
    parts.push(`Strongest in ${strongest.skill} (${strongest.score}), weakest in ${weakest.skill} (${weakest.score}).`);
  } else if (strongest) {
    parts.push(`${ranked.length === 1 ? strongest.skill : "Every skill"} scored ${strongest.score}.`);
  }
  const overTime = s.questions.filter((q) => q.answered && q.overTime).length;
  if (overTime) parts.push(`${overTime} ${overTime === 1 ? "answer was" : "answers were"} given after the time limit.`);
  const unanswered = s.planned - s.answered;
  if (s.completed && unanswered) {
    parts.push(`${unanswered} unanswered ${unanswered === 1 ? "question counts" : "questions count"} as 0.`);
  }
  return parts.join(" ");
}
