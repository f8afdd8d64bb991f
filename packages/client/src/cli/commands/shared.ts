import { stat } from "node:fs/promises";
import { InvalidArgumentError, Option, type Command } from "commander";
// The constants alone (no zod, no schemas): keeps the CLI quick to start.
import { CANDIDATE_STATUSES, type CandidateStatus } from "@shortlist/db/constants";
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
  status?: CandidateStatus;
  company?: string;
  role?: string;
  domain?: string;
  search?: string;
}

export function addFilterOptions(command: Command, { search = true } = {}): Command {
  command
    .addOption(new Option("--status <status>", "only candidates in this status").choices(CANDIDATE_STATUSES))
    .option("--company <company>", "only candidates applying at this company (exact)")
    .option("--role <role>", "only candidates applying for this role (exact)")
    .option("--domain <domain>", "only candidates with this assessment domain");
  if (search) command.option("--search <text>", "name or email contains this text");
  return command;
}

export const filtersOf = (options: FilterOptions) => ({
  status: options.status,
  company: options.company,
  role: options.role,
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
