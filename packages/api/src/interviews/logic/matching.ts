/**
 * How a candidate's fit for a job is scored (browser-safe, pure). Six factors, each a value from 0 to 1:
 *  - must_have / nice_to_have: the profile's skills of that kind the CV evidences, by their weights (1–5);
 *  - years: evidenced years per profile skill, capped at YEARS_CAP, by the skills' weights;
 *  - seniority: 1 at the role's level, less by 1/SENIORITY_SPAN per level apart;
 *  - assessment: the latest completed assessment's percentile / 100;
 *  - interview: the interview score / 100.
 * The score is 100 × Σ value × weight. A candidate without the data scores 0 on that factor; a factor nobody in the
 * ranked group has (or the profile does not ask for) is left out and the other weights grow to fill its share.
 * matching.service.ts computes the same values in SQL (it must rank 100,000 people in one statement); this file
 * holds the weights, the rules SQL follows, and the words a recruiter reads.
 */

export const MATCH_FACTORS = ["must_have", "nice_to_have", "years", "seniority", "assessment", "interview"] as const;
export type MatchFactor = (typeof MATCH_FACTORS)[number];

export const BASE_WEIGHTS: Readonly<Record<MatchFactor, number>> = {
  must_have: 0.4,
  nice_to_have: 0.1,
  years: 0.15,
  seniority: 0.1,
  assessment: 0.15,
  interview: 0.1,
};

export const FACTOR_LABELS: Readonly<Record<MatchFactor, string>> = {
  must_have: "Must-have skills",
  nice_to_have: "Nice-to-have skills",
  years: "Evidenced years",
  seniority: "Seniority",
  assessment: "Assessment",
  interview: "Interview",
};

/** Years of a skill beyond this count no more. */
export const YEARS_CAP = 5;
/** Levels apart at which the seniority factor reaches 0. */
export const SENIORITY_SPAN = 3;

export interface ProfileSkill {
  skill: string;
  /** 1 (useful) to 5 (essential). */
  weight: number;
  must: boolean;
}

type Canonical = (skill: string) => string | null;

/** The profile's skills as matching reads them: canonical names, weights 1–5 (3 when unreadable), each once (a must-have wins). */
export function profileSkills(mustHave: unknown, niceToHave: unknown, canonical: Canonical): ProfileSkill[] {
  const out = new Map<string, ProfileSkill>();
  const read = (list: unknown, must: boolean) => {
    if (!Array.isArray(list)) return;
    for (const item of list as { skill?: unknown; weight?: unknown }[]) {
      if (!item || typeof item.skill !== "string" || !item.skill.trim()) continue;
      const skill = canonical(item.skill) ?? item.skill.trim();
      const raw = Number(item.weight);
      const weight = Number.isFinite(raw) ? Math.min(5, Math.max(1, Math.round(raw))) : 3;
      if (!out.has(skill.toLowerCase())) out.set(skill.toLowerCase(), { skill, weight, must });
    }
  };
  read(mustHave, true);
  read(niceToHave, false);
  return [...out.values()];
}

/** The weights in use: factors nobody has are left out, the rest scaled to add up to 1 (all 0 when none is left). */
export function activeWeights(available: Readonly<Record<MatchFactor, boolean>>): Record<MatchFactor, number> {
  const total = MATCH_FACTORS.reduce((sum, f) => sum + (available[f] ? BASE_WEIGHTS[f] : 0), 0);
  return Object.fromEntries(
    MATCH_FACTORS.map((f) => [f, available[f] && total > 0 ? BASE_WEIGHTS[f] / total : 0]),
  ) as Record<MatchFactor, number>;
}

/** 1 at the role's level, down by 1/SENIORITY_SPAN per level apart, never below 0; 0 when either is unknown. */
export function seniorityValue(candidateLevel: number | null, roleLevel: number | null): number {
  if (candidateLevel === null || roleLevel === null) return 0;
  return Math.max(0, 1 - Math.abs(candidateLevel - roleLevel) / SENIORITY_SPAN);
}

/** The share of the skills' weight the candidate has (`has` lists the skills they have, any case). */
export function coverageValue(skills: readonly ProfileSkill[], has: ReadonlySet<string>): number {
  const total = skills.reduce((sum, s) => sum + s.weight, 0);
  if (total === 0) return 0;
  return skills.reduce((sum, s) => sum + (has.has(s.skill.toLowerCase()) ? s.weight : 0), 0) / total;
}

