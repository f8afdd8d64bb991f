/**
 * Question JSONL files in the browser: one question per line (the fields of `questionFields`; an export's lines, or
 * the starter bank's with their `key`).
 */
import { parseJsonl, type JsonlRow, type ParsedJsonl } from "../../lib/jsonl";

export { chunkRows, toJsonl } from "../../lib/jsonl";

export type QuestionRow = JsonlRow;

export function parseQuestionFile(text: string): ParsedJsonl {
  const parsed = parseJsonl(text, "a question");
  // The starter bank's slug is its own; the bank knows an imported question by its text.
  const rows = parsed.rows.map(({ key: _key, ...fields }) => fields as QuestionRow);
  return { rows, unreadable: parsed.unreadable };
}
