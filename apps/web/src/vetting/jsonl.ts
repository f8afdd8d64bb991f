/**
 * Activity files (docs/scoring.md §1) read in the browser: one JSON object per line.
 * Each record gets its file line number as `line`, so the server's problems name the file's lines.
 */

/** One line of the file as a batch row (shared/batch.ts): the parsed object with its line number. */
export type ActivityRow = Record<string, unknown> & { line: number };

export interface ParsedActivityFile {
  /** Parsed objects, each with `line` added; the server checks everything else. */
  records: ActivityRow[];
  /** Lines that are not a JSON object: nothing is sent while there are any. */
  unreadable: { line: number; reason: string }[];
}

const describe = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;

export function parseActivityFile(text: string): ParsedActivityFile {
  const records: ActivityRow[] = [];
  const unreadable: ParsedActivityFile["unreadable"] = [];
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      if (!raw.trim()) return;
      let data: unknown;
      try {
        data = JSON.parse(raw);
      } catch (error) {
        unreadable.push({ line, reason: `not valid JSON: ${(error as Error).message}` });
        return;
      }
      if (data === null || typeof data !== "object" || Array.isArray(data)) {
        unreadable.push({ line, reason: `expected a JSON object (a session or a question), found ${describe(data)}` });
        return;
      }
      records.push({ ...(data as Record<string, unknown>), line });
    });
  return { records, unreadable };
}

/**
 * Consecutive slices of at most `maxItems` items that each stay near `maxBytes` of JSON
 * (the server takes at most MAX_IMPORT_RECORDS records and a body of about 1 MB per call).
 */
export function chunk<T>(items: readonly T[], maxItems: number, maxBytes = Infinity): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = JSON.stringify(item).length + 1;
    if (current.length && (current.length >= maxItems || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}
