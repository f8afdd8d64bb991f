/** The extracted text cut into pieces for display, the evidence spans of the chosen skill marked. */
export interface TextPiece {
  text: string;
  marked: boolean;
  /** The piece's first character's offset in the whole text. */
  start: number;
}

/** Spans sorted and merged where they overlap or touch, clipped to the text. */
export function mergeSpans(spans: readonly (readonly [number, number])[], length: number): [number, number][] {
  const clipped = spans
    .map(([s, e]) => [Math.max(0, s), Math.min(length, e)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of clipped) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

export function highlight(text: string, spans: readonly (readonly [number, number])[]): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const [start, end] of mergeSpans(spans, text.length)) {
    if (start > at) pieces.push({ text: text.slice(at, start), marked: false, start: at });
    pieces.push({ text: text.slice(start, end), marked: true, start });
    at = end;
  }
  if (at < text.length || pieces.length === 0) pieces.push({ text: text.slice(at), marked: false, start: at });
  return pieces;
}
