/**
 * `npm run scrub:eval -w @shortlist/api`: scrubs the labelled test set, prints the measured tables and writes them
 * into docs/scrubbing.md between its markers. `-- --verbose` also lists every miss and every wrong placeholder;
 * `-- --check` only prints; `-- --speed` also measures the throughput on the typical application (printed only:
 * it depends on the machine).
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { evaluate, evaluationTables, loadTestSet } from "./evaluate";
import { loadTypicalApplication, measureSpeed } from "./speed";
import { scrubAnswers } from "./index";

const DOC = fileURLToPath(new URL("../../../../../docs/scrubbing.md", import.meta.url));
const START = "<!-- scrub-eval:start -->";
const END = "<!-- scrub-eval:end -->";

const development = evaluate(loadTestSet("development"));
const heldOut = evaluate(loadTestSet("held-out"));
const commonWords = evaluate(loadTestSet("development").filter((snippet) => snippet.id.startsWith("cwn-")));
if (process.argv.includes("--verbose")) {
  for (const [set, evaluation] of [
    ["development", development],
    ["held-out", heldOut],
  ] as const) {
    for (const miss of evaluation.misses) console.log(`${set}: missed ${miss.category} in ${miss.id}: ${miss.value}`);
    for (const wrong of evaluation.wrong) console.log(`${set}: wrong [${wrong.kind}] in ${wrong.id}: ${wrong.value}`);
    for (const id of evaluation.idempotent.failures) console.log(`${set}: not idempotent: ${id}`);
  }
}
if (process.argv.includes("--speed")) {
  const typical = loadTypicalApplication();
  console.log(JSON.stringify(scrubAnswers(typical.identity, typical.answers), null, 2));
  const speed = measureSpeed(10);
  console.log(
    `typical application: ${speed.perCpuSecond.toFixed(1)} per CPU second, ${speed.perSecond.toFixed(1)} per second (${speed.applications} in 10 s)`,
  );
}
const names = commonWords.recall.OWN_NAME;
const tables = [
  "### Development set (`testset/*.jsonl`, the set the scrubber was tuned on)",
  "",
  evaluationTables(development),
  "",
  "### Held-out set (`testset/held-out/`, written after the tuning)",
  "",
  evaluationTables(heldOut),
  "",
  "### Names that are also common words (`testset/common-word-names.jsonl`)",
  "",
  `${names.found} of ${names.planted} planted names found; ${commonWords.wrong.length} placeholders put on a word ` +
    `that was not the name; ${commonWords.clean.unchanged} of ${commonWords.clean.snippets} snippets that use the ` +
    `word only as a word ("I will", "a rose garden") left unchanged.`,
].join("\n");
console.log(`\n${tables}\n`);
if (!process.argv.includes("--check")) {
  const doc = await readFile(DOC, "utf8");
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/scrubbing.md has no ${START} … ${END} markers`);
  const updated = `${doc.slice(0, start + START.length)}\n\n${tables}\n\n${doc.slice(end)}`;
  await writeFile(DOC, await format(updated, { ...(await resolveConfig(DOC)), filepath: DOC }));
  console.log("Written to docs/scrubbing.md");
}
