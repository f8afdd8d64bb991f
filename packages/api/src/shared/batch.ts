/**
 * The one batch-import contract (browser-safe). A client sends `{ rows }`, each row carrying the line of its
 * source file, so every problem names it. Per-row imports (candidates) answer a result per row; all-or-nothing
 * imports (activity) refuse the whole batch with reason `invalid_rows` and `problems` (each with its line), and
 * on success answer the same shape with every row `created`.
 */
import { z } from "zod";

/** The line of the source file (1-based) where a row starts. */
export const sourceLine = z.int().positive();

/** Any object row carrying its `line`; the rest is checked row by row on the server, so problems name the line. */
export const lineRow = z.looseObject({ line: sourceLine });

/** The `rows` of a batch import's input: each carrying its `line`, at least one, at most `max`. */
export function batchRows<R extends z.ZodType<{ line: number }>>(row: R, max: number) {
  return z.array(row).min(1, "Send at least one row").max(max, `Send at most ${max} rows per call`);
}

export * from "./batch-results";
