/** Found personal data as spans of the text, resolved and replaced by placeholders. */
import type { PiiKind } from "@shortlist/db/constants";

export interface Span {
  start: number;
  end: number;
  kind: PiiKind;
}

/** A placeholder the scrubber writes, e.g. `[NAME]`: never tagged again. */
export const PLACEHOLDER = /\[(?:NAME|EMAIL|PHONE|URL|HANDLE|LOCATION|SCHOOL|ID_NUMBER)\]/g;

export function placeholderSpans(text: string): { start: number; end: number }[] {
  if (!text.includes("[")) return [];
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * Overlapping spans merged into one (the kind of the one found first in `spans`' order, which is by priority);
 * a span is cut where it would cover a placeholder, and what is left of it without a letter or digit is dropped.
 */
export function resolveSpans(
  text: string,
  spans: readonly Span[],
  protectedRanges: readonly { start: number; end: number }[],
): Span[] {
  const ranked = spans.map((span, rank) => ({ ...span, rank }));
  const cut: (Span & { rank: number })[] = [];
  for (const span of ranked) {
    let pieces = [span];
    for (const range of protectedRanges) {
      pieces = pieces.flatMap((piece) =>
        range.end <= piece.start || range.start >= piece.end
          ? [piece]
          : [
              { ...piece, end: range.start },
              { ...piece, start: range.end },
            ],
      );
    }
    for (const piece of pieces) {
      const trimmed = trimToWord(text, piece);
      if (trimmed) cut.push(trimmed);
    }
  }
  cut.sort((a, b) => a.start - b.start || a.rank - b.rank);
  const merged: (Span & { rank: number })[] = [];
  for (const span of cut) {
    const last = merged.at(-1);
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      if (span.rank < last.rank) {
        last.kind = span.kind;
        last.rank = span.rank;
      }
    } else merged.push({ ...span });
  }
  return mergeNeighbours(text, merged);
}

/** "[NAME] [NAME]" for one person reads as one: same-kind NAME or LOCATION spans apart by spaces or a hyphen join. */
function mergeNeighbours(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const last = out.at(-1);
    if (last && last.kind === span.kind && last.kind === "NAME" && /^[\s-]*$/.test(text.slice(last.end, span.start))) {
      last.end = span.end;
    } else out.push({ start: span.start, end: span.end, kind: span.kind });
  }
  return out;
}

function trimToWord<T extends Span>(text: string, span: T): T | null {
  let { start, end } = span;
  while (start < end && /[\s.,;:!?)\]'"’]/.test(text[start]!)) start++;
  while (end > start && /[\s,;:!?(['"’]/.test(text[end - 1]!)) end--;
  if (end > start && text[end - 1] === "." && !/\b\p{Lu}\.$/u.test(text.slice(start, end))) end--;
  if (!/[\p{L}\p{N}]/u.test(text.slice(start, end))) return null;
  return { ...span, start, end };
}

/** The text with each span replaced by its placeholder, and the count per kind. */
export function applySpans(
  text: string,
  spans: readonly Span[],
): { text: string; counts: Partial<Record<PiiKind, number>> } {
  const counts: Partial<Record<PiiKind, number>> = {};
  let out = "";
  let at = 0;
  for (const span of spans) {
    out += `${text.slice(at, span.start)}[${span.kind}]`;
    at = span.end;
    counts[span.kind] = (counts[span.kind] ?? 0) + 1;
  }
  return { text: out + text.slice(at), counts };
}
