import type { Command } from "commander";
import type { CandidatePage } from "../../index";
import { candidateJson, explainError, writeLine } from "../output";
import { addFilterOptions, connect, filtersOf, type FilterOptions } from "./shared";

const PAGE_SIZE = 200;

export function registerExport(candidates: Command) {
  const exportCommand = candidates
    .command("export")
    .description("write every matching candidate to stdout as JSON lines, newest first");
  addFilterOptions(exportCommand).action((options: FilterOptions) => exportCandidates(options));
}

/**
 * Page by page along the cursor; the next page is fetched while this one is written,
 * and writing waits whenever stdout's reader falls behind, so memory holds about two pages.
 */
async function exportCandidates(options: FilterOptions) {
  const { client, url } = connect();
  const fetchPage = (cursor: string | null) =>
    client.candidates.list.query({ ...filtersOf(options), limit: PAGE_SIZE, cursor });
  let written = 0;
  try {
    let next: Promise<CandidatePage> | null = fetchPage(null);
    while (next) {
      const page: CandidatePage = await next;
      next = page.nextCursor ? fetchPage(page.nextCursor) : null;
      // A rejected prefetch is awaited (and reported) on the next turn; until then keep it from counting as unhandled.
      next?.catch(() => {});
      for (const candidate of page.items) await writeLine(process.stdout, candidateJson(candidate));
      written += page.items.length;
    }
  } catch (error) {
    throw explainError(error, url);
  }
  if (process.stderr.isTTY) process.stderr.write(`Exported ${written.toLocaleString("en-US")} candidates\n`);
}
