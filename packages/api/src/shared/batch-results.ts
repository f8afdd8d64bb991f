/**
 * The results side of the batch-import contract (shared/batch.ts), free of zod so that the CLI can read
 * results and problems without loading the schemas: one reader for the CLI, the SPA and scripts.
 */
import { describeProblem, type Problem } from "./errors";

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

/** What was wrong with a rejected row, for people: `email: Enter a valid email address; name: …`. */
export function rowReason(result: RowResult): string {
  if (!result.problems?.length) return "rejected";
  return result.problems.map(({ line: _line, ref: _ref, ...p }) => describeProblem(p)).join("; ");
}
