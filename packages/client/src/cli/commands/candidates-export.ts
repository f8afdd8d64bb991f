import { Option, type Command } from "commander";
import type { CandidatePage } from "../../index";
import { csvLine } from "../csv-write";
import { CSV_COLUMNS, CSV_EXPORT_ONLY_COLUMNS } from "../import/read-csv";
import { candidateJson, explainError, writeLine, type CandidateListItem } from "../output";
import { addFilterOptions, connect, filtersOf, type FilterOptions } from "./shared";

const PAGE_SIZE = 200;

type Format = "jsonl" | "csv";

interface ExportOptions extends FilterOptions {
  format: Format;
}

export function registerExport(candidates: Command) {
  const exportCommand = candidates
    .command("export")
    .description("write every matching candidate to stdout, newest first: JSON lines (default) or CSV")
    .addOption(new Option("--format <format>", "jsonl or csv").choices(["jsonl", "csv"]).default("jsonl"));
  addFilterOptions(exportCommand)
    .addHelpText(
      "after",
      `
Both formats import again with \`shortlist candidates import\`: each person is filed under the job of their most
recently active application (its title as role, and its company). CSV columns:
  ${[...CSV_COLUMNS.filter((c) => c !== "job_id"), ...CSV_EXPORT_ONLY_COLUMNS].join(",")}
tags and assessment_domains are separated by ";". A cell that a spreadsheet would run as a formula (starting with
=, +, -, @, a tab or a carriage return) is written with a leading ', which the import takes off again.`,
    )
    .action((options: ExportOptions) => exportCandidates(options));
}

/** The CSV header and each candidate's cells, in the import's columns, then the export's own. */
const CSV_HEADER = [...CSV_COLUMNS.filter((c) => c !== "job_id"), ...CSV_EXPORT_ONLY_COLUMNS];

function csvRow(c: CandidateListItem): string {
  const job = c.applications[0];
  const cells: Record<(typeof CSV_HEADER)[number], string | boolean | null> = {
    name: c.name,
    email: c.email,
    role: job?.jobTitle ?? null,
    company: job?.company ?? null,
    tags: c.tags.join(";"),
    assessment_domains: c.assessmentDomains.join(";"),
    recruiter_notes: c.recruiterNotes,
    resume_url: c.resumeUrl,
    consent_given: c.consentGiven,
    id: c.id,
    stage: job?.stageName ?? null,
    outcome: job?.outcome ?? null,
    created_at: c.createdAt.toISOString(),
  };
  return csvLine(CSV_HEADER.map((column) => cells[column]));
}

/**
 * Page by page along the cursor; the next page is fetched while this one is written,
 * and writing waits whenever stdout's reader falls behind, so memory holds about two pages.
 */
async function exportCandidates(options: ExportOptions) {
  const { client, url } = connect();
  const fetchPage = (cursor: string | null) =>
    client.candidates.list.query({ ...filtersOf(options), limit: PAGE_SIZE, cursor });
  const line = options.format === "csv" ? csvRow : candidateJson;
  let written = 0;
  try {
    if (options.format === "csv") await writeLine(process.stdout, csvLine(CSV_HEADER));
    let next: Promise<CandidatePage> | null = fetchPage(null);
    while (next) {
      const page: CandidatePage = await next;
      next = page.nextCursor ? fetchPage(page.nextCursor) : null;
      // A rejected prefetch is awaited (and reported) on the next turn; until then keep it from counting as unhandled.
      next?.catch(() => {});
      for (const candidate of page.items) await writeLine(process.stdout, line(candidate));
      written += page.items.length;
    }
  } catch (error) {
    throw explainError(error, url);
  }
  if (process.stderr.isTTY) process.stderr.write(`Exported ${written.toLocaleString("en-US")} candidates\n`);
}
