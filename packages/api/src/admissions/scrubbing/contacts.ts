/** Emails, URLs, social handles and identity numbers: found by patterns compiled once. */
import type { Span } from "./spans";

const TLDS =
  "com|org|net|edu|gov|io|dev|ai|app|co|me|info|biz|blog|page|site|online|tech|xyz|cloud|design|studio|social|" +
  "uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|is|ie|pt|pl|cz|sk|si|hr|hu|ro|bg|gr|tr|ru|ua|lt|lv|ee|" +
  "us|ca|mx|br|ar|cl|pe|uy|ve|ec|bo|in|pk|bd|lk|np|cn|jp|kr|tw|hk|sg|my|id|ph|vn|th|au|nz|" +
  "za|ng|ke|gh|et|ug|tz|rw|sn|ml|ma|tn|eg|dz|ae|sa|qa|jo|lb|il|ir|om|kw|zm|zw";

const EMAIL =
  /[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** "ellen dot park at example dot com", "ana (at) uni (dot) edu". */
const SPELLED_EMAIL = new RegExp(
  String.raw`\b\w+(?:\s*(?:\(dot\)|\[dot\]|\sdot\s)\s*\w+)*\s*(?:\(at\)|\[at\]|\sat\s)\s*\w+(?:\s*(?:\(dot\)|\[dot\]|\sdot\s)\s*\w+)*\s*(?:\(dot\)|\[dot\]|\sdot\s)\s*(?:${TLDS})\b`,
  "gi",
);
/** @user@server (Mastodon), @user (not the tail of an email). */
const FEDIVERSE = /(?<![\w.@])@[A-Za-z0-9_]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/g;
const HANDLE = /(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?/g;
const SOCIAL_SITES =
  "github\\.com|gitlab\\.com|codeberg\\.org|bitbucket\\.org|linkedin\\.com|twitter\\.com|x\\.com|instagram\\.com|" +
  "facebook\\.com|behance\\.net|dribbble\\.com|tiktok\\.com|medium\\.com|threads\\.net|bsky\\.app";
const SOCIAL_URL = new RegExp(
  String.raw`(?<![\w.@-])(?:https?://)?(?:www\.)?(?:${SOCIAL_SITES})/(?:in/)?[A-Za-z0-9_.~%-]+(?:/[^\s<>"']*)?`,
  "gi",
);
const URL_WITH_SCHEME = /\b(?:https?|ftp):\/\/[^\s<>"'`]+/gi;
const WWW_URL = /(?<![\w.@-])www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/[^\s<>"']*)?/gi;
/** Bare domains in lower case ("mysite.dev/talks"); file names (".py", ".js") are not among the endings. */
const BARE_DOMAIN = new RegExp(
  String.raw`(?<![\w.@/-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:${TLDS})(?![\w@-])(?:/[^\s<>"']*)?`,
  "g",
);

const NI_NUMBER = /\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/g;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
const IBAN = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?\b/g;
/**
 * A code of capitals and digits (hyphens allowed) with at least three digits that goes letter-digit-letter or
 * digit-letter-digit: "NX-448120-B", "C01X00T47"; not "RTX3090" or "COVID-19".
 */
const CODE = /(?<![\w-])(?=(?:[A-Z-]*\d){3})[A-Z0-9](?:[A-Z0-9-]{4,18})[A-Z0-9](?![\w-])/g;
const isCode = (value: string): boolean => (value.replace(/-/g, "").match(/\d+|[A-Z]+/g)?.length ?? 0) >= 3;
/** Digits alone are an identity number only after words that say so ("student number … 20197734"). */
const CUED_NUMBER =
  /\b(?:id|identity|number|no\.?|nr\.?|passport|licen[cs]e|matriculation|student|candidate|registration|reference|ref\.?|account|roll)\b[^.\n]{0,40}?(?<![\w.,-])(\d{6,14}|(?=[A-Z0-9-]*\d)[A-Z0-9-]{6,20})(?![\w-])/gi;

/** Each match of `pattern` (its last group when `tail`: the pattern ends with it) that `keep` accepts. */
/** After a cue: digits (hyphens allowed, not a range of years), or capitals and digits; not "2nd-year". */
function isCuedNumber(value: string): boolean {
  if (/^(?:19|20)\d\d-(?:19|20)?\d\d$/.test(value)) return false;
  if (/^[\d-]+$/.test(value)) return value.replace(/-/g, "").length >= 6;
  return /\d/.test(value) && /[A-Z]/.test(value) && !/[a-z]/.test(value);
}

function push(
  spans: Span[],
  kind: Span["kind"],
  pattern: RegExp,
  text: string,
  { tail = false, keep }: { tail?: boolean; keep?: (value: string) => boolean } = {},
): void {
  for (const match of text.matchAll(pattern)) {
    const value = tail ? match[match.length - 1] : match[0];
    if (!value || (keep && !keep(value))) continue;
    const start = match.index + (tail ? match[0].length - value.length : 0);
    spans.push({ start, end: start + value.length, kind });
  }
}

/** Spans of emails, URLs and handles, highest priority first. */
export function findContacts(text: string): Span[] {
  const spans: Span[] = [];
  const hasAt = text.includes("@");
  if (hasAt) push(spans, "HANDLE", FEDIVERSE, text);
  if (hasAt) push(spans, "EMAIL", EMAIL, text);
  if (/\b(?:at|dot)\b/i.test(text)) push(spans, "EMAIL", SPELLED_EMAIL, text);
  if (text.includes("/")) push(spans, "HANDLE", SOCIAL_URL, text);
  if (text.includes("://")) push(spans, "URL", URL_WITH_SCHEME, text);
  if (text.includes(".")) {
    push(spans, "URL", WWW_URL, text);
    push(spans, "URL", BARE_DOMAIN, text);
  }
  if (hasAt) push(spans, "HANDLE", HANDLE, text);
  return spans;
}

/** Spans of identity numbers: national insurance, social security, IBAN, codes, numbers after a cue. */
export function findIdNumbers(text: string): Span[] {
  const spans: Span[] = [];
  if (/\d/.test(text)) {
    push(spans, "ID_NUMBER", NI_NUMBER, text);
    push(spans, "ID_NUMBER", SSN, text);
    push(spans, "ID_NUMBER", IBAN, text);
    push(spans, "ID_NUMBER", CODE, text, { keep: isCode });
    push(spans, "ID_NUMBER", CUED_NUMBER, text, { tail: true, keep: isCuedNumber });
  }
  return spans;
}
