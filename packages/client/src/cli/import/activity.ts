/** Activity files (docs/scoring.md §1) for `shortlist assessments import`. */
import type { SourceRow } from "./batches";

/**
 * Records per `assessments.importActivity` call: MAX_IMPORT_RECORDS of @shortlist/api/schemas
 * (not imported, which would load zod at every start of the CLI; a test checks they agree).
 */
export const MAX_ACTIVITY_RECORDS = 2000;

export interface ActivityBatch {
  /** The rows of one `assessments.importActivity` call, each with its file `line`. */
  rows: ({ line: number } & Record<string, unknown>)[];
  firstLine: number;
  lastLine: number;
}

/**
 * Groups the readable rows of a file into batches of at most `maxRecords` records and about
 * `maxBytes` of JSON, each record carrying its file line as `line`. Rows before `fromLine` are skipped.
 */
export async function* activityBatches(
  rows: AsyncIterable<SourceRow>,
  { maxRecords, maxBytes, fromLine = 1 }: { maxRecords: number; maxBytes: number; fromLine?: number },
): AsyncGenerator<ActivityBatch> {
  let batch: ActivityBatch | null = null;
  let bytes = 0;
  for await (const row of rows) {
    if (row.line < fromLine) continue;
    // The first pass has checked every line: an unreadable one here means the file changed meanwhile.
    if (row.kind !== "row")
      throw new Error(`line ${row.line} is no longer readable (${row.reason}): did the file change?`);
    if (batch && (batch.rows.length >= maxRecords || bytes + row.size > maxBytes)) {
      yield batch;
      batch = null;
      bytes = 0;
    }
    batch ??= { rows: [], firstLine: row.line, lastLine: row.line };
    batch.rows.push({ ...(row.data as Record<string, unknown>), line: row.line });
    batch.lastLine = row.line;
    bytes += row.size;
  }
  if (batch) yield batch;
}
