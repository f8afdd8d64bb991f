/** Text helpers of the scrubber: accent folding that keeps offsets, word tests, sentence starts. */

const FOLD_EXTRA: Record<string, string> = {
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  ı: "i",
  ħ: "h",
  ŧ: "t",
  þ: "t",
  "’": "'",
  "‘": "'",
};
const foldCache = new Map<string, string>();

/** One UTF-16 unit folded: lower case, accents dropped; a unit whose fold is not one unit is kept as it is. */
function foldUnit(unit: string): string {
  const cached = foldCache.get(unit);
  if (cached !== undefined) return cached;
  const lower = unit.toLowerCase();
  let folded = lower.length === 1 ? lower.normalize("NFD").replace(/\p{M}/gu, "") : unit;
  folded = FOLD_EXTRA[folded] ?? folded;
  if (folded.length !== 1) folded = lower.length === 1 ? lower : unit;
  foldCache.set(unit, folded);
  return folded;
}

/**
 * The text lower-cased with accents folded ("José" → "jose"), the same length as the input, so an offset in the
 * folded text is the same offset in the original.
 */
export function foldText(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text.toLowerCase();
  let out = "";
  for (let i = 0; i < text.length; i++) out += foldUnit(text[i]!);
  return out;
}

/** Folded like foldText, for a short value such as a name part. */
export const foldValue = (value: string): string => foldText(value.normalize("NFC"));

const LETTER = /\p{L}/u;
export const isLetter = (ch: string | undefined): boolean => ch !== undefined && LETTER.test(ch);
const UPPER = /\p{Lu}/u;
export const isUpper = (ch: string | undefined): boolean => ch !== undefined && UPPER.test(ch);
export const isCapitalized = (word: string): boolean => isUpper(word[0]);

/** Abbreviations whose full stop ends no sentence ("Dr. Okafor"), and initials ("J. Doe"). */
const ABBREVIATION = /(?:^|[^\p{L}])(?:dr|mr|mrs|ms|mx|prof|st|jr|sr|vs|e\.g|i\.e|no)\.$/iu;
const INITIAL = /(?:^|[^\p{L}])\p{Lu}\.$/u;

/** Whether the word starting at `start` opens a sentence (only spaces, quotes or brackets after a full stop). */
export function startsSentence(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && /[\s"'“‘([*•-]/.test(text[i]!)) {
    if (text[i] === "\n") return true;
    i--;
  }
  if (i < 0) return true;
  if (!/[.!?:;]/.test(text[i]!)) return false;
  const before = text.slice(Math.max(0, i - 5), i + 1);
  return text[i] !== "." || !(ABBREVIATION.test(before) || INITIAL.test(before));
}
