/**
 * npm run db:check: compares every stage's app_count and every job's counters with a full count of the applications
 * and prints the differences; exits 1 when there is any (2 when the check could not run). Read-only: it migrates nothing.
 */
import { loadConfig } from "@shortlist/config";
import { openDatabase } from "@shortlist/db";
import { checkCounters, describeDrift } from "../counter-check.service";

const config = loadConfig();
const db = await openDatabase(config, { migrate: false, log: () => {} }).catch((error: unknown) => {
  console.error(`Could not open the database: ${error instanceof Error ? error.message : String(error)}`);
  console.error("With the embedded database, stop the server first, or point DATABASE_URL at a running PostgreSQL.");
  process.exit(2);
});
try {
  const result = await checkCounters(db.orm.em.fork());
  if (result.drift.length === 0) {
    console.log(`Counters match a full count: ${result.stages} stages of ${result.jobs} jobs.`);
  } else {
    console.log(`${result.drift.length} counter(s) differ from a full count:`);
    for (const drift of result.drift) console.log(`  ${describeDrift(drift)}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`The check could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await db.close();
}
