/** Activity files (docs/scoring.md §1) read in the browser: one JSON object per line (a session or a question). */
import { parseJsonl, type JsonlRow } from "../lib/jsonl";

/** The server takes at most MAX_IMPORT_RECORDS records and a body of about 1 MB per call. */
export { chunkRows as chunk } from "../lib/jsonl";

export type ActivityRow = JsonlRow;

export function parseActivityFile(text: string) {
  const { rows, unreadable } = parseJsonl(text, "a session or a question");
  return { records: rows, unreadable };
}
