/**
 * Question JSONL import (the shared batch-import contract, all or nothing per call) and export pages.
 * A question is known by its text: a row whose text the bank already holds (or an earlier row of the same call)
 * is skipped, so re-running an import, or importing an export back, adds nothing twice.
 */
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { InvalidInput, InvalidRows } from "../errors";
import { batchResult, type BatchResult, type RowResult } from "../shared/batch";
import { describeProblem, fieldErrorsOf, type Problem } from "../shared/errors";
import type { QuestionExportPage } from "./dto";
import {
  insertQuestions,
  QUESTION_COLUMNS,
  QUESTION_FROM,
  questionAuditView,
  storedQuestion,
  toExportRow,
  toQuestionDTO,
  type StoredQuestion,
} from "./questions-rows";
import { questionImportRow, type exportQuestionsInput, type importQuestionsInput } from "./schemas";

type Ctx = Pick<ProcedureContext, "em" | "audit" | "getAuth">;

export type QuestionImportResult = BatchResult & { dryRun: boolean };

/** Every row parsed with the question's schema: the stored questions, or every problem named by its line. */
export function parseQuestionRows(rows: readonly { line: number }[]) {
  const questions: { line: number; question: StoredQuestion }[] = [];
  const problems: Problem[] = [];
  for (const row of rows) {
    const parsed = questionImportRow.safeParse(row);
    if (!parsed.success) {
      problems.push(...fieldErrorsOf(parsed.error).map((f) => ({ line: row.line, ...f })));
      continue;
    }
    const { line, ...fields } = parsed.data;
    questions.push({ line, question: storedQuestion(fields) });
  }
  return { questions, problems };
}

export function rejectionMessage(problems: readonly Problem[], limit = 25): string {
  const shown = problems.slice(0, limit).map(describeProblem).join("; ");
  const more = problems.length > limit ? `; and ${problems.length - limit} more` : "";
  return `Questions rejected, nothing was written (${problems.length} problem${problems.length === 1 ? "" : "s"}): ${shown}${more}`;
}

/** The ids of the questions the bank already holds with these texts. */
async function existingByText(ctx: Ctx, texts: string[]) {
  const rows = await ctx.em.execute<{ id: string; text: string }[]>(
    "select distinct on (text) id, text from questions where text = any(array[?]::text[]) order by text, created_at, id",
    [texts],
  );
  return new Map(rows.map((r) => [r.text, r.id]));
}

export async function importQuestions(
  ctx: Ctx,
  input: z.output<typeof importQuestionsInput>,
): Promise<QuestionImportResult> {
  const { questions, problems } = parseQuestionRows(input.rows);
  if (problems.length) throw new InvalidRows(rejectionMessage(problems), problems);
  // Two imports of the same file at once would both find its texts new: one after the other instead.
  await ctx.em.execute("select pg_advisory_xact_lock(hashtext('shortlist:questions-import'))");
  const known = await existingByText(ctx, [...new Set(questions.map((q) => q.question.text))]);
  const results: RowResult[] = [];
  const fresh: { line: number; question: StoredQuestion }[] = [];
  const firstLine = new Map<string, number>();
  for (const row of questions) {
    const id = known.get(row.question.text);
    if (id) results.push({ line: row.line, outcome: "skipped", id });
    else if (firstLine.has(row.question.text)) results.push({ line: row.line, outcome: "skipped" });
    else {
      firstLine.set(row.question.text, row.line);
      fresh.push(row);
    }
  }
  const authorId = (await ctx.getAuth())?.user.id ?? null;
  const ids = input.dryRun
    ? []
    : await insertQuestions(
        ctx.em,
        fresh.map((r) => r.question),
        authorId,
      );
  fresh.forEach((row, i) => results.push({ line: row.line, outcome: "created", ...(ids[i] ? { id: ids[i] } : {}) }));
  results.sort((a, b) => a.line - b.line);
  const result = { ...batchResult(results), dryRun: input.dryRun };
  if (input.dryRun) {
    ctx.audit.record({
      entity: { kind: "questionImport", id: null },
      after: { dryRun: true, rows: results.length, wouldCreate: result.created, wouldSkip: result.skipped },
    });
    return result;
  }
  // Each question's history starts with its creation; one more event sums the call up.
  fresh.forEach((row, i) =>
    ctx.audit.record({
      entity: { kind: "question", id: ids[i]! },
      before: null,
      after: questionAuditView(row.question),
    }),
  );
  ctx.audit.record({
    entity: { kind: "questionImport", id: null },
    after: { created: result.created, skipped: result.skipped, createdIds: ids },
  });
  return result;
}

const UTC_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeExportCursor(cursor: string): [string, string] {
  const bad = () => InvalidInput.field("cursor", "Not a cursor of questions.export; start again without one");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw bad();
  const [at, id] = parsed as unknown[];
  if (typeof at !== "string" || !UTC_INSTANT.test(at) || Number.isNaN(Date.parse(at))) throw bad();
  if (typeof id !== "string" || !UUID.test(id)) throw bad();
  return [at, id];
}

/** A page of export lines, oldest first (an import of the file keeps the bank's order); `nextCursor` null at the end. */
export async function exportQuestions(
  ctx: Pick<ProcedureContext, "em">,
  input: z.output<typeof exportQuestionsInput>,
): Promise<QuestionExportPage> {
  const conditions: [string, unknown[]][] = [];
  if (input.active !== "all") conditions.push(["q.active = ?", [input.active]]);
  if (input.cursor)
    conditions.push(["(q.created_at, q.id) > (?::timestamptz, ?::uuid)", decodeExportCursor(input.cursor)]);
  const rows = await ctx.em.execute<Record<string, unknown>[]>(
    `select ${QUESTION_COLUMNS},
            to_char(q.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_text
       from ${QUESTION_FROM}
      ${conditions.length ? `where ${conditions.map(([sql]) => sql).join(" and ")}` : ""}
      order by q.created_at, q.id
      limit ?`,
    [...conditions.flatMap(([, params]) => params), input.limit + 1],
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ created_text: _c, ...row }) => toExportRow(toQuestionDTO(row))),
    nextCursor:
      rows.length > input.limit && last
        ? Buffer.from(JSON.stringify([last.created_text, last.id])).toString("base64url")
        : null,
  };
}
