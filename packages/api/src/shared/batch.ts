/**
 * The one batch-import contract (browser-safe). A client sends `{ rows }`, each row carrying the line of its
 * source file, so every problem names it. Per-row imports (candidates) answer a result per row; all-or-nothing
 * imports (activity) refuse the whole batch with reason `invalid_rows` and `problems` (each with its line), and
 * on success answer the same shape with every row `created`.
 */
import { z } from "zod";
import type { Problem } from "./errors";

/** The line of the source file (1-based) where a row starts. */
export const sourceLine = z.int().positive();

/** Any object row carrying its `line`; the rest is checked row by row on the server, so problems name the line. */
export const lineRow = z.looseObject({ line: sourceLine });

/** The input of a batch import: `rows`, each carrying its `line`, at most `max` of them. */
export function batchInput<R extends z.ZodType<{ line: number }>>(row: R, max: number) {
  return z.strictObject({
    rows: z.array(row).min(1, "Send at least one row").max(max, `Send at most ${max} rows per call`),
  });
}

export type RowOutcome = "created" | "skipped" | "rejected";

export interface RowResult {
  line: number;
  outcome: RowOutcome;
  /** The created record's id. */
  id?: string;
  /** Why a row was rejected. */
  problems?: Problem[];
}

export interface BatchResult {
  results: RowResult[];
  created: number;
  skipped: number;
  rejected: number;
}

/** A batch result from its row results, counted. */
export function batchResult(results: RowResult[]): BatchResult {
  const count = (outcome: RowOutcome) => results.filter((r) => r.outcome === outcome).length;
  return { results, created: count("created"), skipped: count("skipped"), rejected: count("rejected") };
}

/** Two results as one (a batch split in halves and sent as two), rows in line order. */
export function mergeBatchResults(...parts: BatchResult[]): BatchResult {
  return batchResult(parts.flatMap((p) => p.results).sort((a, b) => a.line - b.line));
}

/** The rejected rows' problems, each naming its line, in line order. */
export function rejectedProblems(result: BatchResult): Problem[] {
  return result.results
    .filter((r) => r.outcome === "rejected")
    .flatMap((r) =>
      (r.problems?.length ? r.problems : [{ path: "(row)", message: "rejected" }]).map((p) => ({ line: r.line, ...p })),
    );
}
