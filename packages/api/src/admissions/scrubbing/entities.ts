/**
 * Names of people and places found by compromise (an offline NLP library: its lexicon and tagger ship in the
 * package), read once per answer: its Person and Place tags, completed by what it misses on names outside its
 * lexicon ("Kwame Mensah", "Ms. Okafor", "in Kumasi").
 */
import nlp from "compromise";
import type { Span } from "./spans";
import { foldValue, isCapitalized, startsSentence } from "./text";
import { isCommonWord, NOT_A_NAME } from "./words";

interface Word {
  start: number;
  end: number;
  text: string;
  tags: Set<string>;
  /** Joined to the previous word by nothing but spaces or a hyphen (same sentence, no comma between). */
  joined: boolean;
}

export interface EntityPass {
  spans: Span[];
  /** Whether compromise tagged the word at `offset` as a person. */
  personAt(offset: number): boolean;
  /** compromise's tags of the word at `offset`, and of the word after it. */
  tagsAt(offset: number): ReadonlySet<string>;
  tagsAfter(offset: number): ReadonlySet<string>;
}

const NO_TAGS: ReadonlySet<string> = new Set();

const TITLES = new Set(["dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "madam", "dean"]);
const PLACE_CUES = new Set(["in", "from", "near", "outside", "around", "to", "across", "between"]);
/** Tags that make a capitalised word something else than a person. */
const NOT_PERSON_TAGS = ["Place", "Organization", "Acronym", "Date", "Month", "WeekDay", "Value", "Demonym", "Pronoun"];
/** Nouns that make the capitalised words before them a named method, not people ("the Monte Carlo method"). */
const EPONYM_NOUNS = new Set(
  "method methods model models algorithm theorem equation equations distribution test principle effect problem transform process conjecture hypothesis law filter scale index prize award fellowship scholarship curve".split(
    " ",
  ),
);
/** Endings of capitalised subjects, not places ("in Informatics", "in Engineering"). */
const NOT_A_PLACE = /(?:ics|ing|ism|ogy|ment|tion|ness|ship|ure)$/;
const CAMEL_CASE = /^(?!Mac|Mc|De|Di|Da|La|Le|Van|Von|O')\p{Lu}\p{Ll}+\p{Lu}/u;

/** A capitalised word compromise does not know and no dictionary lists: likely a name. */
function unknownProper(word: Word, text: string): boolean {
  if (!isCapitalized(word.text) || word.text.length < 2 || word.text === word.text.toUpperCase()) return false;
  const folded = foldValue(word.text.replace(/['’]s$/, ""));
  if (isCommonWord(folded) || NOT_A_NAME.has(folded) || CAMEL_CASE.test(word.text)) return false;
  if (NOT_PERSON_TAGS.some((tag) => word.tags.has(tag))) return false;
  return word.tags.has("ProperNoun") || word.tags.has("Person") || startsSentence(text, word.start);
}

/**
 * Only the sentences with a capitalised word worth reading are parsed (the others are blanked, offsets kept):
 * one that is not a common word opening the sentence, or one `alsoRead` asks for (the applicant's name).
 */
function worthReading(text: string, alsoRead: (word: string) => boolean): string | null {
  let anyKept = false;
  const prepared = text.replace(/[^.!?\n]+[.!?\n]*/g, (sentence, offset: number) => {
    for (const match of sentence.matchAll(/\p{Lu}[\p{L}'’-]*/gu)) {
      const word = match[0];
      if (word === "I" || word.startsWith("I'") || word.startsWith("I’")) continue;
      const opens = startsSentence(text, offset + match.index);
      const folded = foldValue(word);
      if (!opens || !isCommonWord(folded) || alsoRead(folded)) {
        anyKept = true;
        return sentence;
      }
    }
    return " ".repeat(sentence.length);
  });
  return anyKept ? prepared : null;
}

function readWords(prepared: string): Word[] {
  const doc = nlp(prepared);
  doc.compute("offset");
  const words: Word[] = [];
  for (const sentence of doc.docs) {
    let previous: Word | null = null;
    for (const term of sentence) {
      const offset = (term as { offset?: { start: number; length: number } }).offset;
      if (!offset) continue;
      const word: Word = {
        start: offset.start,
        end: offset.start + offset.length,
        text: prepared.slice(offset.start, offset.start + offset.length),
        tags: term.tags ?? new Set(),
        joined: false,
      };
      word.joined = previous !== null && /^[\s-]*$/.test(prepared.slice(previous.end, word.start));
      words.push(word);
      previous = word;
    }
  }
  return words;
}

export function findEntities(text: string, alsoRead: (word: string) => boolean = () => false): EntityPass {
  const prepared = worthReading(text, alsoRead);
  if (!prepared) return { spans: [], personAt: () => false, tagsAt: () => NO_TAGS, tagsAfter: () => NO_TAGS };
  const words = readWords(prepared);
  const spans: Span[] = [];
  const people = new Set<number>();
  const isPerson = (word: Word) => word.tags.has("Person") && !word.tags.has("Honorific") && isCapitalized(word.text);
  const isTitle = (word: Word) => word.tags.has("Honorific") || TITLES.has(foldValue(word.text.replace(/\.$/, "")));

  const runFrom = (from: number): number => {
    let end = from;
    // Capitalised words in a row, and the lower-case half of a hyphenated name ("Ji-yeon").
    const continues = (k: number) =>
      words[k]!.joined && (isCapitalized(words[k]!.text) || prepared.slice(words[k - 1]!.end, words[k]!.start) === "-");
    while (end + 1 < words.length && continues(end + 1)) end++;
    return end;
  };
  const name = (from: number, to: number, tagged: boolean) => {
    spans.push({ start: words[from]!.start, end: words[to]!.end, kind: "NAME" });
    if (tagged) for (let k = from; k <= to; k++) people.add(words[k]!.start);
  };

  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    if (!isCapitalized(word.text)) {
      i++;
      continue;
    }
    const next = words[i + 1];
    if (isTitle(word)) {
      // "Dr. Amina Okafor", "Professor Ito": the capitalised words after a title are a name.
      if (next && isCapitalized(next.text) && /^\.?\s+$/.test(prepared.slice(word.end, next.start))) {
        const end = runFrom(i + 1);
        name(i + 1, end, false);
        i = end + 1;
      } else i++;
      continue;
    }
    const end = runFrom(i);
    const run = words.slice(i, end + 1);
    const persons = run.filter(isPerson).length;
    const unknown = run.filter((w) => unknownProper(w, prepared)).length;
    const places = run.filter((w) => w.tags.has("Place")).length;
    const after = words[end + 1];
    const eponym = after !== undefined && after.joined && EPONYM_NOUNS.has(after.text.toLowerCase());
    if (eponym) {
      i = end + 1;
      continue;
    }
    if (persons > 0 && persons + unknown === run.length) name(i, end, true);
    else if (run.length >= 2 && unknown === run.length) name(i, end, false);
    else if (places > 0) {
      const placeWords = run.filter((w) => w.tags.has("Place") || unknownProper(w, prepared));
      spans.push({ start: placeWords[0]!.start, end: placeWords.at(-1)!.end, kind: "LOCATION" });
    } else if (
      run.length === 1 &&
      unknown === 1 &&
      i > 0 &&
      PLACE_CUES.has(words[i - 1]!.text.toLowerCase()) &&
      !NOT_A_PLACE.test(word.text)
    ) {
      spans.push({ start: word.start, end: word.end, kind: "LOCATION" });
    } else {
      for (let k = i; k <= end; k++) if (isPerson(words[k]!)) name(k, k, true);
    }
    i = end + 1;
  }
  const byStart = new Map(words.map((word, index) => [word.start, index]));
  const tagsOf = (index: number | undefined) => (index === undefined ? NO_TAGS : (words[index]?.tags ?? NO_TAGS));
  return {
    spans,
    personAt: (offset) => people.has(offset),
    tagsAt: (offset) => tagsOf(byStart.get(offset)),
    tagsAfter: (offset) => {
      const index = byStart.get(offset);
      return index === undefined ? NO_TAGS : tagsOf(index + 1);
    },
  };
}
