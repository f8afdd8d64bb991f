/**
 * Reading a recruiter's answers (browser-safe, pure): seniority, salary ranges and currencies, remote policy,
 * dates, lists and weighted skills, "skip". Each reader answers null when the text holds nothing it knows.
 */
import type { RemotePolicy, Seniority, WeightedSkill } from "./profile";
import { canonicalSkill, findSkills } from "./skills";

/** "skip", "none", "don't know", "n/a", "-": the recruiter moves on. */
export function isSkip(text: string): boolean {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[.!\s]+$/, "")
    .replace(/\s+(yet|for now|at the moment)$/, "");
  return /^(skip|skip it|skip this|none|nothing|no|nope|n\/a|na|-|pass|later|not yet|no idea|not sure|unknown|tbd|tbc|i don'?t know|don'?t know|dont know|dunno|not decided|undecided|no preference)$/.test(
    t,
  );
}

const SENIORITY_WORDS: [RegExp, Seniority][] = [
  [/\b(intern|internship|trainee|apprentice|placement student|working student)\b/i, "intern"],
  [/\b(junior|jr\.?|entry[- ]level|graduate|newly qualified|associate)\b/i, "junior"],
  [/\b(mid|mid[- ]level|intermediate|medior|experienced)\b/i, "mid"],
  [/\b(principal|distinguished|architect|staff (engineer|scientist|developer|designer))\b/i, "principal"],
  [/\b(head of|director|vp|vice president|chief|c-level|cto|cfo|ceo|coo|executive director)\b/i, "executive"],
  [/\b(lead(?!\s*gen)|team lead|tech lead|charge nurse|supervisor|manager)\b/i, "lead"],
  [/\b(senior|sr\.?|snr)\b/i, "senior"],
];

/** The seniority a text names; the most specific word wins ("senior staff engineer" → principal). */
export function parseSeniority(text: string): Seniority | null {
  for (const [pattern, level] of SENIORITY_WORDS) if (pattern.test(text)) return level;
  return null;
}

const SYMBOLS: Record<string, string> = {
  "€": "EUR",
  "£": "GBP",
  $: "USD",
  "¥": "JPY",
  "₹": "INR",
  "₽": "RUB",
  "₺": "TRY",
};
const CODES = [
  "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "INR", "AUD", "CAD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
  "RON", "BGN", "TRY", "ZAR", "BRL", "MXN", "SGD", "HKD", "AED", "SAR", "ILS", "RUB", "UAH", "KRW",
]; // prettier-ignore
const CURRENCY_WORDS: [RegExp, string][] = [
  [/\beuros?\b/i, "EUR"],
  [/\b(us )?dollars?\b|\busd\b/i, "USD"],
  [/\bpounds?( sterling)?\b|\bquid\b/i, "GBP"],
  [/\bfrancs?\b/i, "CHF"],
  [/\bzloty\b/i, "PLN"],
  [/\brupees?\b/i, "INR"],
];

/** The currency a text names by symbol ("€"), code ("eur", "EUR") or word ("euros"), as an ISO code. */
export function parseCurrency(text: string): string | null {
  const prefixed = /\b(A|C|NZ|S|HK|US)\$/.exec(text);
  if (prefixed) return { A: "AUD", C: "CAD", NZ: "NZD", S: "SGD", HK: "HKD", US: "USD" }[prefixed[1]!]!;
  for (const [symbol, code] of Object.entries(SYMBOLS)) if (text.includes(symbol)) return code;
  const code = new RegExp(`\\b(${CODES.join("|")})\\b`, "i").exec(text);
  if (code) return code[1]!.toUpperCase();
  for (const [pattern, iso] of CURRENCY_WORDS) if (pattern.test(text)) return iso;
  return null;
}

export interface SalaryRange {
  min: number | null;
  max: number | null;
  currency: string | null;
  period: "year" | "month" | "hour";
}

