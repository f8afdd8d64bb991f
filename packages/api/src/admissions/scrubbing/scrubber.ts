/** One applicant's scrubber: every detector run over an answer, the spans resolved, placeholders written. */
import nlp from "compromise/two";
import type { PiiKind } from "@shortlist/db/constants";
import { findContacts, findIdNumbers } from "./contacts";
import { findEntitiesMany, type EntityPass } from "./entities";
import { ownNameMatcher } from "./own-name";
import { findPhones, ownPhoneFinder } from "./phones";
import { findSchools } from "./schools";
import { applySpans, placeholderSpans, resolveSpans, type Span } from "./spans";
import { foldText, foldValue } from "./text";

export interface ScrubIdentity {
  name: string;
  email: string;
  phone: string;
  /** Answers the form marks as identifying (their values are replaced wherever they appear). */
  identifyingAnswers: string[];
}

export interface ScrubbedText {
  text: string;
  /** Where the placeholders went, in the input's offsets. */
  spans: Span[];
  counts: Partial<Record<PiiKind, number>>;
}

/** The kind of an identifying answer's value, by its shape. */
function identifyingKind(value: string): PiiKind {
  const trimmed = value.trim();
  if (/^\S+@\S+\.\S+$/.test(trimmed)) return "EMAIL";
  if (/^@\w/.test(trimmed)) return "HANDLE";
  if (/^(?:https?:\/\/|www\.)|^[\w-]+(?:\.[\w-]+)+\/?\S*$/i.test(trimmed)) return "URL";
  if (/^\+?[\d\s().-]{7,}$/.test(trimmed)) return "PHONE";
  if (/\d/.test(trimmed)) return "ID_NUMBER";
  if (findSchools(trimmed).length) return "SCHOOL";
  return nlp(trimmed).has("#Place") ? "LOCATION" : "NAME";
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** Where `value` (folded) stands in the folded text as whole words. */
function literalSpans(folded: string, value: string, kind: PiiKind): Span[] {
  const spans: Span[] = [];
  for (let at = folded.indexOf(value); at >= 0; at = folded.indexOf(value, at + 1)) {
    const end = at + value.length;
    if (isWordChar(value[0]) && isWordChar(folded[at - 1])) continue;
    if (isWordChar(value.at(-1)) && isWordChar(folded[end])) continue;
    spans.push({ start: at, end, kind });
  }
  return spans;
}

/** Blanks (same length) over the given ranges: what the NLP pass should not read. */
function blank(text: string, ranges: readonly { start: number; end: number }[]): string {
  if (!ranges.length) return text;
  const chars = text.split("");
  for (const range of ranges) {
    // A sentence's full stop after a URL stays: the tagger needs it.
    let end = range.end;
    while (end > range.start && /[.,;:!?)]/.test(text[end - 1]!)) end--;
    for (let i = range.start; i < end; i++) if (chars[i] !== "\n") chars[i] = " ";
  }
  return chars.join("");
}

/** One applicant's scrubber: scrubs texts (an application's answers, read by the NLP pass in one parse). */
export function createScrubber(identity: ScrubIdentity): (texts: readonly string[]) => ScrubbedText[] {
  const ownName = ownNameMatcher(identity.name);
  const ownPhone = ownPhoneFinder(identity.phone);
  const literals = [identity.email, ...identity.identifyingAnswers]
    .map((value) => value.trim())
    .filter((value) => value.replace(/\W/g, "").length >= 3)
    .map((value) => ({
      value: foldValue(value),
      kind: value === identity.email.trim() ? ("EMAIL" as const) : identifyingKind(value),
    }));

  /** What the patterns find in one text, and the text as the NLP pass should read it. */
  const prepare = (text: string) => {
    const protectedRanges = placeholderSpans(text);
    const folded = foldText(text);
    const found: Span[] = [];
    for (const { value, kind } of literals) found.push(...literalSpans(folded, value, kind));
    found.push(...findContacts(text), ...findPhones(text), ...(ownPhone?.(text) ?? []), ...findIdNumbers(text));
    // The NLP pass reads the text without what is already found (an email is no name) nor the placeholders.
    return { text, folded, found, protectedRanges, masked: blank(text, [...protectedRanges, ...found]) };
  };
  const finish = (state: ReturnType<typeof prepare>, entities: EntityPass): ScrubbedText => {
    const { text, folded, found, protectedRanges, masked } = state;
    found.push(...ownName.find(text, folded, entities), ...findSchools(masked), ...entities.spans);
    const spans = resolveSpans(text, found, protectedRanges);
    const { text: scrubbed, counts } = applySpans(text, spans);
    return { text: scrubbed, spans, counts };
  };

  return (texts) => {
    const states = texts.map(prepare);
    const entities = findEntitiesMany(
      states.map((state) => (state.text.trim() ? state.masked : "")),
      ownName.isAmbiguousPart,
    );
    return states.map((state, i) =>
      state.text.trim() ? finish(state, entities[i]!) : { text: state.text, spans: [], counts: {} },
    );
  };
}
