/** Why a line of a JSON Lines file is refused before it is sent: worded the same by the SPA and the CLI. */

const describe = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;

/**
 * A line JSON.parse refused. A broken object gets the parser's pointer to its fault; anything else (a CSV row, plain
 * text) is the wrong kind of file, which a parser message would not say. `expected`: "a question", "a worker or
 * judge result".
 */
export function unparsedLineReason(text: string, error: unknown, expected: string): string {
  return text.trimStart().startsWith("{")
    ? `not valid JSON: ${(error as Error).message}`
    : `not a JSON object (the file should be JSON Lines: one JSON object per line, each ${expected})`;
}

/** A line that is JSON but not an object. */
export const notAnObjectReason = (value: unknown, expected: string) =>
  `expected a JSON object (${expected}), found ${describe(value)}`;
