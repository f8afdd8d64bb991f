import { extname } from "node:path";
import { Option, type Command } from "commander";
import { importInBatches, type ImportSource, type ImportTotals } from "../import/batches";
import { importableRow } from "../import/candidate-fields";
import { createProgress } from "../import/progress";
import { serverSend } from "../import/server-send";
import { CSV_COLUMNS, CSV_EXPORT_ONLY_COLUMNS, readCsv } from "../import/read-csv";
import { readJsonl } from "../import/read-jsonl";
import { CliError, EXIT, explainError, plural, terminalSafe, writeLine } from "../output";
import { connect, fileSize, intIn } from "./shared";

type Format = "csv" | "jsonl";

interface ImportOptions {
  batchSize: number;
  format?: Format;
  retries: number;
  maxBatchBytes: number;
  strict?: boolean;
}

const FORMAT_BY_EXTENSION: Record<string, Format> = { ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl" };

export function registerImport(candidates: Command) {
  candidates
    .command("import")
    .description("import candidates from a CSV or JSON Lines file, streamed in batches; safe to re-run")
    .argument("<file>", "a .csv (with a header line) or .jsonl file")
    .option("--batch-size <n>", "rows per request (1-1000)", intIn(1, 1000), 500)
    .addOption(
      new Option("--format <format>", "the file's format, when its extension does not say").choices(["csv", "jsonl"]),
    )
    .option("--retries <n>", "tries again after a dropped connection or a busy database (0-10)", intIn(0, 10), 3)
    .option(
      "--strict",
      "refuse unknown columns (CSV: the whole file) or fields (JSONL: the row) instead of ignoring them",
    )
    .addOption(
      new Option("--max-batch-bytes <n>", "send a batch early past this many bytes of JSON")
        .argParser(intIn(1024, 64 * 1_048_576))
        .default(512 * 1024)
        .hideHelp(),
    )
    .addHelpText(
      "after",
      `
Files:
  CSV    a header line naming the columns, in any order, separated by commas, semicolons
         or tabs (told from the header; a UTF-8 byte order mark is fine):
           ${CSV_COLUMNS.join(",")}
         name and email are required; role and company (or job_id) file the person under
         that job, made when missing. tags and assessment_domains hold several values
         separated by ";" or "|"; consent_given is true/false (yes/no, 1/0). The export's own
         columns (${CSV_EXPORT_ONLY_COLUMNS.join(", ")}) are passed over; other unknown columns too,
         with a warning (--strict refuses the file).
  JSONL  one candidate object per line:
           {"name":"Ada Lovelace","email":"ada@example.com","role":"Engineer","company":"Acme",
            "tags":["referral"],"assessmentDomains":["backend"],"consentGiven":true}
         A line written by \`shortlist candidates export\` is taken as it is: its id, dates
         and stages are passed over, and the person is filed under the job of the first of
         its applications. Unknown fields are passed over with a warning (--strict sends
         them, and the server refuses the row).

Every row is created, skipped (someone with that email is already there: one person per
email), or rejected with its line number and reason; a rejected row writes nothing. Each
batch is saved on its own, so re-running the same file after a failure picks up where it stopped.

Exit codes: 0 every row created or skipped; 1 some rows rejected; 2 the import could not
go on (file unreadable, server unreachable, token refused): rows reported before that are saved.`,
    )
    .action((file: string, options: ImportOptions) => importCandidates(file, options));
}

function formatOf(file: string, explicit?: Format): Format {
  if (explicit) return explicit;
  const format = FORMAT_BY_EXTENSION[extname(file).toLowerCase()];
  if (!format)
    throw new CliError(`Cannot tell the format of ${file}: name it .csv or .jsonl, or pass --format csv|jsonl`);
  return format;
}

/**
 * JSONL rows as `candidates.create` takes them (see importableRow): an exported line imports as it is. Unknown fields
 * are noted in `ignored` with the line they first appeared on.
 */
function importable(
  source: ImportSource,
  { strict = false, ignored }: { strict?: boolean; ignored: Map<string, number> },
): ImportSource {
  async function* rows() {
    for await (const row of source.rows) {
      if (row.kind !== "row") {
        yield row;
        continue;
      }
      const { data, unknown } = importableRow(row.data as Record<string, unknown>, { strict });
      for (const field of unknown) if (!ignored.has(field)) ignored.set(field, row.line);
      yield { ...row, data };
    }
  }
  return { rows: rows(), bytesRead: source.bytesRead };
}

const rate = (rows: number, ms: number) => Math.round(rows / Math.max(ms / 1000, 0.001)).toLocaleString("en-US");

function summary(totals: ImportTotals, ms: number): string {
  return (
    `${plural(totals.created, "created", "created")}, ${plural(totals.skipped, "skipped", "skipped")} (already present), ` +
    `${plural(totals.rejected, "rejected", "rejected")}; ${plural(totals.rows, "row")} in ${(ms / 1000).toFixed(1)} s ` +
    `(${rate(totals.rows, ms)} rows/s)`
  );
}

async function importCandidates(file: string, options: ImportOptions) {
  const format = formatOf(file, options.format);
  const size = await fileSize(file);
  const { client, url } = connect();
  const started = performance.now();
  const report = (line: string) => writeLine(process.stdout, line);
  const progress = createProgress(size, report);
  let totals: ImportTotals = { rows: 0, created: 0, skipped: 0, rejected: 0 };

  process.once("SIGINT", () => {
    progress.stop();
    process.stderr.write(
      `\nInterrupted after ${summary(totals, performance.now() - started)}.\n` +
        "Rows reported as created are saved; run the same command again to import the rest (present rows are skipped).\n",
    );
    process.exit(130);
  });

  const send = serverSend(
    async (rows) => {
      const result = await client.candidates.importBatch.mutate({ rows });
      return result;
    },
    { retries: options.retries, url, notice: (text) => progress.notice(text) },
  );

  const warn = (message: string) => progress.notice(`warning: ${terminalSafe(message)}`);
  const ignored = new Map<string, number>();
  const source: ImportSource =
    format === "csv"
      ? readCsv(file, { strict: options.strict, warn })
      : importable(readJsonl(file), { strict: options.strict, ignored });
  const outcome = await importInBatches(source, {
    batchSize: options.batchSize,
    maxBatchBytes: options.maxBatchBytes,
    send,
    onBatch: async (batch, soFar) => {
      totals = soFar;
      for (const { line, reason } of batch.rejected)
        await progress.report(`rejected line ${line}: ${terminalSafe(reason)}`);
      progress.update(batch.bytesRead, soFar);
    },
  });
  totals = outcome.totals;
  if (ignored.size && !options.strict) {
    const fields = [...ignored].map(([field, line]) => `${JSON.stringify(field)} (first on line ${line})`);
    warn(
      `ignored the unknown field${ignored.size > 1 ? "s" : ""} ${fields.join(", ")}; --strict sends them for the server to refuse`,
    );
  }
  progress.stop();
  const elapsed = performance.now() - started;

  if (outcome.fatal) {
    const { error, stage, lines } = outcome.fatal;
    const where = lines ? ` at lines ${lines[0]}-${lines[1]}` : "";
    const reason =
      stage === "read" && !(error instanceof CliError)
        ? `Could not read ${file}: ${(error as Error).message}`
        : explainError(error, url).message;
    await report(`Stopped: ${summary(totals, elapsed)}`);
    process.stderr.write(`\nThe import stopped${where}: ${terminalSafe(reason, { multiLine: true })}\n`);
    if (totals.created || totals.skipped || totals.rejected) {
      process.stderr.write(
        `Rows reported before that are saved (${plural(totals.created, "candidate")} created)` +
          (stage === "send" && lines ? `; lines ${lines[0]}-${lines[1]} may or may not have been` : "") +
          ".\nRun the same command again to import the rest: rows already present are skipped.\n",
      );
    }
    process.exitCode = EXIT.fatal;
    return;
  }
  await report(`Done: ${summary(totals, elapsed)}`);
  process.exitCode = totals.rejected ? EXIT.rejected : EXIT.ok;
}
