/**
 * Names of people and places found by compromise (an offline NLP library: its lexicon and tagger ship in the
 * package), read once per answer: its Person and Place tags, completed by what it misses on names outside its
 * lexicon ("Kwame Mensah", "Ms. Okafor", "in Kumasi").
 */
import nlp from "compromise/two";
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
  (
    "method model algorithm theorem equation distribution test principle effect problem transform process " +
    "conjecture hypothesis law filter scale index prize award fellowship scholarship curve chain series machine " +
    "equilibrium equilibria inequality space graph tree distance estimator sort number constant function " +
    "polynomial matrix matrices sequence decomposition diagram paradox dilemma game lemma formula rule criterion"
  ).split(" "),
);
const isEponymNoun = (word: string) =>
  EPONYM_NOUNS.has(word) || EPONYM_NOUNS.has(word.replace(/s$/, "")) || EPONYM_NOUNS.has(word.replace(/es$/, ""));
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

/** Words read on each side of a capitalised word worth reading: enough context for the tagger. */
const WINDOW = 2;

/**
 * Only windows around the capitalised words worth reading are parsed: a word that is not a common word opening a
 * sentence, or one `alsoRead` asks for (a part of the applicant's name). The rest is blanked, offsets kept, and each
 * window ends with a full stop so that the tagger reads it as a sentence of its own. Null: nothing to read.
 */
function readingWindows(text: string, alsoRead: (word: string) => boolean): string | null {
  const tokens = [...text.matchAll(/\S+/g)];
  const keep = new Uint8Array(tokens.length);
  let any = false;
  tokens.forEach((token, index) => {
    const word = /\p{Lu}[\p{L}'’-]*/u.exec(token[0]);
    if (!word || word[0] === "I" || /^I['’]/.test(word[0])) return;
    const folded = foldValue(word[0]);
    if (startsSentence(text, token.index + word.index) && isCommonWord(folded) && !alsoRead(folded)) return;
    any = true;
    for (let k = Math.max(0, index - WINDOW); k <= Math.min(tokens.length - 1, index + WINDOW); k++) keep[k] = 1;
  });
  if (!any) return null;
  const chars = new Array<string>(text.length).fill(" ");
  tokens.forEach((token, index) => {
    if (!keep[index]) return;
    const end = token.index + token[0].length;
    for (let k = token.index; k < end; k++) chars[k] = text[k]!;
    if (index + 1 < tokens.length && keep[index + 1]) {
      for (let k = end; k < tokens[index + 1]!.index; k++) chars[k] = text[k]!;
    } else if (end < text.length && !/[.!?]$/.test(token[0])) chars[end] = ".";
  });
  return chars.join("");
}

function readWords(prepared: string): Word[] {
  const doc = nlp(prepared);
  const words: Word[] = [];
  // The terms' pre + text + post give the input back whole: their offsets follow from it.
  let at = 0;
  for (const sentence of doc.docs) {
    let previous: Word | null = null;
    for (const term of sentence) {
      const start = at + term.pre.length;
      // A possessive's "'s" is no part of the name: "[NAME]'s code".
      const possessive = /['’]s$/.test(term.text) ? 2 : 0;
      const word: Word = {
        start,
        end: start + term.text.length - possessive,
        text: term.text,
        tags: term.tags ?? new Set(),
        joined: false,
      };
      at = start + term.text.length + term.post.length;
      word.joined = previous !== null && /^[\s-]*$/.test(prepared.slice(previous.end, word.start));
      words.push(word);
      previous = word;
    }
  }
  if (at !== prepared.length) throw new Error("compromise did not give the text back whole");
  return words;
}

/** Between two answers read in one parse: the tagger ends a sentence there. */
const SEPARATOR = ".\n\n";

/**
 * The entities of several texts (an application's answers) read in one parse: compromise's cost per call is a good
 * part of its cost on a short answer.
 */
export function findEntitiesMany(texts: readonly string[], alsoRead: (word: string) => boolean): EntityPass[] {
  const prepared = texts.map((text) => readingWindows(text, alsoRead));
  const read = prepared.flatMap((p, index) => (p === null ? [] : [index]));
  const passes = prepared.map((p) => (p === null ? nothingFound() : null));
  if (!read.length) return passes as EntityPass[];
  const all = readWords(read.map((index) => prepared[index]!).join(SEPARATOR));
  let base = 0;
  let next = 0;
  for (const index of read) {
    const text = prepared[index]!;
    const words: Word[] = [];
    for (; next < all.length && all[next]!.start < base + text.length; next++) {
      const word = all[next]!;
      words.push({ ...word, start: word.start - base, end: word.end - base, joined: words.length > 0 && word.joined });
    }
    passes[index] = analyse(words, text);
    base += text.length + SEPARATOR.length;
    while (next < all.length && all[next]!.start < base) next++;
  }
  return passes as EntityPass[];
}

export const findEntities = (text: string, alsoRead: (word: string) => boolean = () => false): EntityPass =>
  findEntitiesMany([text], alsoRead)[0]!;

function nothingFound(): EntityPass {
  return { spans: [], personAt: () => false, tagsAt: () => NO_TAGS, tagsAfter: () => NO_TAGS };
}

/** People and places among the words of one text (`prepared`: the text as parsed). */
function analyse(words: Word[], prepared: string): EntityPass {
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

  // "in Kumasi", and "Sunyani" in "around Kumasi and Sunyani" (a place just before the "and").
  const placeCued = (index: number): boolean => {
    const before = words[index - 1];
    if (!before) return false;
    if (PLACE_CUES.has(before.text.toLowerCase())) return true;
    const previous = spans.at(-1);
    return (
      (before.text === "and" || before.text === "or") &&
      previous?.kind === "LOCATION" &&
      /^,?\s*$/.test(prepared.slice(previous.end, before.start))
    );
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
        // Initials count as part of the name: "Prof. V. R. Iyer".
        let end = runFrom(i + 1);
        while (
          end + 1 < words.length &&
          words[end]!.text.length === 1 &&
          isCapitalized(words[end + 1]!.text) &&
          /^\.\s*$/.test(prepared.slice(words[end]!.end, words[end + 1]!.start))
        ) {
          end = runFrom(end + 1);
        }
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
    const eponym = after !== undefined && after.joined && isEponymNoun(after.text.toLowerCase());
    if (eponym) {
      i = end + 1;
      continue;
    }
    if (persons > 0 && persons + unknown === run.length) name(i, end, true);
    else if (run.length >= 2 && unknown === run.length) name(i, end, false);
    else if (places > 0) {
      // A run is a place when one of its words is a known place that is not also a common word, or the lexicon says
      // so ("Reading" the town); then its place words go with it ("Quebec City", "Little Havana"), not "At" alone.
      const strong = (w: Word) =>
        w.tags.has("Place") &&
        (!isCommonWord(foldValue(w.text)) || ["City", "Country", "Region"].some((tag) => w.tags.has(tag)));
      if (run.some(strong)) {
        const placeWords = run.filter((w) => w.tags.has("Place") || unknownProper(w, prepared));
        spans.push({ start: placeWords[0]!.start, end: placeWords.at(-1)!.end, kind: "LOCATION" });
      }
    } else if (run.length === 1 && unknown === 1 && placeCued(i) && !NOT_A_PLACE.test(word.text)) {
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
