import type { Command } from "commander";
import { candidateColumns, candidateJson, explainError, plural, Table, writeLine } from "../output";
import { addFilterOptions, connect, filtersOf, intIn, type FilterOptions } from "./shared";

interface ListOptions extends FilterOptions {
  limit?: number;
  all?: boolean;
  json?: boolean;
}

export function registerList(candidates: Command) {
  const list = candidates
    .command("list")
    .description("list candidates, newest first: one page, or every page with --all");
  addFilterOptions(list)
    .option("--limit <n>", "candidates per page, 1-200 (default: 25, or 200 with --all)", intIn(1, 200))
    .option("--all", "follow the pages to the end")
    .option("--json", "one JSON object per line instead of a table")
    .action((options: ListOptions) => listCandidates(options));
}

async function listCandidates(options: ListOptions) {
  const { client, url } = connect();
  const table = new Table(candidateColumns);
  let cursor: string | null = null;
  let shown = 0;
  const limit = options.limit ?? (options.all ? 200 : 25);
  try {
    do {
      const page = await client.candidates.list.query({ ...filtersOf(options), limit, cursor });
      const lines = options.json ? page.items.map(candidateJson) : page.items.length ? table.format(page.items) : [];
      for (const line of lines) await writeLine(process.stdout, line);
      shown += page.items.length;
      cursor = page.nextCursor;
    } while (options.all && cursor);
  } catch (error) {
    throw explainError(error, url);
  }
  if (!options.json) {
    const more = cursor ? " (more: use --all, or a larger --limit)" : "";
    process.stderr.write(`${shown ? plural(shown, "candidate") : "No candidates match"}${more}\n`);
  }
}
