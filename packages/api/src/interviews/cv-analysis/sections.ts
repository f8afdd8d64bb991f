/**
 * A CV's layout as the analyser reads it: lines with their offsets, sections under headings ("Experience",
 * "Education", "Skills", "Languages", …) and, in experience sections, roles: a header (title, employer, dates) and
 * the lines below it up to the next role.
 */
import { findDateRanges, type FoundRange } from "./dates";

export type SectionKind =
  "header" | "summary" | "experience" | "education" | "skills" | "languages" | "certifications" | "projects" | "other";

export interface Line {
  text: string;
  /** Offset of the line's first character in the whole text. */
  start: number;
  end: number;
}

export interface Section {
  kind: SectionKind;
  heading: string | null;
  lines: Line[];
  start: number;
  end: number;
}

export interface Role {
  /** The header's lines (title, employer, the dates), joined: the role's title as written. */
  title: string;
  range: FoundRange;
  /** [start, end) of the role's text (header and body) in the whole text. */
  start: number;
  end: number;
}

const HEADINGS: [SectionKind, RegExp][] = [
  [
    "experience",
    /^(?:(?:work|professional|employment|relevant|career|industry|teaching|clinical|nursing|sales|retail|kitchen|management|leadership)\s+)?(?:experience|history|employment(?: history)?|background)$|^(?:work|employment|career) history$|^positions held$|^employment$|^work$/,
  ],
  [
    "education",
    /^(?:education|academic background|academic qualifications|qualifications|education (?:and|&) (?:training|qualifications|certifications)|training and education|studies)$/,
  ],
  [
    "skills",
    /^(?:(?:key|core|technical|tech|professional|relevant|hard|soft|transferable|it|computer|clinical|software)\s+)?(?:skills|competencies|competences|expertise|proficiencies)(?:\s+(?:and|&)\s+(?:tools|technologies|abilities|expertise))?$|^(?:tools|technologies|tech stack|skills (?:and|&) tools|tools (?:and|&) technologies|stack|toolbox)$/,
  ],
  ["languages", /^(?:languages?|language skills|spoken languages|languages spoken)$/],
  [
    "certifications",
    /^(?:certifications?|certificates|licen[cs]es?(?:\s+(?:and|&)\s+certifications?)?|certifications?\s+(?:and|&)\s+licen[cs]es?|accreditations|courses|training|professional development|registrations?)$/,
  ],
  [
    "summary",
    /^(?:(?:professional|personal|career)\s+)?(?:summary|profile|statement|objective)$|^about(?: me)?$|^personal statement$/,
  ],
  ["projects", /^(?:(?:selected|side|key|personal)\s+)?projects$|^portfolio$/],
  [
    "other",
    /^(?:interests|hobbies|hobbies (?:and|&) interests|references|volunteering|volunteer (?:experience|work)|awards|honou?rs|publications|achievements|contact|contact details|personal details|memberships|activities)$/,
  ],
];

/** The kind of section a line heads, or null when it is not a heading. */
export function headingKind(line: string): SectionKind | null {
  const text = line
    .trim()
    .replace(/[:：|•·▪■–—-]+$/u, "")
    .replace(/^[#•·▪■]+\s*/u, "")
    .trim()
    .toLowerCase();
  if (!text || text.length > 60) return null;
  // "Expérience / Experience": a heading given in two languages is a heading if either half is.
  for (const part of text.split(/\s+\/\s+/u)) {
    if (part.length > 45) continue;
    for (const [kind, pattern] of HEADINGS) if (pattern.test(part)) return kind;
  }
  return null;
}

export function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const part of text.split("\n")) {
    lines.push({ text: part, start, end: start + part.length });
    start += part.length + 1;
  }
  return lines;
}

/** The text cut at its headings; what comes before the first is the "header" (name, contact). */
export function sectionsOf(text: string): Section[] {
  const sections: Section[] = [];
  let current: Section = { kind: "header", heading: null, lines: [], start: 0, end: 0 };
  for (const line of linesOf(text)) {
    const kind = headingKind(line.text);
    if (kind) {
      current.end = line.start;
      sections.push(current);
      current = { kind, heading: line.text.trim(), lines: [], start: line.start, end: line.end };
      continue;
    }
    current.lines.push(line);
    current.end = line.end;
  }
  sections.push(current);
  return sections.filter((s) => s.heading !== null || s.lines.some((l) => l.text.trim()));
}

const BULLET = /^\s*(?:[-•*·▪■◦●○►➢✓–—]|\d+[.)])\s+/u;
export const isBullet = (line: string) => BULLET.test(line);
const DEGREE_WORDS = /\b(?:bachelor|master(?:'s|s|\s+of)|ph\.?d|b\.?sc|m\.?sc|mba|degree|diploma|gcses?|a-levels?)\b/i;
const INSTITUTION_WORDS =
  /\b(?:university|universidad|universidade|universität|université|college|school|academy|institute)\b/i;

/** A line that may be part of a role's header: short, not a bullet, not a sentence. */
const headerLike = (line: Line) => {
  const text = line.text.trim();
  return text.length > 0 && text.length <= 90 && !isBullet(line.text) && !/[.;]$/.test(text);
};

/**
 * The roles of the given sections: every date range on a short line that is not a bullet starts one; up to two
 * header-like lines just above it belong to its header (a title and an employer above the dates), and its body
 * runs to the next role's header. Ranges on lines that read as education are left out: lines naming a degree, and,
 * outside a section headed as experience, lines naming a school or university (in one, a university is an employer).
 */
export function rolesIn(sections: readonly Section[], now: Date): Role[] {
  const roles: Role[] = [];
  for (const section of sections) {
    const lines = section.lines;
    const starts: { index: number; headerIndex: number; range: FoundRange }[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.text.trim().length > 140 || isBullet(line.text)) continue;
      const [range] = findDateRanges(line.text, now);
      if (!range) continue;
      let headerIndex = i;
      const floor = starts.length ? starts[starts.length - 1]!.index + 1 : 0;
      const textOnly = line.text.slice(0, range.from) + line.text.slice(range.to);
      // Dates on a line of their own (or with a place): the title and employer are on the lines above (blank lines
      // between them, as a DOCX's paragraphs may have, don't count).
      const ownLine =
        textOnly
          .replace(/[\s,|()–—-]+/g, " ")
          .trim()
          .split(" ").length <= 3;
      let taken = 0;
      for (let j = i - 1; ownLine && j >= floor && taken < 2; j--) {
        if (!lines[j]!.text.trim()) continue;
        if (!headerLike(lines[j]!)) break;
        headerIndex = j;
        taken++;
      }
      const header = lines
        .slice(headerIndex, i + 1)
        .map((l) => l.text)
        .join(" ");
      if (DEGREE_WORDS.test(header) || (section.kind !== "experience" && INSTITUTION_WORDS.test(header))) continue;
      starts.push({
        index: i,
        headerIndex,
        range: { ...range, from: range.from + line.start, to: range.to + line.start },
      });
    }
    starts.forEach((s, n) => {
      const next = starts[n + 1];
      const end = next ? lines[next.headerIndex]!.start : section.end;
      const title = lines
        .slice(s.headerIndex, s.index + 1)
        .map((l) => l.text.trim())
        .join(" | ");
      roles.push({ title, range: s.range, start: lines[s.headerIndex]!.start, end });
    });
  }
  return roles;
}
