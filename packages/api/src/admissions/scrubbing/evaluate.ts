/**
 * Precision and recall of the scrubber on the labelled test set (testset/*.jsonl). The method (docs/scrubbing.md):
 * - a planted value is found when none of its text remains: every letter and digit of every place it occurs in the
 *   snippet lies under a placeholder (of any kind: a school taken for a place is still hidden);
 * - a placeholder is right when it covers some of a planted value; precision = right placeholders / all inserted;
 * - the applicant's own name and other people's names are counted apart: a NAME value is the applicant's when each
 *   of its words is a part of the applicant's name, a shortening of the first part, or the initials of parts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { PII_KINDS, type PiiKind } from "@shortlist/db/constants";
import { createScrubber } from "./scrubber";
import type { Span } from "./spans";
import { foldValue } from "./text";

export interface LabelledSnippet {
  id: string;
  identity: { name: string; email: string; phone: string };
  text: string;
  pii: { kind: PiiKind; value: string }[];
}

/** The categories recall is reported by: the PII kinds, NAME split in two. */
export const CATEGORIES = ["OWN_NAME", "OTHER_NAME", ...PII_KINDS.filter((kind) => kind !== "NAME")] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Evaluation {
  snippets: number;
  recall: Record<Category, { planted: number; found: number }>;
  precision: Record<PiiKind, { inserted: number; right: number }>;
  /** Snippets without planted PII, and how many came out unchanged. */
  clean: { snippets: number; unchanged: number };
  misses: { id: string; category: Category; value: string }[];
  wrong: { id: string; kind: PiiKind; value: string }[];
  idempotent: { checked: number; failures: string[] };
}

