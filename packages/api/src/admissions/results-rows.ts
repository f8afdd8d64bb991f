/** Results rows checked in memory: each row's shape, and its criterion keys against the cycle's criteria. */
import type { ScoringCriterion } from "@shortlist/db";
import type { z } from "zod";
import { fieldErrorsOf, type Problem } from "../shared/errors";
import { judgeResultRow, resultRow, workerResultRow } from "./schemas";

export type WorkerRow = z.output<typeof workerResultRow>;
export type JudgeRow = z.output<typeof judgeResultRow>;

/** A worker result's key: one per (batch, application, evaluator). */
export const workerKey = (r: { batchId: string; applicationId: string; evaluatorId: string }) =>
  `${r.batchId}|${r.applicationId}|${r.evaluatorId}`;
export const judgeKey = (r: JudgeRow) => `${workerKey(r)}|${r.judgeId}`;

export type CheckedRow =
  | { line: number; row: WorkerRow; problems: null }
  | { line: number; row: JudgeRow; problems: null }
  | { line: number; row: null; problems: Problem[] };

const listed = (keys: readonly string[]) => keys.join(", ");

function criterionProblems(
  path: string,
  scores: Record<string, number>,
  criteria: ReadonlySet<string>,
  every: boolean,
): Problem[] {
  const unknown = Object.keys(scores).filter((key) => !criteria.has(key));
  const missing = every ? [...criteria].filter((key) => !(key in scores)) : [];
  const parts = [
    missing.length ? `missing ${listed(missing)}` : null,
    unknown.length ? `not criteria of this cycle: ${listed(unknown)}` : null,
  ].filter(Boolean);
  if (!parts.length) return [];
  const expected = every
    ? `Score every criterion of the cycle (${listed([...criteria])})`
    : "Adjust criteria of the cycle";
  return [{ path, message: `${expected}; ${parts.join("; ")}` }];
}

function judgeProblems(row: JudgeRow, criteria: ReadonlySet<string>): Problem[] {
  if (row.verdict !== "adjust")
    return row.adjustedScores
      ? [
          {
            path: "adjustedScores",
            message: `Only an adjust verdict carries adjustedScores (this one is ${row.verdict})`,
          },
        ]
      : [];
  if (!row.adjustedScores || Object.keys(row.adjustedScores).length === 0)
    return [
      { path: "adjustedScores", message: "An adjust verdict needs the adjusted score of at least one criterion" },
    ];
  return criterionProblems("adjustedScores", row.adjustedScores, criteria, false);
}

/** Every row parsed and checked against the cycle's criteria, in the order sent. */
export function checkRows(rows: readonly { line: number }[], criteria: readonly ScoringCriterion[]): CheckedRow[] {
  const keys = new Set(criteria.map((c) => c.key));
  return rows.map((raw): CheckedRow => {
    const parsed = resultRow.safeParse(raw);
    if (!parsed.success) return { line: raw.line, row: null, problems: fieldErrorsOf(parsed.error) };
    const row = parsed.data;
    const problems =
      row.kind === "worker" ? criterionProblems("scores", row.scores, keys, true) : judgeProblems(row, keys);
    if (problems.length) return { line: row.line, row: null, problems };
    return row.kind === "worker" ? { line: row.line, row, problems: null } : { line: row.line, row, problems: null };
  });
}
