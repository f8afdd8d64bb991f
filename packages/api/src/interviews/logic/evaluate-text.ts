/**
 * The built-in evaluator's reading of text (browser-safe, pure): words lower-cased and split on anything that is
 * not a letter or a digit ("B-tree" is "b tree", "node.js" is "node js"), each reduced to its Porter stem, synonym
 * phrases folded into one token per group, then stop words marked. The answer and the rubric are read the same way,
 * so they meet on stems: "indexed", "indexing" and "indexes" all read as "index".
 */
import { stemmer } from "stemmer";
import { SYNONYM_GROUPS } from "./evaluate-synonyms";

export interface Token {
  /** The stem, or `~<n>` for a synonym group's phrase. */
  key: string;
  /** As written (lower-cased; a folded phrase keeps all its words). */
  word: string;
  stop: boolean;
}

// prettier-ignore
const STOP_WORDS = new Set(
  ("a about above after again against all am an and any are as at be because been before being below between both " +
    "but by can could did do does doing don down during each few for from further had has have having he her here " +
    "hers herself him himself his how i if in into is it its itself just let me more most my myself no nor not now " +
    "of off on once only or other our ours ourselves out over own same she should so some such than that the their " +
    "theirs them themselves then there these they this those through to too under until up very was we were what " +
    "when where which while who whom why will with would you your yours yourself yourselves also etc get got make " +
    "made one s t ll ve re d m im ive thing things really quite lot lots much many well every").split(" "),
);

/** Words that say what a rubric wants rather than what an answer should say: not points of a strong answer. */
const RUBRIC_WORDS = new Set(
  (
    "explain explains explained mention mentions describe describes discuss discusses show shows give gives name " +
    "names identify identifies cover covers candidate answer answers clear clearly strong good demonstrate " +
    "demonstrates understand understands understanding way ways able ideally appropriate relevant specific " +
    "including include includes note notes recognise recognises recognize recognizes use uses using"
  )
    .split(" ")
    .map((word) => stemmer(word)),
);

const WORD = /[\p{L}\p{N}]+/gu;

const stemOf = (word: string) => (/^\p{N}+$/u.test(word) ? word : stemmer(word));

function rawWords(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().match(WORD) ?? [];
}

interface SynonymEntry {
  stems: string[];
  key: string;
}

/** Every synonym phrase as stems, longest first, so "requests per second" wins over a shorter member. */
const SYNONYMS: readonly SynonymEntry[] = SYNONYM_GROUPS.flatMap((group, index) =>
  group
    .split(",")
    .map((member) => rawWords(member).map(stemOf))
    .filter((stems) => stems.length > 0)
    .map((stems) => ({ stems, key: `~${index}` })),
).sort((a, b) => b.stems.length - a.stems.length);

const BY_FIRST = new Map<string, SynonymEntry[]>();
for (const entry of SYNONYMS) {
  const list = BY_FIRST.get(entry.stems[0]!) ?? [];
  list.push(entry);
  BY_FIRST.set(entry.stems[0]!, list);
}

const isStop = (word: string) => STOP_WORDS.has(word) || (word.length === 1 && !/\p{N}/u.test(word));

/** The text's tokens in order, synonym phrases folded. */
export function tokenize(text: string): Token[] {
  const words = rawWords(text);
  const stems = words.map(stemOf);
  const tokens: Token[] = [];
  for (let i = 0; i < words.length;) {
    const entry = (BY_FIRST.get(stems[i]!) ?? []).find((e) => e.stems.every((stem, k) => stems[i + k] === stem));
    if (entry) {
      tokens.push({ key: entry.key, word: words.slice(i, i + entry.stems.length).join(" "), stop: false });
      i += entry.stems.length;
    } else {
      tokens.push({ key: stems[i]!, word: words[i]!, stop: isStop(words[i]!) });
      i += 1;
    }
  }
  return tokens;
}

/** The content tokens (stop words dropped). */
export const contentTokens = (tokens: readonly Token[]) => tokens.filter((t) => !t.stop);

/** A phrase's keys for matching: its content words, or every word when it has nothing but stop words ("it"). */
export function phraseKeys(text: string): { keys: string[]; words: string[] } {
  const tokens = tokenize(text);
  const content = contentTokens(tokens);
  const kept = content.length ? content : tokens;
  return { keys: kept.map((t) => t.key), words: kept.map((t) => t.word) };
}

/** Where `phrase` occurs in `keys` as consecutive keys, in its order (-1 if nowhere). */
export function indexOfPhrase(keys: readonly string[], phrase: readonly string[]): number {
  if (!phrase.length) return -1;
  outer: for (let i = 0; i + phrase.length <= keys.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (keys[i + k] !== phrase[k]) continue outer;
    return i;
  }
  return -1;
}

/** Whether a content key of a strong answer names what a rubric asks for ("explains", "candidate"), not a point. */
export const isRubricWord = (key: string) => RUBRIC_WORDS.has(key);