/** The development set (testset/*.jsonl: the scrubber was tuned on it) or the held-out set (testset/held-out/). */
export function loadTestSet(set: "development" | "held-out" = "development"): LabelledSnippet[] {
  const folder = new URL(set === "development" ? "./testset/" : "./testset/held-out/", import.meta.url);
  const files = readdirSync(folder)
    .filter((file) => file.endsWith(".jsonl"))
    .sort();
  return files.flatMap((file) =>
    readFileSync(new URL(file, folder), "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as LabelledSnippet),
  );
}

/** Whether a NAME value names the applicant (see the method above). */
export function isOwnName(value: string, name: string): boolean {
  const parts = foldValue(name)
    .split(/[\s-]+/)
    .filter(Boolean);
  const initials = parts.map((part) => part[0]).join("");
  return foldValue(value)
    .split(/[\s-]+/)
    .map((word) => word.replace(/[.'’]|'s$/g, ""))
    .filter(Boolean)
    .every(
      (word) =>
        parts.includes(word) ||
        (word.length >= 3 && parts[0]!.startsWith(word)) ||
        (word.length <= 4 && [...word].every((letter) => initials.includes(letter))),
    );
}

function occurrences(text: string, value: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const wordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
    const end = at + value.length;
    // Whole words only: "Ray" is not planted inside "RayCast".
    if (!(wordChar(value[0]) && wordChar(text[at - 1])) && !(wordChar(value.at(-1)) && wordChar(text[end]))) {
      found.push({ start: at, end });
    }
  }
  return found;
}

const covered = (text: string, range: { start: number; end: number }, spans: readonly Span[]): boolean => {
  for (let i = range.start; i < range.end; i++) {
    if (/[\p{L}\p{N}]/u.test(text[i]!) && !spans.some((span) => span.start <= i && i < span.end)) return false;
  }
  return true;
};

export function evaluate(snippets: readonly LabelledSnippet[]): Evaluation {
  const recall = Object.fromEntries(CATEGORIES.map((c) => [c, { planted: 0, found: 0 }])) as Evaluation["recall"];
  const precision = Object.fromEntries(PII_KINDS.map((k) => [k, { inserted: 0, right: 0 }])) as Evaluation["precision"];
  const result: Evaluation = {
    snippets: snippets.length,
    recall,
    precision,
    clean: { snippets: 0, unchanged: 0 },
    misses: [],
    wrong: [],
    idempotent: { checked: 0, failures: [] },
  };
  for (const snippet of snippets) {
    const scrub = createScrubber({ ...snippet.identity, identifyingAnswers: [] });
    const { text: scrubbed, spans } = scrub([snippet.text])[0]!;
    const planted = snippet.pii.flatMap(({ kind, value }) => {
      const places = occurrences(snippet.text, value);
      if (!places.length) throw new Error(`${snippet.id}: "${value}" is not in the text`);
      const category: Category =
        kind === "NAME" ? (isOwnName(value, snippet.identity.name) ? "OWN_NAME" : "OTHER_NAME") : kind;
      recall[category].planted++;
      if (places.every((place) => covered(snippet.text, place, spans))) recall[category].found++;
      else result.misses.push({ id: snippet.id, category, value });
      return places;
    });
    for (const span of spans) {
      precision[span.kind].inserted++;
      if (planted.some((place) => span.start < place.end && place.start < span.end)) precision[span.kind].right++;
      else result.wrong.push({ id: snippet.id, kind: span.kind, value: snippet.text.slice(span.start, span.end) });
    }
    if (!snippet.pii.length) {
      result.clean.snippets++;
      if (scrubbed === snippet.text) result.clean.unchanged++;
    }
    result.idempotent.checked++;
    if (scrub([scrubbed])[0]!.text !== scrubbed) result.idempotent.failures.push(snippet.id);
  }
  return result;
}

const ratio = (part: number, whole: number) => (whole ? (part / whole).toFixed(3) : "–");
const LABELS: Record<Category, string> = {
  OWN_NAME: "the applicant's name",
  OTHER_NAME: "other people's names",
  EMAIL: "emails",
  PHONE: "phone numbers",
  URL: "URLs",
  HANDLE: "handles",
  LOCATION: "places",
  SCHOOL: "schools",
  ID_NUMBER: "identity numbers",
};

/** The measured tables, as Markdown. */
export function evaluationTables(evaluation: Evaluation): string {
  const recallRows = CATEGORIES.map((category) => {
    const { planted, found } = evaluation.recall[category];
    return `| ${LABELS[category]} | ${planted} | ${found} | ${ratio(found, planted)} |`;
  });
  const planted = CATEGORIES.reduce((sum, c) => sum + evaluation.recall[c].planted, 0);
  const found = CATEGORIES.reduce((sum, c) => sum + evaluation.recall[c].found, 0);
  const precisionRows = PII_KINDS.map((kind) => {
    const { inserted, right } = evaluation.precision[kind];
    return `| \`[${kind}]\` | ${inserted} | ${right} | ${ratio(right, inserted)} |`;
  });
  const inserted = PII_KINDS.reduce((sum, k) => sum + evaluation.precision[k].inserted, 0);
  const right = PII_KINDS.reduce((sum, k) => sum + evaluation.precision[k].right, 0);
  return [
    `Test set: ${evaluation.snippets} snippets, ${planted} planted values, ${evaluation.clean.snippets} snippets without personal data.`,
    "",
    "| planted | values | found | recall |",
    "| --- | --- | --- | --- |",
    ...recallRows,
    `| **all** | ${planted} | ${found} | ${ratio(found, planted)} |`,
    "",
    "| placeholder | inserted | on planted PII | precision |",
    "| --- | --- | --- | --- |",
    ...precisionRows,
    `| **all** | ${inserted} | ${right} | ${ratio(right, inserted)} |`,
    "",
    `Snippets without personal data left unchanged: ${evaluation.clean.unchanged} of ${evaluation.clean.snippets}. ` +
      `Scrubbing the scrubbed text again changed ${evaluation.idempotent.failures.length} of ${evaluation.idempotent.checked}.`,
  ].join("\n");
}
