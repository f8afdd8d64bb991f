/**
 * Number and date formatting shared by the SPA and the PDF reports (browser-safe: no server code).
 * The fixed-digit helpers never depend on a locale; counts and dates do, through `createFormat`.
 */
import type { Recommendation } from "@shortlist/db/constants";

/** Fixed digits, without a "-0.00". */
export function fixed(n: number, digits = 1): string {
  const s = n.toFixed(digits);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/** Fixed digits with an explicit sign: "+0.30", "-0.30", "+0.00". */
export const signed = (n: number, digits = 2) =>
  n > 0 || fixed(n, digits) === fixed(0, digits) ? `+${fixed(Math.abs(n), digits)}` : fixed(n, digits);

/** A share (0.42) as a whole percentage ("42%"). */
export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** 1st, 2nd, 3rd, 11th, 62nd (rounded to a whole number first). */
export function ordinal(n: number): string {
  const r = Math.round(n);
  const tens = r % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[r % 10] ?? "th");
  return `${r}${suffix}`;
}

export const truncate = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 3).trimEnd()}...`;

export const RECOMMENDATION_LABEL: Record<Recommendation, string> = {
  strong_hire: "Strong hire",
  hire: "Hire",
  lean_no_hire: "Lean no hire",
  no_hire: "No hire",
};

/** What a missing date shows as. */
export const NO_DATE = "—";

export interface Format {
  /** A whole number with the locale's grouping: "1,234". */
  count(n: number): string;
  /** "1 session", "1,234 sessions" (or the given plural). */
  plural(n: number, one: string, many?: string): string;
  /** "Jan 6, 2026"; NO_DATE for none. */
  date(d: Date | null | undefined): string;
  /** "Jan 6, 2026, 9:30 AM"; NO_DATE for none. */
  dateTime(d: Date | null | undefined): string;
}

/**
 * The locale-dependent formatters. The SPA passes no locale (the browser's); the reports pass
 * REPORT_LOCALE, so a PDF reads the same whatever the server's locale.
 */
export function createFormat(locale?: string): Format {
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const count = (n: number) => whole.format(n);
  return {
    count,
    plural: (n, one, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`,
    date: (d) => (d ? date.format(d) : NO_DATE),
    dateTime: (d) => (d ? dateTime.format(d) : NO_DATE),
  };
}

/** The reports are written in English. */
export const REPORT_LOCALE = "en-US";
