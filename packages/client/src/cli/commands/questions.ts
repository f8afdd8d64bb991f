/** `shortlist questions import <file.jsonl> [--dry-run]` and `shortlist questions export [--out file] [--all]`. */
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import type { Command } from "commander";
import { describeProblem, errorReasonOf, problemsOf, type BatchResult, type RouterOutputs } from "../../index";
import { type ImportTotals } from "../import/batches";
import { createProgress } from "../import/progress";
import { serverSend } from "../import/server-send";
import { readJsonl } from "../import/read-jsonl";
import { CliError, EXIT, explainError, jsonLine, plural, terminalSafe, writeLine } from "../output";
import { connect, fileSize, intIn } from "./shared";

/** Rows per `questions.import` call: the server's limit (importQuestionsInput), not imported to keep zod out of the CLI's start. */
export const MAX_QUESTION_ROWS = 500;
const EXPORT_PAGE = 500;
const WHAT = "a question";

interface ImportOptions {
  dryRun?: boolean;
  batchSize: number;
  maxBatchBytes: number;
  retries: number;
}

interface ExportOptions {
  out?: string;
  all?: boolean;
}

export function registerQuestions(questions: Command) {
  questions
    .command("import")
    .description("add questions to the bank from a JSON Lines file, streamed in batches; safe to re-run")
    .argument("<file>", "a .jsonl file: one question per line")
    .option("--dry-run", "check every line and say what would be imported, without saving anything")
    .option(
      "--batch-size <n>",
      `lines per request (1-${MAX_QUESTION_ROWS})`,
      intIn(1, MAX_QUESTION_ROWS),
      MAX_QUESTION_ROWS,
    )
    .option("--retries <n>", "tries again after a dropped connection or a busy database (0-10)", intIn(0, 10), 3)
    .option(
      "--max-batch-bytes <n>",
      "send a batch early past this many bytes of JSON",
      intIn(1024, 64 * 1_048_576),
      512 * 1024,
    )
    .addHelpText(
      "after",
      `
File (docs/interviews.md, "Question bank"), one question per line, as \`shortlist questions export\` writes it:
  {"text":"How would you find out why a query became slow?","type":"technical","difficulty":3,
   "skills":["PostgreSQL"],"tags":["databases"],"rubric":[{"name":"Diagnosis","weight":4,
   "strongAnswer":"Reads the plan with EXPLAIN ANALYZE","keywords":["explain analyze"]}],
   "idealAnswer":"...","followUps":["..."],"timeLimitSeconds":300,"active":true}
type: technical, behavioural, situational, system_design, coding or role_specific; difficulty 1-5;
text, type, difficulty and a rubric of 1-10 criteria are required.

The whole file is read once to check that every line is a JSON object before anything is sent.
Each batch is all or nothing: a bad line keeps its whole batch out, and every problem is reported
with its line; the other batches are saved. A question whose text the bank already holds is
skipped, so run the same command again after fixing the file.

Exit codes: 0 every line imported or skipped; 1 lines rejected; 2 the import could not go on
(file unreadable, server unreachable, token refused): batches reported before that are saved.`,
    )
    .action((file: string, options: ImportOptions) => importQuestions(file, options));

  questions
    .command("export")
    .description("write the question bank as JSON Lines (stdout, or --out), oldest first; imports back as it is")
    .option("--out <file>", "write to this file instead of stdout")
    .option("--all", "retired questions too (default: active ones)")
    .action((options: ExportOptions) => exportQuestions(options));
}

interface Batch {
  rows: { line: number; data: unknown }[];
  bytes: number;
  firstLine: number;
  lastLine: number;
}