/** Years per profile skill, capped, by weight: 1 when every skill has YEARS_CAP years or more. */
export function yearsValue(skills: readonly ProfileSkill[], years: ReadonlyMap<string, number | null>): number {
  const total = skills.reduce((sum, s) => sum + s.weight, 0);
  if (total === 0) return 0;
  const sum = skills.reduce(
    (acc, s) => acc + (s.weight * Math.min(years.get(s.skill.toLowerCase()) ?? 0, YEARS_CAP)) / YEARS_CAP,
    0,
  );
  return sum / total;
}

/** 0 to 100. */
export function matchScore(
  values: Readonly<Record<MatchFactor, number>>,
  weights: Readonly<Record<MatchFactor, number>>,
) {
  return 100 * MATCH_FACTORS.reduce((sum, f) => sum + values[f] * weights[f], 0);
}

/** What the ranking knows of one candidate, for the words beside each factor. */
export interface MatchFacts {
  /** The candidate's evidenced profile skills, lower-cased name → years (null: evidenced, years unknown). */
  skills: ReadonlyMap<string, number | null>;
  hasCv: boolean;
  seniority: string | null;
  percentile: number | null;
  interview: number | null;
}

export interface MatchContext {
  skills: readonly ProfileSkill[];
  roleSeniority: string | null;
  available: Readonly<Record<MatchFactor, boolean>>;
  /** The scope's word for the group ranked: "applicant" or "candidate". */
  who: string;
}

const yearsText = (years: number | null | undefined) =>
  years == null ? "" : ` ${Number.isInteger(years) ? years : years.toFixed(1)}y`;

const ordinal = (n: number) => {
  const r = Math.round(n);
  const suffix = r % 100 >= 11 && r % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][r % 10] ?? "th");
  return `${r}${suffix}`;
};

/** Why a factor was left out of everyone's score. */
function leftOut(factor: MatchFactor, context: MatchContext): string {
  const must = context.skills.filter((s) => s.must).length;
  const nice = context.skills.length - must;
  switch (factor) {
    case "must_have":
      return must
        ? `No ${context.who} here has an analysed CV: not counted`
        : "The job's profile lists no must-have skills: not counted";
    case "nice_to_have":
      return nice
        ? `No ${context.who} here has an analysed CV: not counted`
        : "The job's profile lists no nice-to-have skills: not counted";
    case "years":
      return context.skills.length
        ? `No ${context.who} here has an analysed CV: not counted`
        : "The job's profile lists no skills: not counted";
    case "seniority":
      return context.roleSeniority
        ? `No ${context.who} here has a seniority from a CV: not counted`
        : "The job's profile sets no seniority: not counted";
    case "assessment":
      return `No ${context.who} here has a completed assessment: not counted`;
    case "interview":
      return `No ${context.who} here has an interview score: not counted`;
  }
}

function skillsDetail(skills: readonly ProfileSkill[], facts: MatchFacts): string {
  if (!facts.hasCv) return `No analysed CV: 0 (${skills.map((s) => s.skill).join(", ")} not evidenced)`;
  return skills
    .map((s) => {
      const key = s.skill.toLowerCase();
      return `${s.skill} (${s.weight}) ${facts.skills.has(key) ? `✓${yearsText(facts.skills.get(key))}` : "—"}`;
    })
    .join(", ");
}

/** Each factor's words: what it is made of, or why it counts 0, or why nobody's score counts it. */
export function factorDetail(factor: MatchFactor, facts: MatchFacts, context: MatchContext): string {
  if (!context.available[factor]) return leftOut(factor, context);
  switch (factor) {
    case "must_have":
      return skillsDetail(
        context.skills.filter((s) => s.must),
        facts,
      );
    case "nice_to_have":
      return skillsDetail(
        context.skills.filter((s) => !s.must),
        facts,
      );
    case "years": {
      if (!facts.hasCv) return "No analysed CV: 0";
      const shown = context.skills.map((s) => `${s.skill}${yearsText(facts.skills.get(s.skill.toLowerCase()) ?? 0)}`);
      return `${shown.join(", ")} (each capped at ${YEARS_CAP} years)`;
    }
    case "seniority":
      return facts.seniority
        ? `${facts.seniority} by the CV, the role asks for ${context.roleSeniority}`
        : "No seniority from a CV: 0";
    case "assessment":
      return facts.percentile === null
        ? "No completed assessment: 0"
        : `${ordinal(facts.percentile)} percentile in the latest completed assessment`;
    case "interview":
      return facts.interview === null ? "Not interviewed: 0" : `Interview score ${Math.round(facts.interview)} of 100`;
  }
}
