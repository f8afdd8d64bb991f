/**
 * Weekly pipeline report: how many candidates are in each status, and who was added
 * in the last 7 days, per company. A worked example of the typed Shortlist client.
 *
 *   SHORTLIST_URL=http://localhost:3000 SHORTLIST_TOKEN=sl_... npx tsx examples/weekly-pipeline-report.ts
 */
import { createShortlistClient, describeError, type CandidateDTO } from "@shortlist/client";

const DAYS = 7;

const url = process.env.SHORTLIST_URL || "http://localhost:3000";
const token = process.env.SHORTLIST_TOKEN;
if (!token) {
  console.error("Set SHORTLIST_TOKEN to an API token (create one in Shortlist's API tokens screen).");
  process.exit(2);
}

const shortlist = createShortlistClient({ url, token });

const NEWEST_SHOWN = 5;

interface CompanyWeek {
  added: number;
  /** The newest few, for a glance; only the count is kept of the rest. */
  newest: CandidateDTO[];
}

/**
 * Candidates created since `since`, per company, page by page: the list is newest first,
 * so the walk stops at the first older one, and only counts and a few names stay in memory.
 */
async function addedSince(since: Date): Promise<Map<string, CompanyWeek>> {
  const perCompany = new Map<string, CompanyWeek>();
  let cursor: string | null = null;
  do {
    const page = await shortlist.candidates.list.query({ limit: 200, cursor });
    for (const candidate of page.items) {
      // createdAt arrives as a Date: the client and the server share superjson.
      if (candidate.createdAt < since) return perCompany;
      const week = perCompany.get(candidate.company) ?? { added: 0, newest: [] };
      week.added++;
      if (week.newest.length < NEWEST_SHOWN) week.newest.push(candidate);
      perCompany.set(candidate.company, week);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return perCompany;
}

function printTable(rows: [string, string | number][]) {
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${String(value).padStart(7)}`);
}

try {
  const since = new Date(Date.now() - DAYS * 24 * 60 * 60 * 1000);
  const [stats, recent] = await Promise.all([shortlist.candidates.stats.query(), addedSince(since)]);

  console.log(`Shortlist pipeline at ${url}, ${new Date().toISOString().slice(0, 10)}\n`);
  console.log(`Candidates by status (${stats.total.toLocaleString("en-US")} in all):`);
  printTable(Object.entries(stats.byStatus));

  const added = [...recent.values()].reduce((sum, week) => sum + week.added, 0);
  console.log(`\nAdded in the last ${DAYS} days: ${added.toLocaleString("en-US")}`);
  const companies = [...recent.entries()].sort((a, b) => b[1].added - a[1].added || a[0].localeCompare(b[0]));
  for (const [company, week] of companies) {
    console.log(`\n  ${company}: ${week.added.toLocaleString("en-US")}`);
    for (const c of week.newest) {
      console.log(
        `    ${c.createdAt.toISOString().slice(0, 16).replace("T", " ")}  ${c.name} <${c.email}>, ${c.role} [${c.status}]`,
      );
    }
    if (week.added > week.newest.length)
      console.log(`    ... and ${(week.added - week.newest.length).toLocaleString("en-US")} more`);
  }
} catch (error) {
  console.error(`The report failed: ${describeError(error)}`);
  process.exit(1);
}
