/**
 * Phone numbers: libphonenumber-js finds international numbers ("+44 20 7946 0958"); national formats without a
 * country ("(415) 555-0132", "0151 496 0123", "06 12 34 56 78") are found by shape, and the applicant's own number
 * in any grouping by its digits.
 */
import { findPhoneNumbersInText } from "libphonenumber-js";
import type { Span } from "./spans";

/** Digit groups joined by one space, dot or hyphen, optionally opening with a bracketed area code. */
const PHONE_SHAPE = /(?<![\w+.,/-])(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,8}){1,4}(?![\w/-]|[.,]\d)/g;
const DATE_LIKE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;
const YEAR_RANGE = /^(?:19|20)\d\d\s?[-–]\s?(?:19|20)?\d\d$/;

function nationalShape(value: string): boolean {
  const digits = value.replace(/\D/g, "");
  if (digits.length < 9 || digits.length > 13) return false;
  if (DATE_LIKE.test(value) || YEAR_RANGE.test(value)) return false;
  if (value.startsWith("(")) return true;
  // A trunk prefix (0…) or the North American 3-3-4 grouping.
  return digits.startsWith("0") || /^\d{3}[ .-]\d{3}[ .-]\d{4}$/.test(value);
}

/** The spans of phone numbers in `text`. */
export function findPhones(text: string): Span[] {
  if (!/\d[\s().-]*\d[\s().-]*\d[\s().-]*\d/.test(text)) return [];
  const spans: Span[] = [];
  if (text.includes("+")) {
    for (const found of findPhoneNumbersInText(text))
      spans.push({ start: found.startsAt, end: found.endsAt, kind: "PHONE" });
    // What the library leaves (numbers it does not know as valid): "+" and 8–15 digits in groups.
    for (const match of text.matchAll(/(?<![\w+])\+\d{1,4}(?:[ .-]?\(?\d{1,5}\)?){2,6}(?![\w-])/g)) {
      const digits = match[0].replace(/\D/g, "").length;
      if (digits >= 8 && digits <= 15)
        spans.push({ start: match.index, end: match.index + match[0].length, kind: "PHONE" });
    }
  }
  for (const match of text.matchAll(PHONE_SHAPE)) {
    if (nationalShape(match[0])) spans.push({ start: match.index, end: match.index + match[0].length, kind: "PHONE" });
  }
  return spans;
}

/** Digits in groups, as a phone number is written (compiled once; the applicant's number is compared by digits). */
const DIGIT_RUN = /(?<![\d+])\+?\(?\d(?:[\s().-]{0,2}\d){6,16}(?!\d)/g;

/**
 * The applicant's own number written with any grouping, with or without its country code or trunk 0: a run of
 * digits that ends with the number's last nine digits and holds at most four more.
 */
export function ownPhoneFinder(phone: string): ((text: string) => Span[]) | null {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7) return null;
  const tail = digits.slice(-Math.min(digits.length, 9));
  return (text) => {
    const spans: Span[] = [];
    for (const match of text.matchAll(DIGIT_RUN)) {
      const found = match[0].replace(/\D/g, "");
      if (found.endsWith(tail) && found.length <= tail.length + 4) {
        spans.push({ start: match.index, end: match.index + match[0].length, kind: "PHONE" });
      }
    }
    return spans;
  };
}
