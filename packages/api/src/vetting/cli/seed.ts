/**
 * npm run db:seed -- --demo
 * Seeds the demo role (see seed.ts) into the configured database (embedded or external),
 * applying pending migrations first. Stop a server using the embedded database before running it.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "@shortlist/config";
import { openDatabase, openKeyring } from "@shortlist/db";
import { DEMO_COMPANY, DEMO_ROLE, seedDemo } from "./demo-seed";

const { values } = parseArgs({ options: { demo: { type: "boolean", default: false } } });
if (!values.demo) {
  console.error("Nothing to seed. Use `npm run db:seed -- --demo` for the demo role, candidates and assessments.");
  process.exit(2);
}

const config = loadConfig();
const postgresLog: string[] = [];
const db = await openDatabase(config, { log: (line) => postgresLog.push(line) }).catch((error: unknown) => {
  const where =
    config.database.mode === "embedded"
      ? `the embedded database in ${config.database.embeddedDataDir} (port ${config.database.port})`
      : `${config.database.host}:${config.database.port}`;
  console.error(`Could not open ${where}: ${error instanceof Error ? error.message : "it did not start"}.`);
  if (postgresLog.length) console.error(postgresLog.slice(-5).join("\n"));
  console.error("Is a server already running on it? Stop it, or point DATABASE_URL at a running PostgreSQL.");
  process.exit(1);
});
try {
  const keyring = await openKeyring({ dataDir: config.dataDir, masterKeyBase64: config.keys.masterKey }, db.orm);
  const summary = await db.orm.em.fork().transactional((em) => seedDemo(em, keyring));
  console.log(
    `Demo data for ${DEMO_ROLE} at ${DEMO_COMPANY}: ${summary.created} candidates seeded, ${summary.skipped} already there.`,
  );
  console.log(`\nCompleted assessments (${summary.completed.length}), by tao index:`);
  for (const c of summary.completed) console.log(`  ${c.taoIndex.toFixed(4).padStart(8)}  ${c.name}`);
  const b = summary.benchmark;
  if (b) {
    const band = (name: string, x: { p50: number; p75: number; p90: number }) =>
      `  ${name.padEnd(18)} p50 ${x.p50.toFixed(4)}  p75 ${x.p75.toFixed(4)}  p90 ${x.p90.toFixed(4)}`;
    console.log(`\nBenchmark (${b.source}, ${b.company ?? "all companies"}, ${b.sampleSize} assessments):`);
    console.log(band("tao index", b.bands.taoIndex));
    console.log(band("sophistication", b.bands.sophistication));
    console.log(band("learning velocity", b.bands.learningVelocity));
    console.log(band("chain depth", b.bands.chainDepth));
  }
  if (summary.pending) {
    console.log(
      `\n${summary.pending.name} has an assessment in progress with its activity recorded, ready to complete:`,
    );
    console.log(`  candidate  ${summary.pending.candidateId}`);
    console.log(`  assessment ${summary.pending.assessmentId}`);
    console.log("Complete it (assessments.complete), generate its report (reports.generate) and check the percentile");
    console.log('and bands by hand against the list above: docs/scoring.md, "Checking the demo by hand".');
  }
} finally {
  await db.close();
}
