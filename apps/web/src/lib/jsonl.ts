/**
 * JSON Lines files read and written in the browser. Each line that is a JSON object becomes a batch row carrying
 * its file line (`line`), so the server's problems name the file's lines; lines that are not JSON objects are
 * reported here, and a caller sends nothing while there are any.
 */

import { notAnObjectReason, unparsedLineReason } from "@shortlist/api/schemas";

export type JsonlRow = Record<string, unknown> & { line: number };

export interface ParsedJsonl {
  rows: JsonlRow[];
  unreadable: { line: number; reason: string }[];
}

/** `expected` names what a line should be, for the problem: "a question", "a session or a question". */
export function parseJsonl(text: string, expected: string): ParsedJsonl {
  const rows: JsonlRow[] = [];
  const unreadable: ParsedJsonl["unreadable"] = [];
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
        unreadable.push({ line, reason: unparsedLineReason(raw, error, expected) });
        return;
      }
      if (data === null || typeof data !== "object" || Array.isArray(data)) {
        unreadable.push({ line, reason: notAnObjectReason(data, expected) });
        return;
      }
      rows.push({ ...(data as Record<string, unknown>), line });
    });
  return { rows, unreadable };
}

/** Consecutive slices of at most `maxRows` rows, each near `maxBytes` of JSON at most (the server's body limit). */
export function chunkRows<T>(rows: readonly T[], maxRows: number, maxBytes = Infinity): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = JSON.stringify(row).length + 1;
    if (current.length && (current.length >= maxRows || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** Rows as a JSONL file's text: one JSON object per line, ending with a newline. */
export const toJsonl = (rows: readonly unknown[]) => rows.map((row) => `${JSON.stringify(row)}\n`).join("");