// A number as people write money: 4500, 4,500, 4.500, 60 000, 4.5 — with an optional k or m after it.
const AMOUNT = String.raw`(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+|\d+(?:[.,]\d{1,2})?)\s*(k|m|K|M)?\b`;
const RANGE = new RegExp(`${AMOUNT}(?:\\s*(?:-|–|—|to|and)\\s*[^\\d\\s]{0,3}\\s*${AMOUNT})?`, "g");

function amountOf(digits: string, suffix: string | undefined): number {
  const grouped = /^\d{1,3}([,.\u00a0\u202f ]\d{3})+$/.test(digits);
  const value = grouped ? Number(digits.replace(/[,.\u00a0\u202f ]/g, "")) : Number(digits.replace(",", "."));
  const factor = suffix?.toLowerCase() === "k" ? 1_000 : suffix?.toLowerCase() === "m" ? 1_000_000 : 1;
  return Math.round(value * factor * 100) / 100;
}

function periodOf(text: string): SalaryRange["period"] {
  if (/\b(per (hour|hr)|an hour|hourly|ph)\b|\/\s*h(ou)?r?\b/i.test(text)) return "hour";
  if (/\b(per month|a month|monthly|pcm|pm)\b|\/\s*mo(nth)?\b/i.test(text)) return "month";
  return "year";
}

/**
 * A salary range: "80-100k EUR", "€4,500 per month", "$45/hour", "60 000 – 70 000 GBP", "up to 90k", "from £50k".
 * Without `bare`, a number counts only with a currency, a k, or a period beside it (so "in 6 weeks" is no salary).
 */
export function parseSalary(text: string, { bare = false } = {}): SalaryRange | null {
  const withoutDates = text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, " ");
  const currency = parseCurrency(withoutDates);
  const period = periodOf(withoutDates);
  const hasPeriod = period !== "year" || /\b(per year|a year|annual|annually|p\.?a\.?|yearly|salary)\b/i.test(text);
  for (const match of withoutDates.matchAll(RANGE)) {
    const [, firstDigits, firstSuffix, secondDigits, secondSuffix] = match;
    let low = amountOf(firstDigits!, firstSuffix ?? (secondDigits && !firstSuffix ? secondSuffix : undefined));
    // "80-100k": the k belongs to both, unless the first is already large ("80000-100k").
    if (!firstSuffix && secondSuffix && amountOf(firstDigits!, undefined) >= 1000)
      low = amountOf(firstDigits!, undefined);
    const high = secondDigits ? amountOf(secondDigits, secondSuffix) : null;
    const credible = bare || currency || firstSuffix || secondSuffix || hasPeriod;
    if (!credible || low === 0) continue;
    const before = withoutDates.slice(0, match.index).toLowerCase();
    if (high === null && /\b(up to|max(imum)?|at most|no more than|below|under)\s*\S{0,3}\s*$/.test(before)) {
      return { min: null, max: low, currency, period };
    }
    if (high !== null && high < low) return { min: high, max: low, currency, period };
    return { min: low, max: high, currency, period };
  }
  return null;
}

