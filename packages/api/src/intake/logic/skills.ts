/**
 * The skills list with aliases that ships with the code (browser-safe), and `findSkills`: the skills a text names,
 * each with its canonical name and where it was found. Matching is case-insensitive on word boundaries, longest
 * alias first ("node.js" before "node"), and a name marked `~` in the data matches only with its exact case.
 */
import { GENERAL_SKILLS } from "./skills-general";
import { TECH_SKILLS } from "./skills-tech";

export interface Skill {
  name: string;
  aliases: string[];
  category: string;
}

export interface SkillMatch {
  skill: string;
  category: string;
  /** Offsets in the text searched: `text.slice(start, end)` is what was written. */
  start: number;
  end: number;
}

interface Needle {
  text: string;
  skill: Skill;
  exactCase: boolean;
}

function parseList(data: Record<string, string>): Skill[] {
  const skills: Skill[] = [];
  for (const [category, block] of Object.entries(data)) {
    for (const line of block.split("\n")) {
      if (!line.trim()) continue;
      const [name = "", aliases = ""] = line.split("|");
      skills.push({
        name: name.trim(),
        category,
        aliases: aliases
          .split(",")
          .map((a) => a.trim())
          .filter(Boolean),
      });
    }
  }
  return skills;
}

const RAW = [...parseList(TECH_SKILLS), ...parseList(GENERAL_SKILLS)];
const EXACT = new Set(RAW.filter((s) => s.name.startsWith("~")).map((s) => s.name.slice(1)));

/** Every skill, with its canonical name (no `~` marks). */
export const SKILLS: readonly Skill[] = RAW.map((s) => ({ ...s, name: s.name.replace(/^~/, "") }));

const BY_NAME = new Map(SKILLS.map((s) => [s.name.toLowerCase(), s]));

const NEEDLES: readonly Needle[] = SKILLS.flatMap((skill) => [
  { text: EXACT.has(skill.name) ? skill.name : skill.name.toLowerCase(), skill, exactCase: EXACT.has(skill.name) },
  ...skill.aliases.map((alias) => ({ text: alias.toLowerCase(), skill, exactCase: false })),
]).sort((a, b) => b.text.length - a.text.length);

const WORD = /[\p{L}\p{N}]/u;

/** The character after a match may not continue a word, nor make "C" into "C++" or "C#". */
function boundaryAt(text: string, start: number, end: number) {
  const before = text[start - 1];
  const after = text[end];
  if (before && (WORD.test(before) || (/[.#+]/.test(before) && WORD.test(text[start - 2] ?? "")))) return false;
  if (after && (WORD.test(after) || after === "+" || after === "#")) return false;
  // "node.js": a dot followed by a letter continues the name.
  if (after === "." && WORD.test(text[end + 1] ?? "")) return false;
  return true;
}

/** The skills a text names, in the order written, each once (its first mention). */
export function findSkills(text: string): SkillMatch[] {
  const lower = text.toLowerCase();
  const taken: [number, number][] = [];
  const found: SkillMatch[] = [];
  for (const needle of NEEDLES) {
    const haystack = needle.exactCase ? text : lower;
    for (let at = haystack.indexOf(needle.text); at !== -1; at = haystack.indexOf(needle.text, at + 1)) {
      const end = at + needle.text.length;
      if (!boundaryAt(text, at, end)) continue;
      if (taken.some(([s, e]) => at < e && end > s)) continue;
      taken.push([at, end]);
      found.push({ skill: needle.skill.name, category: needle.skill.category, start: at, end });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  return found.filter((m) => (seen.has(m.skill) ? false : (seen.add(m.skill), true)));
}

/** The canonical name of a skill written any way the list knows ("postgres" → "PostgreSQL"), or null. */
export function canonicalSkill(text: string): string | null {
  const trimmed = text.trim();
  const direct = BY_NAME.get(trimmed.toLowerCase());
  if (direct) return direct.name;
  const [match] = findSkills(trimmed);
  return match && match.start === 0 && match.end === trimmed.length ? match.skill : null;
}

export function skillCategory(name: string): string | null {
  return BY_NAME.get(name.toLowerCase())?.category ?? null;
}
