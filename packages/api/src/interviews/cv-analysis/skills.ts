/**
 * Skills in a CV: every mention of a skill from the shared list (intake's `findSkills`, run line by line so each
 * line's mention counts), less the mentions that are ordinary words there ("the rest of the team" is not REST),
 * and years written next to a skill ("5 years of Python", "PostgreSQL (4 yrs)").
 */
import { findSkills, type SkillMatch } from "../../schemas";
import type { Line } from "./sections";

/**
 * Aliases that are also ordinary words: a mention written in lower case is not taken as the skill (REST, Spark or
 * Embedded written with their capitals still count). Found while writing the labelled set (docs/cv-analysis.md).
 */
const ORDINARY_IN_LOWER_CASE = new Set([
  // Words of ordinary English: "the rest of", "a spark", "embedded in the team", "a node".
  "rest",
  "spark",
  "embedded",
  "elastic",
  "torch",
  "node",
  "lambda",
  "pipeline",
  "stakeholders",
  // Two- and three-letter aliases: in lower case they are parts of other words' abbreviations or typos.
  "ci",
  "cd",
  "ml",
  "ar",
  "ap",
  "pr",
  "qa",
  "iv",
  "ts",
  "pg",
  "py",
  "sen",
  "pos",
  "ip",
  "cad",
  "hcl",
  "kube",
]);

/** Aliases too short or too common to count anywhere but a skills list or with their capitals. */
function ordinary(text: string, match: SkillMatch): boolean {
  const written = text.slice(match.start, match.end);
  return ORDINARY_IN_LOWER_CASE.has(written) && written === written.toLowerCase();
}

export interface SkillMentions {
  skill: string;
  category: string;
  /** [start, end) in the whole text. */
  spans: [number, number][];
  /** Years written next to a mention, the largest if several. */
  statedYears: number | null;
}

const NUMBER = String.raw`(\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)`;
const YEARS_BEFORE = new RegExp(
  `${NUMBER}(?:\\s+of)?(?:\\s+(?:professional|commercial|hands-on|production))?(?:\\s+experience)?(?:\\s+(?:with|in|using))?\\s*$`,
  "i",
);
const YEARS_AFTER = new RegExp(`^\\s*(?:[(:,–—-]\\s*)?${NUMBER}`, "i");

/** Every skill the lines mention, in order of first mention, with all their spans. */
export function skillMentions(lines: readonly Line[]): SkillMentions[] {
  const bySkill = new Map<string, SkillMentions>();
  for (const line of lines) {
    if (!line.text.trim()) continue;
    const matches = findSkills(line.text);
    for (const match of matches) {
      if (ordinary(line.text, match)) continue;
      let found = bySkill.get(match.skill);
      if (!found)
        bySkill.set(
          match.skill,
          (found = { skill: match.skill, category: match.category, spans: [], statedYears: null }),
        );
      found.spans.push([line.start + match.start, line.start + match.end]);
      const before = YEARS_BEFORE.exec(line.text.slice(Math.max(0, match.start - 50), match.start));
      const after = YEARS_AFTER.exec(line.text.slice(match.end, match.end + 20));
      const stated = Number((before ?? after)?.[1] ?? NaN);
      if (stated > 0 && stated <= 50) found.statedYears = Math.max(found.statedYears ?? 0, stated);
    }
  }
  return [...bySkill.values()];
}
