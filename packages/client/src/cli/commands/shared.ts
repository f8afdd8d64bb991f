import { stat } from "node:fs/promises";
import { InvalidArgumentError, Option, type Command } from "commander";
// The constants alone (no zod, no schemas): keeps the CLI quick to start.
import { APPLICATION_OUTCOMES, type ApplicationOutcome } from "@shortlist/db/constants";
import { createShortlistClient, type ShortlistClient } from "../../index";
import { loadCliConfig } from "../config";
import { CliError } from "../output";

export interface Connection {
  client: ShortlistClient;
  url: URL;
  /** For the plain HTTP routes (report PDFs), sent as `Authorization: Bearer`. */
  token: string;
}

/** Reads SHORTLIST_URL / SHORTLIST_TOKEN only when a command runs, so `--help` works without them. */
export function connect(): Connection {
  const { url, token } = loadCliConfig();
  // One call per HTTP request: the CLI never relies on tRPC's batching, and a big import batch stays one body.
  return { client: createShortlistClient({ url, token, maxBatchItems: 1 }), url, token };
}

export interface FilterOptions {
  outcome?: ApplicationOutcome;
  job?: string;
  company?: string;
  role?: string;
  tag?: string;
  domain?: string;
  search?: string;
}

export function addFilterOptions(command: Command, { search = true } = {}): Command {
  command
    .addOption(
      new Option("--outcome <outcome>", "only people with an application of this outcome").choices(
        APPLICATION_OUTCOMES,
      ),
    )
    .option("--job <id>", "only people who applied to this job")
    .option("--company <company>", "only people who applied at this company (any case)")
    .option("--role <role>", "only people who applied for this job title (any case)")
    .option("--tag <tag>", "only people with this tag")
    .option("--domain <domain>", "only people with this assessment domain");
  if (search)
    command.option("--search <text>", "name or email like this text: any case or accents, near spellings too");
  return command;
}

export const filtersOf = (options: FilterOptions) => ({
  outcome: options.outcome,
  jobId: options.job,
  company: options.company,
  role: options.role,
  tag: options.tag,
  domain: options.domain,
  search: options.search,
});

/** A commander argument parser for an integer in [min, max]. */
export function intIn(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`Use a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** The size of a file to import; a missing or unreadable file is a CliError (exit 2). */
export async function fileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CliError(`${file} is not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "ENOENT" ? `${file}: no such file` : `Cannot read ${file}: ${(error as Error).message}`,
    );
  }
}
