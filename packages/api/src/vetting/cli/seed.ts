/**
 * npm run db:seed [-- --demo]
 * Loads the starter question bank (packages/api/src/interviews/starter/*.jsonl; questions already there are kept)
 * and, with --demo, the demo role (see demo-seed.ts) too, into the configured database (embedded or external),
 * applying pending migrations first. Stop a server using the embedded database before running it.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "@shortlist/config";
import { openDatabase, openKeyring } from "@shortlist/db";
import { loadStarterBank } from "../../interviews";
import { DEMO_COMPANY, DEMO_ROLE, seedDemo } from "./demo-seed";

const { values } = parseArgs({
  options: { demo: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
});
if (values.help) {
  console.log(`npm run db:seed [-- --demo]

Loads the starter question bank that ships with Shortlist (a question already loaded is kept as it is).
  --demo   also seeds the demo role: Backend Engineer candidates at Acme with completed assessments`);
  process.exit(0);
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
/** The demo role: candidates, assessments and the role's benchmark, with what to check by hand. */
async function seedDemoRole(orm: typeof db.orm) {
  const keyring = await openKeyring({ dataDir: config.dataDir, masterKeyBase64: config.keys.masterKey }, orm);
  const summary = await orm.em.fork().transactional((em) => seedDemo(em, keyring));
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
}

try {
  const bank = await db.orm.em.fork().transactional((em) => loadStarterBank(em));
  console.log(`Starter question bank: ${bank.created} questions loaded, ${bank.skipped} already there.`);
  if (values.demo) await seedDemoRole(db.orm);
} finally {
  await db.close();
}
