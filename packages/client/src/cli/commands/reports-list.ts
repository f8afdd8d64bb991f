import type { Command } from "commander";
import { explainError, plural, reportColumns, reportJson, Table, writeLine, type ReportRow } from "../output";
import { connect, intIn } from "./shared";

interface ListOptions {
  candidate?: string;
  limit: number;
  json?: boolean;
}

export function registerReportsList(reports: Command) {
  reports
    .command("list")
    .description("list hiring reports, newest first: the latest of each candidate, or every report of one")
    .option("--candidate <id>", "every report of this candidate (each regeneration is kept)")
    .option("--limit <n>", "how many candidates' latest reports, 1-100", intIn(1, 100), 25)
    .option("--json", "one JSON object per line instead of a table")
    .addHelpText(
      "after",
      `
The ID column is what \`shortlist reports pdf <reportId>\` takes. The percentile is the tao index's rank among the
role's completed assessments when the report was generated, over the number shown ("—": not quoted, too few).`,
    )
    .action((options: ListOptions) => listReports(options));
}

async function listReports(options: ListOptions) {
  const { client, url } = connect();
  let rows: ReportRow[];
  try {
    rows = options.candidate
      ? await client.reports.listForCandidate.query({ candidateId: options.candidate })
      : await client.reports.listLatest.query({ limit: options.limit });
  } catch (error) {
    throw explainError(error, url);
  }
  const lines = options.json ? rows.map(reportJson) : rows.length ? new Table(reportColumns).format(rows) : [];
  for (const line of lines) await writeLine(process.stdout, line);
  if (!options.json) process.stderr.write(`${rows.length ? plural(rows.length, "report") : "No reports"}\n`);
}
