/**
 * Schools and universities: a capitalised run around a school word ("University of Cape Town", "Bristol Grammar
 * School", "Politecnico di Milano", "Universidad de Buenos Aires"), and well-known short names ("MIT", "ETH Zurich",
 * "IIT Bombay", "Stanford").
 */
import type { Span } from "./spans";

const SCHOOL_WORD =
  "University|Universidad|Universidade|Université|Universität|Università|Universiteit|Uniwersytet|Univerzita|" +
  "College|Institute|Instituto|Institut|Polytechnic|Politecnico|Politécnica|Polytechnique|School|Academy|" +
  "Academia|Akademie|Hochschule|Lycée|Liceo|Gymnasium|Escuela|École|Conservatory|Seminary";
/** Short names that stand for a school on their own; "ETH" or "IIT" may be followed by the city. */
const SHORT_NAMES =
  "MIT|ETH|TU|UC|EPFL|KTH|UCL|LSE|UCLA|NYU|CMU|IIT|NIT|IIIT|LUMS|NUS|NTU|HKU|HKUST|KAIST|POSTECH|UBC|UNAM|USP|UBA|TUM|" +
  "RWTH|KIT|UPenn|UIUC|Caltech|Stanford|Harvard|Yale|Princeton|Berkeley|Cornell|Sorbonne|Tsinghua|Oxford|Cambridge";

const CAPITALISED = String.raw`(?!I\b)\p{Lu}[\p{L}'’-]*`;
const JOINER = String.raw`(?:of|de|di|do|da|del|della|des|du|für|and|&|for|the|la|le|y)`;
/** Not a school's first word even when capitalised: sentence openers and function words. */
const NOT_A_NAME_START = new Set(
  "The A An At In From To Of For And My Our Their His Her I We After Before During While When Since As With By On Then".split(
    " ",
  ),
);

const SCHOOL_RUN = new RegExp(
  String.raw`(?:${CAPITALISED}\s+){0,4}(?:${SCHOOL_WORD})(?!\p{L})(?:\s+(?:${JOINER}\s+)*${CAPITALISED})*`,
  "gu",
);
const SHORT_NAME = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${SHORT_NAMES})(?:\s+\p{Lu}\p{Ll}+)?(?![\p{L}\p{N}])`,
  "gu",
);

export function findSchools(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(SCHOOL_RUN)) {
    let value = match[0];
    let start = match.index;
    // Leading words that open a sentence ("At Sharif University") are not part of the name.
    for (
      let words = value.split(/\s+/);
      words.length > 1 && NOT_A_NAME_START.has(words[0]!);
      words = value.split(/\s+/)
    ) {
      const cut = value.indexOf(words[1]!, words[0]!.length);
      start += cut;
      value = value.slice(cut);
    }
    // Trailing joiners ("University of") are dropped; a lone school word ("School was hard") is no name.
    value = value.replace(new RegExp(String.raw`(?:\s+${JOINER})+$`, "u"), "");
    if (!/\s/.test(value.trim())) continue;
    spans.push({ start, end: start + value.length, kind: "SCHOOL" });
  }
  for (const match of text.matchAll(SHORT_NAME)) {
    spans.push({ start: match.index, end: match.index + match[0].length, kind: "SCHOOL" });
  }
  return spans;
}
