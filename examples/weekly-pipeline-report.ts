/**
 * Weekly pipeline report: how many applications have each outcome, and who was added
 * in the last 7 days, per company applied at. A worked example of the typed Shortlist client.
 *
 *   SHORTLIST_URL=http://localhost:3000 SHORTLIST_TOKEN=sl_... npx tsx examples/weekly-pipeline-report.ts
 */
import { createShortlistClient, describeError, type RouterOutputs } from "@shortlist/client";

const DAYS = 7;

const url = process.env.SHORTLIST_URL || "http://localhost:3000";
const token = process.env.SHORTLIST_TOKEN;
if (!token) {
  console.error("Set SHORTLIST_TOKEN to an API token (create one in Shortlist's API tokens screen).");
  process.exit(2);
}

const shortlist = createShortlistClient({ url, token });

const NEWEST_SHOWN = 5;
const NO_JOB = "(not filed under a job)";

/** A row of candidates.list: the person, with their applications (job, company, stage, outcome). */
type Person = RouterOutputs["candidates"]["list"]["items"][number];

interface CompanyWeek {
  added: number;
  /** The newest few, for a glance; only the count is kept of the rest. */
  newest: Person[];
}

/**
 * Candidates created since `since`, per company they applied at, page by page: the list is newest
 * first, so the walk stops at the first older one, and only counts and a few names stay in memory.
 */
async function addedSince(since: Date): Promise<{ added: number; perCompany: Map<string, CompanyWeek> }> {
  const perCompany = new Map<string, CompanyWeek>();
  let added = 0;
  let cursor: string | null = null;
  do {
    const page = await shortlist.candidates.list.query({ limit: 200, cursor });
    for (const candidate of page.items) {
      // createdAt arrives as a Date: the client and the server share superjson.
      if (candidate.createdAt < since) return { added, perCompany };
      added++;
      const companies = new Set(candidate.applications.map((a) => a.company));
      for (const company of companies.size ? companies : [NO_JOB]) {
        const week = perCompany.get(company) ?? { added: 0, newest: [] };
        week.added++;
        if (week.newest.length < NEWEST_SHOWN) week.newest.push(candidate);
        perCompany.set(company, week);
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { added, perCompany };
}

function printTable(rows: [string, string | number][]) {
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${String(value).padStart(7)}`);
}

try {
  const since = new Date(Date.now() - DAYS * 24 * 60 * 60 * 1000);
  const [stats, recent] = await Promise.all([shortlist.candidates.stats.query(), addedSince(since)]);

  console.log(`Shortlist pipeline at ${url}, ${new Date().toISOString().slice(0, 10)}\n`);
  // Without a search, tag or stage filter the counts come from the jobs' counters (never null).
  console.log(`Applications by outcome (${(stats.total ?? 0).toLocaleString("en-US")} in all):`);
  printTable(Object.entries(stats.byOutcome ?? {}));

  console.log(`\nAdded in the last ${DAYS} days: ${recent.added.toLocaleString("en-US")}`);
  console.log("Per company applied at (a person who applied at several counts at each):");
  const companies = [...recent.perCompany.entries()].sort(
    (a, b) => b[1].added - a[1].added || a[0].localeCompare(b[0]),
  );
  for (const [company, week] of companies) {
    console.log(`\n  ${company}: ${week.added.toLocaleString("en-US")}`);
    for (const c of week.newest) {
      const jobs = c.applications
        .filter((a) => a.company === company)
        .map((a) => `${a.jobTitle} [${a.stageName}, ${a.outcome}]`);
      const at = c.createdAt.toISOString().slice(0, 16).replace("T", " ");
      console.log(`    ${at}  ${c.name} <${c.email}>${jobs.length ? `, ${jobs.join("; ")}` : ""}`);
    }
    if (week.added > week.newest.length)
      console.log(`    ... and ${(week.added - week.newest.length).toLocaleString("en-US")} more`);
  }
} catch (error) {
  console.error(`The report failed: ${describeError(error)}`);
  process.exit(1);
}
