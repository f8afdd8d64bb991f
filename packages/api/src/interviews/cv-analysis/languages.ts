/**
 * Spoken languages with their level when given: every line of a languages section, and elsewhere only lines that
 * say how well ("fluent in Spanish", "German (B2)"), so an English literature degree is not a language.
 */
import { findSkills } from "../../schemas";
import type { Line } from "./sections";

export interface SpokenLanguage {
  language: string;
  level: string | null;
  /** [start, end) of the mention in the whole text. */
  span: [number, number];
}

const LEVEL =
  /\b(native(?: speaker)?|mother tongue|first language|bilingual|fluent|fluency|full professional(?: proficiency)?|professional working(?: proficiency)?|proficient|advanced|upper[- ]intermediate|intermediate|conversational|working knowledge|limited working(?: proficiency)?|elementary|basic|beginner|[abc][12])\b/iu;
const SPEAKING = new RegExp(`${LEVEL.source}|\\b(?:speak|speaks|spoken|speaker)\\b`, "iu");

const LEVEL_NAMES: Record<string, string> = {
  "mother tongue": "native",
  "first language": "native",
  "native speaker": "native",
  fluency: "fluent",
};

/** The levels as people write them, lower case ("native", "C1", "fluent"). */
function levelOf(text: string): string | null {
  const m = LEVEL.exec(text);
  if (!m) return null;
  const word = m[1]!.toLowerCase();
  if (/^[abc][12]$/.test(word)) return word.toUpperCase();
  return LEVEL_NAMES[word] ?? word;
}

export function languagesIn(lines: readonly Line[], inLanguagesSection: (line: Line) => boolean): SpokenLanguage[] {
  const found = new Map<string, SpokenLanguage>();
  for (const line of lines) {
    const section = inLanguagesSection(line);
    if (!section && !SPEAKING.test(line.text)) continue;
    const matches = findSkills(line.text).filter((m) => m.category === "languages");
    matches.forEach((match, i) => {
      if (found.has(match.skill)) return;
      // The level that follows the language, up to the next one ("English (native), Spanish (C1)"); in "fluent in
      // Spanish and French" the level comes before, for all of them.
      const next = matches[i + 1]?.start ?? line.text.length;
      const after = line.text.slice(match.end, next);
      const before = line.text.slice(0, match.start);
      const level = levelOf(after) ?? (/\b(?:in|and|,)\s*$/iu.test(before) ? levelOf(before) : null);
      found.set(match.skill, {
        language: match.skill,
        level,
        span: [line.start + match.start, line.start + match.end],
      });
    });
  }
  return [...found.values()];
}

export const formatLanguage = (l: { language: string; level: string | null }) =>
  l.level ? `${l.language} (${l.level})` : l.language;