async function importQuestions(file: string, options: ImportOptions) {
  const size = await fileSize(file);
  const { client, url } = connect();
  const report = (line: string) => writeLine(process.stdout, line);

  // Pass 1: every line must be a JSON object; nothing is sent otherwise.
  const unreadable: { line: number; reason: string }[] = [];
  let readable = 0;
  try {
    for await (const row of readJsonl(file, { what: WHAT }).rows) {
      if (row.kind === "row") readable++;
      else if (unreadable.push(row) > 1000) break;
    }
  } catch (error) {
    throw new CliError(`Could not read ${file}: ${(error as Error).message}`);
  }
  if (unreadable.length) {
    for (const { line, reason } of unreadable) await report(`rejected line ${line}: ${terminalSafe(reason)}`);
    process.stderr.write(
      `Nothing was imported: ${plural(unreadable.length, "line")} of ${file} cannot be read. Fix ${unreadable.length === 1 ? "it" : "them"} and run again.\n`,
    );
    process.exitCode = EXIT.rejected;
    return;
  }
  if (!readable) throw new CliError(`${file} holds no questions: expected one JSON object per line`, EXIT.rejected);

  // Pass 2: batch by batch, each all or nothing on the server.
  const progress = createProgress(size, report);
  const totals: ImportTotals = { rows: 0, created: 0, skipped: 0, rejected: 0 };
  const send = serverSend(
    async (rows) => {
      const result: BatchResult = await client.questions.import.mutate({
        rows: rows.map(({ line, data }) => ({ ...(data as Record<string, unknown>), line })),
        dryRun: options.dryRun ?? false,
      });
      return result;
    },
    { retries: options.retries, url, notice: (text) => progress.notice(text) },
  );
  const verb = options.dryRun ? "checked" : "imported";
  const refused: string[] = [];
  const source = readJsonl(file, { what: WHAT });

  const flush = async (batch: Batch) => {
    const lines = `lines ${batch.firstLine}-${batch.lastLine}`;
    totals.rows += batch.rows.length;
    try {
      const result = await send(batch.rows);
      totals.created += result.created;
      totals.skipped += result.skipped;
      await progress.report(
        `${verb} ${lines}: ${plural(result.created, options.dryRun ? "new" : "created", options.dryRun ? "new" : "created")}, ${plural(result.skipped, "skipped", "skipped")}`,
      );
    } catch (error) {
      if (errorReasonOf(error) !== "invalid_rows") throw error;
      const problems = problemsOf(error);
      for (const p of problems) await progress.report(`rejected ${terminalSafe(describeProblem(p))}`);
      totals.rejected += new Set(problems.map((p) => p.line)).size;
      refused.push(lines);
    }
    progress.update(source.bytesRead(), totals);
  };

  // Whether a failure came from sending a batch (the server's answer) or from reading the file.
  let sending = false;
  const sendBatch = async (batch: Batch) => {
    sending = true;
    await flush(batch);
    sending = false;
  };
  try {
    let batch: Batch | null = null;
    for await (const row of source.rows) {
      if (row.kind !== "row")
        throw new Error(`line ${row.line} is no longer readable (${row.reason}): did the file change?`);
      if (batch && (batch.rows.length >= options.batchSize || batch.bytes + row.size > options.maxBatchBytes)) {
        await sendBatch(batch);
        batch = null;
      }
      batch ??= { rows: [], bytes: 0, firstLine: row.line, lastLine: row.line };
      batch.rows.push({ line: row.line, data: row.data });
      batch.bytes += row.size;
      batch.lastLine = row.line;
    }
    if (batch) await sendBatch(batch);
  } catch (error) {
    progress.stop();
    const reason = sending ? explainError(error, url).message : `Could not read ${file}: ${(error as Error).message}`;
    process.stderr.write(`\nThe import stopped: ${terminalSafe(reason, { multiLine: true })}\n`);
    if (totals.created && !options.dryRun)
      process.stderr.write(
        `${plural(totals.created, "question")} reported above are saved; run the same command again for the rest (questions already in the bank are skipped).\n`,
      );
    process.exitCode = EXIT.fatal;
    return;
  }
  progress.stop();
  const done = options.dryRun
    ? `Dry run, nothing saved: ${plural(totals.created, "question")} would be created, ${totals.skipped.toLocaleString("en-US")} skipped (already in the bank)`
    : `Done: ${plural(totals.created, "question")} created, ${totals.skipped.toLocaleString("en-US")} skipped (already in the bank)`;
  await report(`${done}${totals.rejected ? `, ${plural(totals.rejected, "line")} rejected` : ""}`);
  if (refused.length) {
    const batches = refused.length === 1 ? "A batch was" : `${refused.length} batches were`;
    process.stderr.write(
      options.dryRun
        ? `${batches} refused (${refused.join(", ")}): an import would leave ${refused.length === 1 ? "it" : "them"} out. Fix the lines above first.\n`
        : `${batches} refused (${refused.join(", ")}): nothing of ${refused.length === 1 ? "it" : "them"} was saved. ` +
            "Fix the lines above and run the same command again (questions already in the bank are skipped).\n",
    );
  }
  process.exitCode = totals.rejected ? EXIT.rejected : EXIT.ok;
}

type ExportPage = RouterOutputs["questions"]["export"];

/** Page by page along the cursor, the next page fetched while this one is written; memory holds about two pages. */
async function exportQuestions(options: ExportOptions) {
  const { client, url } = connect();
  const out: Writable = options.out ? createWriteStream(options.out) : process.stdout;
  const opened = options.out
    ? new Promise<void>((resolve, reject) => out.once("open", () => resolve()).once("error", reject))
    : Promise.resolve();
  try {
    await opened;
  } catch (error) {
    throw new CliError(`Cannot write ${options.out}: ${(error as Error).message}`);
  }
  const fetchPage = (cursor: string | null) =>
    client.questions.export.query({ active: options.all ? "all" : true, limit: EXPORT_PAGE, cursor });
  let written = 0;
  try {
    let next: Promise<ExportPage> | null = fetchPage(null);
    while (next) {
      const page: ExportPage = await next;
      next = page.nextCursor ? fetchPage(page.nextCursor) : null;
      next?.catch(() => {});
      for (const row of page.rows) await writeLine(out, jsonLine(row));
      written += page.rows.length;
    }
  } catch (error) {
    throw explainError(error, url);
  } finally {
    if (options.out) await new Promise<void>((resolve) => out.end(resolve));
  }
  if (options.out || process.stderr.isTTY)
    process.stderr.write(`Exported ${plural(written, "question")}${options.out ? ` to ${options.out}` : ""}\n`);
}
