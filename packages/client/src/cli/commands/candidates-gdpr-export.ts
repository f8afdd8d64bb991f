import { rename, rm, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { CliError, EXIT, explainError, writeLine } from "../output";
import { connect } from "./shared";

interface GdprExportOptions {
  output?: string;
}

export function registerGdprExport(candidates: Command) {
  candidates
    .command("gdpr-export")
    .description("everything Shortlist holds about one candidate, as one JSON document (GDPR export; audited)")
    .argument("<candidateId>", "the candidate (its id is on the candidate's page, or from candidates list)")
    .option("-o, --output <file>", "write the document to this file (mode 0600) instead of stdout")
    .addHelpText(
      "after",
      `
Needs an admin's or recruiter's API token. Exit codes: 0 written; 1 no such candidate or a malformed id;
2 could not go on (server unreachable, token refused or not allowed, file not writable).`,
    )
    .action((candidateId: string, options: GdprExportOptions) => gdprExport(candidateId, options));
}

async function gdprExport(candidateId: string, options: GdprExportOptions) {
  const { client, url } = connect();
  let document: unknown;
  try {
    document = await client.candidates.exportPersonalData.mutate({ id: candidateId });
  } catch (error) {
    throw explainError(error, url);
  }
  const json = `${JSON.stringify(document, null, 2)}\n`;
  if (options.output === undefined || options.output === "-") {
    await writeLine(process.stdout, json.trimEnd());
    return;
  }
  const target = resolve(options.output);
  // Personal data: readable by its owner only, and never left half-written under the name.
  const partial = `${target}.part`;
  try {
    await writeFile(partial, json, { mode: 0o600 });
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw new CliError(`Could not write ${target}: ${(error as Error).message}`, EXIT.fatal);
  }
  if (process.stderr.isTTY) process.stderr.write(`Wrote ${target}\n`);
}