/** Remote policy: hybrid before remote ("hybrid, remote on Fridays"), a number of office days is hybrid. */
export function parseRemote(text: string): RemotePolicy | null {
  if (/\bhybrid\b|\b\d\s*(days?|x)\s*(a week\s*)?(in|at)\s*(the\s*)?office\b|\bpartly remote\b/i.test(text)) {
    return "hybrid";
  }
  if (/\b(fully remote|remote|wfh|work from home|working from home|home[- ]based|distributed|anywhere)\b/i.test(text)) {
    return /\bno remote\b|\bnot remote\b/i.test(text) ? "onsite" : "remote";
  }
  if (
    /\b(on[- ]?site|in[- ]office|in the office|office[- ]based|in person|in-person|at the hospital|on the ward)\b/i.test(
      text,
    )
  ) {
    return "onsite";
  }
  return null;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utcDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

function validDay(y: number, m: number, d: number): Date | null {
  const date = utcDay(y, m, d);
  return date.getUTCMonth() === m && date.getUTCDate() === d ? date : null;
}

/** A month and day without a year: this year's, or next year's when it has passed. */
function upcoming(today: Date, month: number, day: number | null, year: number | null): Date | null {
  const y = year ?? today.getUTCFullYear();
  const date = day === null ? utcDay(y, month + 1, 0) : validDay(y, month, day);
  if (!date) return null;
  if (year === null && date < utcDay(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) {
    return day === null ? utcDay(y + 1, month + 1, 0) : validDay(y + 1, month, day);
  }
  return date;
}

/**
 * A date as yyyy-mm-dd: "2027-01-31", "by March 15", "15 March 2027", "end of June", "in 6 weeks", "in 10 days",
 * "in 3 months" (relative to `today`, in UTC). Without `bare`, a lone month name ("may") is not read as a date.
 */
export function parseDate(text: string, today: Date, { bare = false } = {}): string | null {
  const isoMatch = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (isoMatch) {
    const date = validDay(Number(isoMatch[1]), Number(isoMatch[2]) - 1, Number(isoMatch[3]));
    return date ? iso(date) : null;
  }
  const relative = /\b(?:in|within)\s+(\d{1,3}|a|one|two|three|four|six|eight|twelve)\s+(day|week|month)s?\b/i.exec(
    text,
  );
  if (relative) {
    const words: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, six: 6, eight: 8, twelve: 12 };
    const n = words[relative[1]!.toLowerCase()] ?? Number(relative[1]);
    const unit = relative[2]!.toLowerCase();
    const d = utcDay(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
    if (unit === "day") d.setUTCDate(d.getUTCDate() + n);
    if (unit === "week") d.setUTCDate(d.getUTCDate() + 7 * n);
    if (unit === "month") d.setUTCMonth(d.getUTCMonth() + n);
    return iso(d);
  }
  const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  const monthDay = new RegExp(String.raw`\b${MONTH}\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`, "i").exec(text);
  if (monthDay) return nullableIso(upcoming(today, monthIndex(monthDay[1]!), Number(monthDay[2]), year(monthDay[3])));
  const dayMonth = new RegExp(
    String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\b\.?(?:,?\s+(\d{4}))?`,
    "i",
  ).exec(text);
  if (dayMonth) return nullableIso(upcoming(today, monthIndex(dayMonth[2]!), Number(dayMonth[1]), year(dayMonth[3])));
  const monthOnly = new RegExp(String.raw`\b(by|before|end of|until|in|from)?\s*${MONTH}\b(?:\s+(\d{4}))?`, "i").exec(
    text,
  );
  if (monthOnly && (bare || monthOnly[1] || monthOnly[3])) {
    return nullableIso(upcoming(today, monthIndex(monthOnly[2]!), null, year(monthOnly[3])));
  }
  return null;
}

const year = (text: string | undefined) => (text ? Number(text) : null);
const nullableIso = (date: Date | null) => (date ? iso(date) : null);

const LIST_SEPARATORS = /\r?\n|;|,(?!\d{3})|•/;
const AND_SEPARATORS = /\r?\n|;|,(?!\d{3})|•|\s+\band\b\s+|\s+&\s+/;

/**
 * Items of a list written with commas, semicolons, new lines or bullets (and "and" unless `splitOnAnd` is false);
 * trimmed, without trailing dots. A known skill whose name holds a separator ("Health and safety") stays whole.
 */
export function parseList(text: string, { splitOnAnd = true } = {}): string[] {
  const kept: string[] = [];
  let masked = text;
  for (const match of findSkills(text).reverse()) {
    const written = text.slice(match.start, match.end);
    if (!/[,;&]|\band\b/.test(written)) continue;
    kept.push(written);
    masked = `${masked.slice(0, match.start)}\u27e6${kept.length - 1}\u27e7${masked.slice(match.end)}`;
  }
  return masked
    .split(splitOnAnd ? AND_SEPARATORS : LIST_SEPARATORS)
    .map((item) =>
      item
        .replace(/\u27e6(\d+)\u27e7/g, (_m, i: string) => kept[Number(i)]!)
        .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "")
        .trim()
        .replace(/[.!]+$/, "")
        .trim(),
    )
    .filter((item) => item.length > 0);
}

export interface WeightedSkills {
  must: WeightedSkill[];
  nice: WeightedSkill[];
}

const MUST_LABEL = /\b(must[- ]?haves?|must|required|requirements|essential|mandatory)\s*:/i;
const NICE_LABEL = /\b(nice[- ]to[- ]haves?|nice|bonus|optional|preferred|plus)\s*:/i;
const WEIGHT = /\s*(?:\((\d)(?:\s*\/\s*5)?\)|\[(\d)\]|(\d)\s*\/\s*5|:\s*(\d))\s*$/;

/** One item: its weight when written ("Python (5)", "SQL 4/5"), the skill's canonical name, or what it names. */
function skillsOfItem(item: string, defaultWeight: number): WeightedSkill[] {
  const weightMatch = WEIGHT.exec(item);
  const written = weightMatch ? Number(weightMatch.slice(1).find(Boolean)) : null;
  const weight = written && written >= 1 && written <= 5 ? written : defaultWeight;
  const name = (weightMatch ? item.slice(0, weightMatch.index) : item)
    .replace(/^(strong|solid|good|excellent|some|basic|deep|proven|hands-on)\s+/i, "")
    .replace(/\s+(experience|skills?|knowledge)$/i, "")
    .trim();
  if (!/\p{L}/u.test(name)) return [];
  const canonical = canonicalSkill(name);
  if (canonical) return [{ skill: canonical, weight }];
  const inside = findSkills(name);
  if (inside.length) return inside.map((m) => ({ skill: m.skill, weight }));
  if (name.split(/\s+/).length > 6) return [];
  return [{ skill: name.slice(0, 100), weight }];
}

/**
 * Skills with weights: "must: Python (5), SQL; nice: Airflow". Items under no label go to `unlabeled`
 * ("must" or "nice": the question being answered).
 */
export function parseWeightedSkills(
  text: string,
  unlabeled: "must" | "nice",
  defaults = { must: 4, nice: 2 },
): WeightedSkills {
  const result: WeightedSkills = { must: [], nice: [] };
  const parts: { bucket: "must" | "nice"; text: string }[] = [];
  let rest = text;
  let bucket = unlabeled;
  for (;;) {
    const must = MUST_LABEL.exec(rest);
    const nice = NICE_LABEL.exec(rest);
    const next = [must, nice].filter((m): m is RegExpExecArray => !!m).sort((a, b) => a.index - b.index)[0];
    if (!next) break;
    parts.push({ bucket, text: rest.slice(0, next.index) });
    bucket = next === must ? "must" : "nice";
    rest = rest.slice(next.index + next[0].length);
  }
  parts.push({ bucket, text: rest });
  for (const part of parts) {
    for (const item of parseList(part.text)) {
      for (const skill of skillsOfItem(item, defaults[part.bucket])) {
        const list = result[part.bucket];
        if (!list.some((s) => s.skill.toLowerCase() === skill.skill.toLowerCase())) list.push(skill);
      }
    }
  }
  return result;
}

/** Lines written as "label: value" (e.g. "location: Berlin"), keyed by the label in lower case. */
export function labeledValues(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n|;/)) {
    const match = /^\s*([A-Za-z][A-Za-z -]{1,30}?)\s*:\s*(.+?)\s*$/.exec(line);
    if (match) values[match[1]!.toLowerCase().replace(/\s+/g, " ")] = match[2]!;
  }
  return values;
}
