/**
 * Education entries (degree, field, institution, years) from the education sections, or, in a CV without one, from
 * lines that name both a degree and an institution.
 */
import { yearsIn } from "./dates";
import { isBullet, type Line } from "./sections";

export interface EducationEntry {
  degree: string | null;
  field: string | null;
  institution: string | null;
  startYear: number | null;
  endYear: number | null;
}

const DEGREE =
  /(?:^|[\s,(|–—-])(ph\.?\s?d\.?|doctorate|d\.?phil|doctor of [a-z]+|m\.?sc\.?|m\.?s\.|m\.?a\.|ma|ms|mba|m\.?eng|m\.?ed|m\.?phil|ll\.?m|llm|msn|master(?:'s|s)?(?: of [a-z]+| degree)?|b\.?sc\.?(?: \(hons\))?|bsc|b\.?s\.|b\.?a\.|ba|bs|b\.?eng|beng|b\.?a\.?sc|b\.?des|m\.?des|b\.?ed|bba|bsn|bn|ll\.?b|llb|bachelor(?:'s|s)?(?: of [a-z]+| degree)?|associate(?:'s)? degree|associate of [a-z]+|adn|hnd|hnc|foundation degree|postgraduate (?:diploma|certificate)|pg ?dip|pgce|grand dipl[oô]me|dipl[oô]ma?|dipl[oô]me|higher national (?:diploma|certificate)|level [2-7] (?:diploma|certificate|nvq)|nvq(?: level [1-5])?|btec(?: [a-z]+)?|city (?:&|and) guilds|a[- ]levels?|gcses?|high school diploma|baccalaur[eé]ate?|abitur)(?=$|[\s,.)|:–—-])/iu;
const INSTITUTION =
  /\b(?:university|universidad|universität|université|universit[àa]|universidade|istituto|college|school|academy|institute|institut|polytechnic|politecnico|conservatoire|cordon bleu|hochschule|escuela|ecole|école)\b/iu;

const SEPARATORS = /\s*(?:,|\||–|—|·|•|;|\s-\s)\s*/u;

/** Removes dates and brackets around them from a piece of an entry. */
const clean = (text: string) =>
  text
    .replace(/\(?\b(?:19|20)\d\d\b(?:\s*[–—-]\s*(?:\b(?:19|20)\d\d\b|present))?\)?/giu, "")
    .replace(/^[\s•*·▪-]+|[\s:,;.–—-]+$/gu, "")
    .trim();

function parseEntry(lines: readonly string[]): EducationEntry {
  const text = lines.join(" | ");
  const parts = lines
    .flatMap((l) => l.replace(/^\s*[-•*·▪]\s*/u, "").split(SEPARATORS))
    .map(clean)
    .filter(Boolean);
  const institution = parts.find((p) => INSTITUTION.test(p)) ?? null;
  const degreePart = parts.find((p) => DEGREE.test(p) && p !== institution) ?? null;
  let degree: string | null = null;
  let field: string | null = null;
  if (degreePart) {
    const m = DEGREE.exec(degreePart)!;
    const at = m.index + m[0].indexOf(m[1]!);
    degree = m[1]!.trim();
    const rest = degreePart
      .slice(at + m[1]!.length)
      .replace(/^\s*(?:\(hons\)|\(honours\)|with honou?rs)?\s*(?:in|of|:)?\s*/iu, "")
      .replace(/\s*\((?:hons|honours|first|2:1|2:2|distinction|merit)[^)]*\)\s*$/iu, "")
      .trim();
    if (rest.length >= 2 && rest.length <= 80 && !INSTITUTION.test(rest)) field = rest;
  }
  const years = yearsIn(text);
  return {
    degree,
    field,
    institution,
    startYear: years.length > 1 ? Math.min(...years) : null,
    endYear: years.length ? Math.max(...years) : null,
  };
}

/**
 * Entries of an education section: an entry starts at a line naming a degree, or an institution when the entry
 * being read already has one; the lines between (dates, grades, the other half) belong to it.
 */
export function educationIn(lines: readonly Line[]): EducationEntry[] {
  const groups: string[][] = [];
  let current: { lines: string[]; degree: boolean; institution: boolean } | null = null;
  for (const { text } of lines) {
    if (!text.trim()) continue;
    const degree = DEGREE.test(text);
    const institution = INSTITUTION.test(text);
    const starts = !current || (degree && current.degree) || (institution && current.institution);
    if ((degree || institution) && starts) {
      current = { lines: [text], degree, institution };
      groups.push(current.lines);
    } else if (current && current.lines.length < 4 && !isBullet(text)) {
      current.lines.push(text);
      current.degree ||= degree;
      current.institution ||= institution;
    }
  }
  return groups.map(parseEntry).filter((e) => e.degree || e.institution);
}

/** Entries outside any education section: lines naming both a degree and an institution. */
export function educationInLooseLines(lines: readonly Line[]): EducationEntry[] {
  return lines
    .filter((l) => DEGREE.test(l.text) && INSTITUTION.test(l.text) && l.text.length <= 200)
    .map((l) => parseEntry([l.text]));
}
