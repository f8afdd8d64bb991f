/**
 * Skills in a CV: every mention of a skill from the shared list (intake's `findSkills`, run line by line so each
 * line's mention counts), less the mentions that are something else there, and years written next to a skill
 * ("5 years of Python", "PostgreSQL (4 yrs)"). Two rules keep ordinary words from counting as skills:
 * - an alias that is an ordinary word ("the rest of the team", "embedded in the team") counts only when written with
 *   its capitals (REST, Embedded);
 * - an alias that names a skill in one trade and something else in another ("retail banking" for a data engineer,
 *   "Core Web Vitals", "demand forecasting", "Series C") counts only in a CV that shows another skill of the same
 *   trade (the skill's category) by a firmer mention.
 * Both lists were drawn from the errors on the labelled set's tuning part (docs/cv-analysis.md).
 */
import { findSkills, type SkillMatch } from "../../schemas";
import type { Line } from "./sections";

const ORDINARY_IN_LOWER_CASE = new Set([
  "rest",
  "spark",
  "embedded",
  "elastic",
  "torch",
  "node",
  "lambda",
  // Two- and three-letter aliases: in lower case they are parts of other words or abbreviations of other things.
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

/** Aliases (as written, any case) that need another skill of their category to count. */
const NEEDS_ITS_TRADE = new Set([
  "retail",
  "saas",
  "b2b",
  "b2c",
  "forecasting",
  "pipeline",
  "stakeholders",
  "reconciliation",
  "vitals",
  "m&a",
  "android",
  "express",
  "c",
]);

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

function statedYears(line: string, match: SkillMatch): number | null {
  const before = YEARS_BEFORE.exec(line.slice(Math.max(0, match.start - 50), match.start));
  const after = YEARS_AFTER.exec(line.slice(match.end, match.end + 20));
  const stated = Number((before ?? after)?.[1] ?? NaN);
  return stated > 0 && stated <= 50 ? stated : null;
}

/** Every skill the lines mention, in order of first mention, with all their spans. */
export function skillMentions(lines: readonly Line[]): SkillMentions[] {
  const bySkill = new Map<string, SkillMentions & { firm: boolean }>();
  for (const line of lines) {
    if (!line.text.trim()) continue;
    for (const match of findSkills(line.text)) {
      const written = line.text.slice(match.start, match.end);
      const lower = written.toLowerCase();
      if (ORDINARY_IN_LOWER_CASE.has(written)) continue;
      let found = bySkill.get(match.skill);
      if (!found) {
        found = { skill: match.skill, category: match.category, spans: [], statedYears: null, firm: false };
        bySkill.set(match.skill, found);
      }
      found.firm ||= !NEEDS_ITS_TRADE.has(lower);
      found.spans.push([line.start + match.start, line.start + match.end]);
      const stated = statedYears(line.text, match);
      if (stated !== null) found.statedYears = Math.max(found.statedYears ?? 0, stated);
    }
  }
  const all = [...bySkill.values()];
  const trades = new Set(all.filter((s) => s.firm).map((s) => s.category));
  return all.filter((s) => s.firm || trades.has(s.category)).map(({ firm: _firm, ...mention }) => mention);
}
