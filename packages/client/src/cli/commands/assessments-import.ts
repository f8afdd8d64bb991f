import type { Command } from "commander";
import { describeProblem, errorCodeOf, errorReasonOf, problemsOf } from "../../index";
import { activityBatches, MAX_ACTIVITY_RECORDS } from "../import/activity";
import { readJsonl } from "../import/read-jsonl";
import { CliError, EXIT, explainError, plural, terminalSafe, writeLine } from "../output";
import { connect, fileSize, intIn } from "./shared";

interface ImportOptions {
  batchSize: number;
  fromLine: number;
  maxBatchBytes: number;
}

const WHAT = "a session or a question";

export function registerAssessmentsImport(assessments: Command) {
  assessments
    .command("import")
    .description("record an assessment's activity from a JSON Lines file, streamed in batches")
    .argument(
      "<assessmentId>",
      "the assessment in progress (its id is on the candidate's page, or from assessments.start)",
    )
    .argument("<file>", "a .jsonl file: one session or question per line")
    .option(
      "--batch-size <n>",
      `records per request (1-${MAX_ACTIVITY_RECORDS})`,
      intIn(1, MAX_ACTIVITY_RECORDS),
      MAX_ACTIVITY_RECORDS,
    )
    .option(
      "--from-line <n>",
      "start at this line of the file (after an import that stopped part way)",
      intIn(1, Number.MAX_SAFE_INTEGER),
      1,
    )
    .option(
      "--max-batch-bytes <n>",
      "send a batch early past this many bytes of JSON",
      intIn(1024, 64 * 1_048_576),
      512 * 1024,
    )
    .addHelpText(
      "after",
      `
File (docs/scoring.md, section 1), one JSON object per line:
  {"type":"session","ref":"s1","start":"2026-01-05T09:00:00Z","end":"2026-01-05T09:30:00Z"}
  {"type":"question","ref":"q1","session":"s1","domain":"Python","text":"What is a generator?","askedAt":"2026-01-05T09:05:00Z"}
Each record is sent with its line number, so problems name the file's lines.

The whole file is read once to check that every line is a JSON object before anything is sent.
Each batch is all or nothing: a batch with a bad line writes nothing, and every problem in it is
reported by line. Batches before it stay recorded; fix the file and run again with
--from-line <the first line not recorded> (re-sending recorded lines is refused: their refs are taken).

Exit codes: 0 every line recorded; 1 lines rejected (or the assessment is not in progress);
2 the import could not go on (file unreadable, server unreachable, token refused).`,
    )
    .action((assessmentId: string, file: string, options: ImportOptions) =>
      importActivity(assessmentId, file, options),
    );
}

async function importActivity(assessmentId: string, file: string, options: ImportOptions) {
  await fileSize(file);
  const { client, url } = connect();
  const report = (line: string) => writeLine(process.stdout, line);

  // The assessment first: a wrong id or a completed assessment is said before reading the file.
  let assessment;
  try {
    assessment = await client.assessments.get.query({ assessmentId });
  } catch (error) {
    throw explainError(error, url);
  }
  if (assessment.status !== "in_progress") {
    throw new CliError(
      `Assessment ${assessmentId} is completed; its activity can no longer change (start a new assessment instead)`,
      EXIT.rejected,
    );
  }

  // Pass 1: every line must be a JSON object; nothing is sent otherwise.
  let readable = 0;
  const unreadable: { line: number; reason: string }[] = [];
  try {
    for await (const row of readJsonl(file, { what: WHAT }).rows) {
      if (row.line < options.fromLine) continue;
      if (row.kind === "row") readable++;
      else unreadable.push(row);
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
  if (!readable) {
    throw new CliError(
      `${file} holds no activity${options.fromLine > 1 ? ` from line ${options.fromLine}` : ""}: expected one JSON object per line`,
      EXIT.rejected,
    );
  }

  // Pass 2: batch by batch, each all or nothing on the server.
  const totals = { sessions: 0, questions: 0 };
  let recorded = assessment.recorded;
  let through = 0;
  let startLine = 0;
  const batches = activityBatches(readJsonl(file, { what: WHAT }).rows, {
    maxRecords: options.batchSize,
    maxBytes: options.maxBatchBytes,
    fromLine: options.fromLine,
  });
  try {
    for await (const batch of batches) {
      startLine ||= batch.firstLine;
      let result;
      try {
        result = await client.assessments.importActivity.mutate({ assessmentId, rows: batch.rows });
      } catch (error) {
        await stopped(error, batch, { totals, through, startLine, file, assessmentId, url, report });
        return;
      }
      totals.sessions += result.sessions;
      totals.questions += result.questions;
      recorded = result.recorded;
      through = batch.lastLine;
      await report(
        `recorded lines ${batch.firstLine}-${batch.lastLine}: ${plural(result.sessions, "session")}, ${plural(result.questions, "question")}`,
      );
    }
  } catch (error) {
    throw new CliError(`Could not read ${file}: ${(error as Error).message}`);
  }
  await report(
    `Done: ${plural(totals.sessions, "session")} and ${plural(totals.questions, "question")} recorded; ` +
      `assessment ${assessmentId} now holds ${plural(recorded.sessions, "session")} and ${plural(recorded.questions, "question")}`,
  );
  process.exitCode = EXIT.ok;
}

async function stopped(
  error: unknown,
  batch: { firstLine: number; lastLine: number },
  ctx: {
    totals: { sessions: number; questions: number };
    through: number;
    startLine: number;
    file: string;
    assessmentId: string;
    url: URL;
    report: (line: string) => Promise<void>;
  },
) {
  const explained = explainError(error, ctx.url);
  const code = errorCodeOf(error);
  // The server names each problem of a refused batch in the error's data, with its line.
  const problems = errorReasonOf(error) === "invalid_rows" ? problemsOf(error) : null;
  if (problems) {
    for (const p of problems) {
      const text = terminalSafe(describeProblem(p));
      await ctx.report(p.line === undefined ? `rejected: ${text}` : `rejected ${text}`);
    }
  }
  const lines = `lines ${batch.firstLine}-${batch.lastLine}`;
  const what = problems
    ? `${plural(problems.length, "problem")} (above); nothing of ${lines} was written.`
    : code === null
      ? // No answer from the server: the batch may have been committed before the connection broke.
        `${explained.message}\n${lines[0]!.toUpperCase()}${lines.slice(1)} may or may not have been recorded: check the assessment before running again.`
      : `${explained.message}\nNothing of ${lines} was written.`;
  const resume = ctx.through
    ? `Lines ${ctx.startLine}-${ctx.through} are recorded (${plural(ctx.totals.sessions, "session")}, ${plural(ctx.totals.questions, "question")}). ` +
      `Fix the file and go on from line ${batch.firstLine} (re-sending recorded lines is refused):\n` +
      `  shortlist assessments import ${ctx.assessmentId} ${ctx.file} --from-line ${batch.firstLine}\n`
    : "Nothing was recorded: fix the file and run the same command again.\n";
  process.stderr.write(`\nThe import stopped at ${lines}: ${terminalSafe(what, { multiLine: true })}\n${resume}`);
  process.exitCode = problems ? EXIT.rejected : explained.exitCode;
}
