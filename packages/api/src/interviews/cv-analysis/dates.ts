/**
 * Date ranges in a CV's text ("Jan 2019 – Mar 2022", "2015-2018", "2020 – present", "03/2017 - 06/2019",
 * "since 2021") as month spans, and their union. Months are counted as `year * 12 + month` (month 0–11); a span's
 * end is exclusive. A year without a month stands for its middle (July), so "2015 – 2018" is three years.
 */

export interface MonthSpan {
  start: number;
  /** Exclusive. */
  end: number;
}

export interface FoundRange extends MonthSpan {
  /** [from, to) offsets of the whole range in the text searched. */
  from: number;
  to: number;
}

/** A point in time as written: a month index, or only a year, or "present". */
interface Point {
  from: number;
  to: number;
  year: number | null;
  month: number | null;
  present: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

const MONTH_NAME =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const YEAR = "(?:19[5-9]\\d|20\\d\\d)";
const POINT = new RegExp(
  [
    `\\b(${MONTH_NAME})\\.?,?\\s+(${YEAR})\\b`, // Jan 2019, September 2020
    `\\b(0?[1-9]|1[0-2])\\s*[/.]\\s*(${YEAR})\\b`, // 03/2017, 3.2017
    `\\b(${YEAR})[-/.](0[1-9]|1[0-2])(?![\\d/.-])`, // 2017-03
    `\\b(${YEAR})\\b`, // 2015
    "\\b(present|current|now|today|ongoing|date)\\b",
  ].join("|"),
  "gi",
);
/** What may stand between the two ends of a range. */
const BETWEEN = /^\s*(?:-|–|—|−|~|to|until|till|through|thru|→|>)\s*$/i;
const SINCE = /\b(?:since|from)\s*$/i;

function points(text: string): Point[] {
  const found: Point[] = [];
  for (const m of text.matchAll(POINT)) {
    const from = m.index;
    const to = from + m[0].length;
    if (m[1])
      found.push({ from, to, year: Number(m[2]), month: MONTHS[m[1].slice(0, 3).toLowerCase()]!, present: false });
    else if (m[3]) found.push({ from, to, year: Number(m[4]), month: Number(m[3]) - 1, present: false });
    else if (m[5]) found.push({ from, to, year: Number(m[5]), month: Number(m[6]) - 1, present: false });
    else if (m[7]) found.push({ from, to, year: Number(m[7]), month: null, present: false });
    else found.push({ from, to, year: null, month: null, present: true });
  }
  return found;
}

/** The month index a date stands for: `now` as a month index; a bare year as its middle. */
const monthOf = (p: Point, nowMonth: number, isEnd: boolean) =>
  p.present ? nowMonth + 1 : p.year! * 12 + (p.month ?? 6) + (isEnd && p.month !== null ? 1 : 0);

export const monthIndex = (date: Date) => date.getUTCFullYear() * 12 + date.getUTCMonth();

/** Every date range written in `text`, in order; ranges in the future are cut at `now`. */
export function findDateRanges(text: string, now: Date): FoundRange[] {
  const nowMonth = monthIndex(now);
  const list = points(text);
  const ranges: FoundRange[] = [];
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    if (a.present) continue;
    const b = list[i + 1];
    let end: number | null = null;
    let to = a.to;
    if (b && BETWEEN.test(text.slice(a.to, b.from))) {
      end = monthOf(b, nowMonth, true);
      to = b.to;
      i++;
    } else if (SINCE.test(text.slice(Math.max(0, a.from - 12), a.from))) {
      end = nowMonth + 1;
    } else continue;
    let start = monthOf(a, nowMonth, false);
    // "2018 – 2018": some time within that year.
    if (a.month === null && b && b.month === null && a.year === b.year) {
      start = a.year! * 12 + 3;
      end = a.year! * 12 + 9;
    }
    end = Math.min(end, nowMonth + 1);
    if (end > start) ranges.push({ start, end, from: a.from, to });
  }
  return ranges;
}

/** The spans merged where they overlap or touch. */
export function unionOf(spans: readonly MonthSpan[]): MonthSpan[] {
  const sorted = [...spans].sort((x, y) => x.start - y.start);
  const merged: MonthSpan[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/** Years covered by the spans, overlaps counted once, to one decimal. */
export function yearsOf(spans: readonly MonthSpan[]): number {
  const months = unionOf(spans).reduce((sum, s) => sum + (s.end - s.start), 0);
  return Math.round((months / 12) * 10) / 10;
}

/** Bare years written in a text ("2014", "2010 – 2014"), in order. */
export function yearsIn(text: string): number[] {
  return [...text.matchAll(new RegExp(`\\b${YEAR}\\b`, "g"))].map((m) => Number(m[0]));
}
