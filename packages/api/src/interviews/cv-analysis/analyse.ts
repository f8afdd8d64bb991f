/**
 * The built-in CV analyser ("builtin@1"): deterministic, offline, no I/O. Skills from the shared list with every
 * mention as evidence; years per skill = the union of the dated roles whose text mentions it; total experience =
 * the union of all roles (overlaps once); seniority from the latest title and the years; education; languages.
 * "present" is `now`, passed in (tests pass a fixed date).
 */
import { type FoundRange, unionOf, yearsOf } from "./dates";
import { educationIn, educationInLooseLines } from "./education";
import { languagesIn } from "./languages";
import type { CvAnalysisResult } from "./result";
import { linesOf, rolesIn, sectionsOf, type Line, type Role, type Section } from "./sections";
import { estimateSeniority } from "./seniority";
import { skillMentions } from "./skills";

export const BUILTIN_ANALYSER = "builtin@1";
/** Evidence kept per skill: the first mentions. */
export const MAX_SPANS_PER_SKILL = 50;

export interface SkillEvidence {
  skill: string;
  category: string | null;
  years: number | null;
  /** [start, end) offsets into the analysed text. */
  spans: [number, number][];
}

export interface CvAnalysisOutcome {
  result: CvAnalysisResult;
  evidence: SkillEvidence[];
  /** The roles read (their titles and dates): shown by the evaluation script, useful when a figure looks wrong. */
  roles: Role[];
}

const NOT_WORK = new Set(["education", "skills", "languages", "certifications", "projects"]);
const STATED_TOTAL =
  /\b(\d{1,2})\s*\+?\s*years?['’]?\s+(?:of\s+)?(?:professional\s+|industry\s+|relevant\s+|hands-on\s+|commercial\s+|clinical\s+|teaching\s+|sales\s+)?(?:experience|expertise)\b/iu;

const within = (span: [number, number], from: number, to: number) => span[0] >= from && span[1] <= to;

function workSections(sections: readonly Section[]): Section[] {
  const experience = sections.filter((s) => s.kind === "experience");
  return experience.length ? experience : sections.filter((s) => !NOT_WORK.has(s.kind));
}

function latestRole(roles: readonly Role[]): Role | null {
  let latest: Role | null = null;
  for (const role of roles) {
    if (
      !latest ||
      role.range.end > latest.range.end ||
      (role.range.end === latest.range.end && role.range.start > latest.range.start)
    )
      latest = role;
  }
  return latest;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function analyseCvText(text: string, now: Date): CvAnalysisOutcome {
  const lines = linesOf(text);
  const sections = sectionsOf(text);
  const sectionOf = (line: Line) => sections.find((s) => line.start >= s.start && line.end <= s.end) ?? null;
  const roles = rolesIn(workSections(sections), now);

  const languages = languagesIn(lines, (line) => sectionOf(line)?.kind === "languages");
  const spoken = new Set(languages.map((l) => l.language));
  const mentions = skillMentions(lines).filter((m) => m.category !== "languages" || spoken.has(m.skill));

  const evidence: SkillEvidence[] = mentions.map((m) => {
    const ranges: FoundRange[] = roles
      .filter((r) => m.spans.some((s) => within(s, r.start, r.end)))
      .map((r) => r.range);
    const fromRoles = ranges.length ? yearsOf(ranges) : null;
    const years = fromRoles === null ? m.statedYears : Math.max(fromRoles, m.statedYears ?? 0);
    return {
      skill: m.skill,
      category: m.category,
      years: years === null ? null : round1(years),
      spans: m.spans.slice(0, MAX_SPANS_PER_SKILL),
    };
  });

  let totalYears: number | null = roles.length ? yearsOf(unionOf(roles.map((r) => r.range))) : null;
  if (totalYears === null) {
    const stated = STATED_TOTAL.exec(text);
    if (stated) totalYears = Number(stated[1]);
  }

  const educationSections = sections.filter((s) => s.kind === "education");
  const education = educationSections.length
    ? educationSections.flatMap((s) => educationIn(s.lines))
    : educationInLooseLines(lines);

  const result: CvAnalysisResult = {
    skills: evidence.map(({ skill, years }) => ({ skill, years })),
    totalYears,
    seniority: estimateSeniority(latestRole(roles)?.title ?? null, totalYears),
    languages: languages.map(({ language, level }) => ({ language, level })),
    education,
  };
  return { result, evidence, roles };
}
