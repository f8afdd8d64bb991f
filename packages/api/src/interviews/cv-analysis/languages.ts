/**
 * Spoken languages with their level when given: every line of a languages section, and elsewhere only lines that
 * say how well ("fluent in Spanish", "German (B2)", "Spanish-speaking", "multilingual"), so an English literature
 * degree is not a language. Names come from the shared skills list's languages (with its aliases: "español") and a
 * wider list of the world's languages the skills list does not carry; a name counts only with its capital.
 */
import { SKILLS } from "../../schemas";
import type { Line } from "./sections";

export interface SpokenLanguage {
  language: string;
  level: string | null;
  /** [start, end) of the mention in the whole text. */
  span: [number, number];
}

const MORE_LANGUAGES =
  `Afrikaans Albanian Amharic Armenian Azerbaijani Basque Belarusian Bengali Bosnian Bulgarian Burmese
Cantonese Catalan Croatian Czech Danish Estonian Farsi Filipino Finnish Galician Georgian Greek Gujarati Hausa Hebrew
Hungarian Icelandic Igbo Indonesian Irish Kannada Kazakh Khmer Kurdish Lao Latvian Lithuanian Luxembourgish
Macedonian Malay Malayalam Maltese Marathi Mongolian Nepali Norwegian Pashto Persian Punjabi Romanian Serbian Sinhala
Slovak Slovenian Somali Swahili Tagalog Tamil Telugu Thai Tigrinya Twi Ukrainian Urdu Uzbek Vietnamese Welsh Wolof
Xhosa Yoruba Zulu`.split(/\s+/);

/** Each way of writing a language (lower case) → its name; the skills list's names win. */
const NAMES = new Map<string, string>();
for (const skill of SKILLS.filter((s) => s.category === "languages")) {
  for (const written of [skill.name, ...skill.aliases]) NAMES.set(written.toLowerCase(), skill.name);
}
for (const name of MORE_LANGUAGES) if (!NAMES.has(name.toLowerCase())) NAMES.set(name.toLowerCase(), name);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const NAME_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...NAMES.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join("|")})(?![\\p{L}\\p{N}])`,
  "giu",
);

const LEVEL =
  /\b(native(?: speaker)?|mother tongue|first language|bilingual|fluent|fluency|full professional(?: proficiency)?|professional working(?: proficiency)?|proficient|advanced|upper[- ]intermediate|intermediate|conversational|working knowledge|limited working(?: proficiency)?|elementary|basic|beginner|[abc][12])\b/iu;
const SPEAKING = new RegExp(`${LEVEL.source}|\\b(?:speak|speaks|speaking|spoken|speaker|multilingual)\\b`, "iu");

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

interface Mention {
  language: string;
  start: number;
  end: number;
}

function mentionsIn(text: string): Mention[] {
  const found: Mention[] = [];
  for (const m of text.matchAll(NAME_PATTERN)) {
    // Names of languages are written with a capital ("Polish", not "polish the UI").
    if (m[0][0] === m[0][0]!.toLowerCase()) continue;
    found.push({ language: NAMES.get(m[0].toLowerCase())!, start: m.index, end: m.index + m[0].length });
  }
  return found;
}

export function languagesIn(lines: readonly Line[], inLanguagesSection: (line: Line) => boolean): SpokenLanguage[] {
  const found = new Map<string, SpokenLanguage>();
  for (const line of lines) {
    if (!inLanguagesSection(line) && !SPEAKING.test(line.text)) continue;
    const mentions = mentionsIn(line.text);
    mentions.forEach((mention, i) => {
      if (found.has(mention.language)) return;
      // The level that follows the language, up to the next one ("English (native), Spanish (C1)"); in "fluent in
      // Spanish and French" the level comes before, for all of them.
      const next = mentions[i + 1]?.start ?? line.text.length;
      const after = line.text.slice(mention.end, next);
      const before = line.text.slice(0, mention.start);
      const level = levelOf(after) ?? (/\b(?:in|and|,)\s*$/iu.test(before) ? levelOf(before) : null);
      found.set(mention.language, {
        language: mention.language,
        level,
        span: [line.start + mention.start, line.start + mention.end],
      });
    });
  }
  return [...found.values()];
}

export const formatLanguage = (l: { language: string; level: string | null }) =>
  l.level ? `${l.language} (${l.level})` : l.language;
