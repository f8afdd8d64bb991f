/**
 * The applicant's own name in its variants: the full name, each part alone (first, last, a hyphenated part),
 * possessives, initials ("MJ", "M.J.", "J. Doe", "Hannah G."), a shortened first name ("Sam" for Samuel),
 * accents folded ("Jose" = "José"), and a username or handle built from the name ("amina.diallo.sn").
 */
import type { EntityPass } from "./entities";
import type { Span } from "./spans";
import { foldValue, isUpper, startsSentence } from "./text";
import { isCommonWord, NAME_PARTICLES } from "./words";

/** Acronyms that are never taken for initials, whoever applies. */
const ACRONYMS = new Set(
  (
    "AI ML UI UX US UK EU UN IT HR PR QA CS CV PC OS DB ID IP JS TV AM PM OK BA BS MA MS PA TA GP DJ EV VR AR " +
    "BSC MSC PHD MBA CEO CTO CFO COO GPA API SQL AWS GCP NLP CPU GPU RAM SSD USB PDF CSS IOT CAD NGO STEM MIT " +
    "UCL LSE NYU CMU KTH IIT FAQ ASAP DIY ETA UAE USA EEA NHS BBC IEEE ACM"
  ).split(" "),
);

export interface OwnNameMatcher {
  /** Spans of the applicant's name; the NLP pass's tags tell a name from a word where the two look alike. */
  find(text: string, folded: string, entities: EntityPass): Span[];
  /** Whether a folded word is one of the name's parts that is also a common word (the NLP pass reads around it). */
  isAmbiguousPart(folded: string): boolean;
}

interface NameForms {
  /** Folded parts (each word, each side of a hyphen), particles and single letters left out. */
  parts: Set<string>;
  /** Upper-case initials of the parts, one letter each. */
  initialLetters: Set<string>;
  initials: string[];
  /** Shortened forms of the first name, folded ("sam" for Samuel). */
  shortForms: Set<string>;
}

function nameForms(name: string): NameForms {
  const words = name
    .normalize("NFC")
    .split(/\s+/)
    .filter((word) => /\p{L}/u.test(word));
  const pieces = words.flatMap((word) => word.split(/-/)).filter((piece) => /\p{L}/u.test(piece));
  const isParticle = (piece: string) => NAME_PARTICLES.has(foldValue(piece));
  const meaningful = pieces.filter((piece) => !isParticle(piece) && piece.replace(/\P{L}/gu, "").length >= 2);
  const parts = new Set([...meaningful, ...words.filter((word) => word.includes("-"))].map(foldValue));
  const initial = (piece: string) => piece.replace(/\P{L}/gu, "")[0]?.toUpperCase() ?? "";
  const initialsOf = (list: string[]) => list.map(initial).join("");
  const givenNames = words.slice(0, -1).filter((word) => !isParticle(word));
  const candidates = [
    initialsOf(words),
    initialsOf(pieces),
    initialsOf(meaningful),
    initialsOf([meaningful[0] ?? "", meaningful.at(-1) ?? ""]),
    givenNames.length >= 2 ? initialsOf(givenNames) : "",
  ];
  const initials = [...new Set(candidates)].filter((value) => value.length >= 2 && !ACRONYMS.has(value));
  const first = foldValue(meaningful[0] ?? "");
  const shortForms = new Set<string>();
  for (let length = 3; length < first.length; length++) {
    const short = first.slice(0, length);
    if (!isCommonWord(short)) shortForms.add(short);
  }
  return { parts, initialLetters: new Set(pieces.map(initial)), initials, shortForms };
}

/** Words of the folded text, hyphens and apostrophes inside: each is checked whole, then piece by piece. */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const PIECE = /[\p{L}\p{N}]+/gu;
/** Runs of capitals that may be initials ("MJ", "M.J.", "M. J."). */
const INITIALS = /(?<![\p{L}\p{N}.])\p{Lu}(?:\.?\s?\p{Lu}){1,4}\.?(?![\p{L}\p{N}])/gu;
/** Initials just before or after a name part ("J. Doe", "Amara O.-D."). */
const INITIALS_BEFORE = /(?<![\p{L}.])\p{Lu}\.(?:\s?-?\s?\p{Lu}\.)*\s?$/u;
const INITIALS_AFTER = /^\s\p{Lu}\.(?:\s?-?\s?\p{Lu}\.)*/u;

