/**
 * A seniority estimate (one of intake's SENIORITIES) from the latest role's title and the total years: a title
 * that says the level wins ("Senior", "Lead", "Head of"), bounded by the years (a "Senior" with two years reads as
 * mid); without one, the years decide.
 */
import type { Seniority } from "../../schemas";

const TITLE_LEVELS: [Seniority, RegExp][] = [
  [
    "executive",
    /\b(?:chief \w+ officer|cto|ceo|cfo|coo|cmo|cio|vp|vice[- ]president|director|head of(?! (?:the )?[\w&]+(?: [\w&]+)? department)|managing partner|senior partner|equity partner|founding partner)\b/iu,
  ],
  [
    "principal",
    /\b(?:principal|distinguished|fellow|staff (?:engineer|software|data|product|designer|scientist|developer|architect|machine learning|ml|platform|security|frontend|backend|sre))\b/iu,
  ],
  [
    "lead",
    /\b(?:lead|leader|team lead|tech lead|head chef|chef de cuisine|executive chef|charge nurse|ward manager|nurse manager|unit manager|head of (?:the )?[\w&]+(?: [\w&]+)? department|head of department|head teacher|headteacher|supervisor|foreman|(?<!(?:account|product|project|case|relationship|office|community|social media|assistant|key account|territory|store|sales|property|content)\s)manager)\b/iu,
  ],
  ["senior", /\b(?:senior|sr\.?|snr|sous chef|experienced)\b/iu],
  ["junior", /\b(?:junior|jr\.?|graduate|entry[- ]level|assistant|associate|apprentice|trainee|commis)\b/iu],
  ["intern", /\b(?:intern|internship|placement student|work experience student)\b/iu],
];

const ORDER: readonly Seniority[] = ["intern", "junior", "mid", "senior", "lead", "principal", "executive"];

export function titleLevel(title: string): Seniority | null {
  for (const [level, pattern] of TITLE_LEVELS) if (pattern.test(title)) return level;
  return null;
}

/** Without a title that says so, "senior" takes eight years: many people stay at mid level for years. */
function yearsLevel(years: number): Seniority {
  if (years < 2) return "junior";
  if (years < 8) return "mid";
  return "senior";
}

/** The estimate from the latest role's title (if any) and the total years (null when unknown). */
export function estimateSeniority(latestTitle: string | null, totalYears: number | null): Seniority | null {
  const byTitle = latestTitle ? titleLevel(latestTitle) : null;
  if (totalYears === null) return byTitle;
  const byYears = yearsLevel(totalYears);
  if (!byTitle) return byYears;
  const rank = ORDER.indexOf(byTitle);
  // A junior title after many years, or a senior one after few, reads as what the years say.
  if (rank <= ORDER.indexOf("junior") && totalYears >= 4) return byYears;
  if (rank >= ORDER.indexOf("senior") && totalYears < 3) return "mid";
  return byTitle;
}
