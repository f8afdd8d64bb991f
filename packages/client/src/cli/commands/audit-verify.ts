import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { CliError, EXIT, explainError, terminalSafe, writeLine } from "../output";
import { connect } from "./shared";

interface VerifyOptions {
  checkpoint?: string;
}

interface CheckpointFile {
  seq: number;
  hash: string;
  at: string;
  signature: string;
}

export function registerAuditVerify(audit: Command) {
  audit
    .command("verify")
    .description("recompute the audit chain on the server; with --checkpoint, prove it still holds that signed head")
    .option("--checkpoint <file>", "a checkpoint JSON file ({ seq, hash, at, signature }) this server signed earlier")
    .addHelpText(
      "after",
      `
Needs an admin's API token. Exit codes: 0 the chain verifies (and holds the checkpoint); 1 the chain is
broken (the first broken event's number and why: edited, missing, inserted, reordered) or the checkpoint's
signature is not this server's; 2 could not go on (server unreachable, token refused, unreadable file).`,
    )
    .action((options: VerifyOptions) => verify(options));
}

async function readCheckpoint(file: string): Promise<CheckpointFile> {
  const path = resolve(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new CliError(`Could not read the checkpoint ${path}: ${(error as Error).message}`, EXIT.fatal);
  }
  const c = parsed as Partial<CheckpointFile> | null;
  const problems = [
    !Number.isSafeInteger(c?.seq) && "seq (a whole number)",
    !(typeof c?.hash === "string" && /^[0-9a-f]{64}$/.test(c.hash)) && "hash (64 hex digits)",
    typeof c?.at !== "string" && "at (an ISO 8601 time)",
    typeof c?.signature !== "string" && "signature (base64)",
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new CliError(`${path} is not a checkpoint: it needs ${problems.join(", ")}`, EXIT.fatal);
  }
  return { seq: c!.seq!, hash: c!.hash!, at: c!.at!, signature: c!.signature! };
}

async function verify(options: VerifyOptions) {
  const checkpoint = options.checkpoint ? await readCheckpoint(options.checkpoint) : undefined;
  const { client, url } = connect();
  let result: Awaited<ReturnType<typeof client.audit.verify.query>>;
  try {
    result = await client.audit.verify.query(checkpoint ? { checkpoint } : {});
  } catch (error) {
    throw explainError(error, url);
  }
  if (!result.ok) {
    throw new CliError(
      `The audit chain is broken at event ${result.brokenAt} (${result.why}): ${terminalSafe(result.detail)}`,
      EXIT.rejected,
    );
  }
  const held = checkpoint ? `; it still holds the checkpoint signed at ${checkpoint.at} (event ${checkpoint.seq})` : "";
  await writeLine(
    process.stdout,
    `The audit chain verifies: ${result.count} events, head ${result.lastSeq} ${result.lastHash}${held}`,
  );
}
