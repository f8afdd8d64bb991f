/**
 * Building an interview's plan (pure): which bank questions to ask, in which order, and why. The job's must-have
 * skills the CV does not evidence come first ("gap"), then the evidenced must-haves, then nice-to-haves, then
 * behavioural questions fill the rest; difficulty follows the candidate's seniority.
 */
import type { QuestionType } from "@shortlist/db/constants";

/** One bank question the planner may pick (already active and not seen by this candidate). */
export interface PlanCandidate {
  id: string;
  type: QuestionType;
  difficulty: number;
  skills: readonly string[];
  timesAsked: number;
}

export interface PlanInput {
  /** The job's vacancy profile's skills, or null when the job has none yet. */
  profile: { seniority: string | null; mustHave: WeightedSkill[]; niceToHave: WeightedSkill[] } | null;
  /** The candidate's CV analysis (seniority) and evidenced skills, or null without a CV. */
  cv: { seniority: string | null; skills: readonly string[] } | null;
  pool: readonly PlanCandidate[];
  count: number;
}

export interface WeightedSkill {
  skill: string;
  weight: number;
}

export interface PlannedPick {
  questionId: string;
  reason: string;
}

export interface Plan {
  picks: PlannedPick[];
  /** The seniority the difficulty was chosen for (the CV's estimate, else the profile's), or null. */
  targetSeniority: string | null;
  difficulty: { min: number; max: number };
  /** What the plan could not use, in words (no profile, no CV, too few questions). */
  notes: string[];
}

/** The difficulty range asked of each seniority; unknown seniority asks mid-level questions. */
export function difficultyFor(seniority: string | null): { min: number; max: number } {
  switch (seniority) {
    case "intern":
    case "junior":
      return { min: 1, max: 2 };
    case "senior":
      return { min: 3, max: 4 };
    case "lead":
    case "principal":
    case "executive":
      return { min: 4, max: 5 };
    default:
      return { min: 2, max: 3 };
  }
}

const BEHAVIOURAL: readonly QuestionType[] = ["behavioural", "situational"];
const key = (skill: string) => skill.trim().toLowerCase();

interface SkillSlot {
  skill: string;
  reason: string;
  /** Gaps and must-haves get a second question before behavioural ones fill the plan. */
  essential: boolean;
}

/** The skills to ask about, in the order they are asked. */
function skillSlots(input: PlanInput, notes: string[]): SkillSlot[] {
  const byWeight = (skills: WeightedSkill[]) => [...skills].sort((a, b) => b.weight - a.weight);
  if (!input.profile) {
    notes.push("The job has no vacancy profile yet: general and behavioural questions only.");
    if (!input.cv) return [];
    return input.cv.skills.map((skill) => ({ skill, reason: `from the CV: ${skill}`, essential: false }));
  }
  const mustHave = byWeight(input.profile.mustHave);
  if (mustHave.length === 0) notes.push("The vacancy profile names no must-have skills.");
  let gaps: WeightedSkill[] = [];
  let evidenced = mustHave;
  if (input.cv) {
    const known = new Set(input.cv.skills.map(key));
    gaps = mustHave.filter((s) => !known.has(key(s.skill)));
    evidenced = mustHave.filter((s) => known.has(key(s.skill)));
  } else if (mustHave.length > 0) {
    notes.push("No CV analysis: the gaps between the CV and the must-haves are unknown.");
  }
  const seen = new Set<string>();
  const slots: SkillSlot[] = [];
  const add = (skill: string, reason: string, essential: boolean) => {
    if (seen.has(key(skill))) return;
    seen.add(key(skill));
    slots.push({ skill, reason, essential });
  };
  for (const s of gaps) add(s.skill, `gap: ${s.skill} (required, not in the CV)`, true);
  for (const s of evidenced) add(s.skill, `must-have: ${s.skill}`, true);
  for (const s of byWeight(input.profile.niceToHave)) add(s.skill, `nice-to-have: ${s.skill}`, false);
  return slots;
}

/** Closest to the range first, then the less asked, then by id (the same input always gives the same plan). */
function rank(range: { min: number; max: number }) {
  const distance = (d: number) => (d < range.min ? range.min - d : d > range.max ? d - range.max : 0);
  return (a: PlanCandidate, b: PlanCandidate) =>
    distance(a.difficulty) - distance(b.difficulty) || a.timesAsked - b.timesAsked || a.id.localeCompare(b.id);
}

export function buildPlan(input: PlanInput): Plan {
  const notes: string[] = [];
  const targetSeniority = input.cv?.seniority ?? input.profile?.seniority ?? null;
  if (!targetSeniority) notes.push("No seniority known: mid-level difficulty (2–3).");
  const difficulty = difficultyFor(targetSeniority);
  const ordered = [...input.pool].sort(rank(difficulty));
  const picks: PlannedPick[] = [];
  const taken = new Set<string>();
  const full = () => picks.length >= input.count;
  const take = (question: PlanCandidate | undefined, reason: string) => {
    if (!question || full()) return false;
    taken.add(question.id);
    picks.push({ questionId: question.id, reason });
    return true;
  };
  const forSkill = (skill: string) =>
    ordered.find((q) => !taken.has(q.id) && q.skills.some((s) => key(s) === key(skill)));

  const slots = skillSlots(input, notes);
  const missing: string[] = [];
  for (const slot of slots) if (!take(forSkill(slot.skill), slot.reason) && !full()) missing.push(slot.skill);
  for (const slot of slots.filter((s) => s.essential)) take(forSkill(slot.skill), slot.reason);
  const behaviouralReason = input.profile ? "behavioural" : "behavioural (no vacancy profile)";
  for (const q of ordered) if (!taken.has(q.id) && BEHAVIOURAL.includes(q.type)) take(q, behaviouralReason);
  // Still short: more questions on the job's skills, then anything near the level.
  for (let more = true; more && !full();) {
    more = false;
    for (const slot of slots) more = take(forSkill(slot.skill), slot.reason) || more;
  }
  for (const q of ordered) if (!taken.has(q.id)) take(q, input.profile ? "general" : "general (no vacancy profile)");

  if (missing.length > 0) notes.push(`No unseen bank question covers: ${missing.join(", ")}.`);
  if (picks.length < input.count)
    notes.push(`The bank had ${picks.length} suitable question${picks.length === 1 ? "" : "s"}, not ${input.count}.`);
  return { picks, targetSeniority, difficulty, notes };
}