/** The patterns are compiled once for every applicant: a name only fills sets (compiling per applicant cost more). */
export function ownNameMatcher(name: string): OwnNameMatcher {
  const forms = nameForms(name);
  const known = (value: string) => forms.parts.has(value) || forms.shortForms.has(value);
  const initials = new Set(forms.initials);
  const ofName = (run: string) => [...run.replace(/[^\p{Lu}]/gu, "")].every((l) => forms.initialLetters.has(l));

  /** Where a name part or shortened first name stands in the folded text. */
  function partsIn(folded: string): { start: number; end: number; value: string }[] {
    const found: { start: number; end: number; value: string }[] = [];
    for (const word of folded.matchAll(WORD)) {
      const whole = word[0].replace(/'s$/, "");
      if (known(whole)) {
        found.push({ start: word.index, end: word.index + whole.length, value: whole });
        continue;
      }
      if (word[0].length === word[0].match(PIECE)?.[0].length) continue;
      for (const piece of word[0].matchAll(PIECE)) {
        if (known(piece[0])) {
          const start = word.index + piece.index;
          found.push({ start, end: start + piece[0].length, value: piece[0] });
        }
      }
    }
    return found;
  }

  return {
    isAmbiguousPart: (word) => forms.parts.has(word) && (word.length <= 2 || isCommonWord(word)),
    find(text, folded, entities) {
      const spans: Span[] = [];
      const raw = partsIn(folded);
      const adjacent = (i: number) =>
        [raw[i - 1], raw[i + 1]].some(
          (other) =>
            other &&
            isUpper(text[other.start]) &&
            /^[\s-]+$/.test(
              other.start > raw[i]!.start ? text.slice(raw[i]!.end, other.start) : text.slice(other.end, raw[i]!.start),
            ),
        );
      raw.forEach((match, i) => {
        const capitalized = isUpper(text[match.start]);
        const isShortForm = forms.shortForms.has(match.value) && !forms.parts.has(match.value);
        // A shortened first name only capitalised; a part that is also a word ("Grace", "Will") or two letters long
        // only capitalised where a name stands: mid-sentence, beside another part, before "'s" or a comma, or
        // where the NLP pass saw a person.
        if (isShortForm && !capitalized) return;
        if (!isShortForm && (match.value.length <= 2 || isCommonWord(match.value))) {
          if (!capitalized) return;
          const next = text.slice(match.end, match.end + 3);
          const tags = entities.tagsAt(match.start);
          const clearly = adjacent(i) || /^(?:'s|’s)/.test(next) || entities.personAt(match.start);
          if (!clearly && ["Month", "Date", "WeekDay"].some((tag) => tags.has(tag))) return;
          const following = entities.tagsAfter(match.start);
          // Opening a sentence, it is the name when a verb of its own follows ("Pearl keeps …"), not a copula
          // or a modal ("Hope is …", "Will this …"), and the word itself is no verb ("Mark my words").
          const subjectOfVerb =
            following.has("Verb") &&
            !["Copula", "Modal", "Auxiliary"].some((tag) => following.has(tag)) &&
            !tags.has("Verb");
          const namedHere = clearly || next.startsWith(",") || !startsSentence(text, match.start) || subjectOfVerb;
          if (!namedHere) return;
        }
        spans.push(asHandleOrName(text, match.start, match.end));
      });
      if (initials.size) {
        for (const match of text.matchAll(INITIALS)) {
          if (initials.has(match[0].replace(/[.\s]/g, ""))) {
            spans.push({ start: match.index, end: match.index + match[0].length, kind: "NAME" });
          }
        }
      }
      return spans.map((span) => (span.kind === "NAME" ? withInitials(text, span) : span));
    },
  };

  /** "J. Doe", "Hannah G.", "Amara O.-D.": the initials next to a name part belong to it. */
  function withInitials(text: string, span: Span): Span {
    let { start, end } = span;
    const before = INITIALS_BEFORE.exec(text.slice(Math.max(0, start - 12), start));
    if (before && ofName(before[0])) start -= before[0].length;
    const after = INITIALS_AFTER.exec(text.slice(end, end + 12));
    if (after && ofName(after[0])) end += after[0].length;
    return { start, end, kind: "NAME" };
  }
}

/** A name inside a username ("amina.diallo.sn", "maria_g99") takes the whole username, as a handle. */
function asHandleOrName(text: string, start: number, end: number): Span {
  let left = start;
  let right = end;
  while (left > 0 && /[\p{L}\p{N}._]/u.test(text[left - 1]!)) left--;
  while (right < text.length && /[\p{L}\p{N}._]/u.test(text[right]!)) right++;
  while (right > end && text[right - 1] === ".") right--;
  while (left < start && text[left] === ".") left++;
  const token = text.slice(left, right);
  if (token.length > end - start && /[\p{L}\p{N}][._][\p{L}\p{N}]/u.test(token))
    return { start: left, end: right, kind: "HANDLE" };
  return { start, end, kind: "NAME" };
}
