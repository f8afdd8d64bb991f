/**
 * `shortlist admissions export <cycle> [--out file] [--batch id]` and `shortlist admissions import-results <cycle>
 * <file>`: a batch of anonymized applications for outside evaluators, and their results back (JSON Lines).
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";
import { batchFilePath, type ErrorData } from "@shortlist/api/schemas";
import type { Command } from "commander";
import type { ShortlistClient } from "../../index";
import { importInBatches, type ImportTotals } from "../import/batches";
import { createProgress } from "../import/progress";
import { serverSend } from "../import/server-send";
import { readJsonl } from "../import/read-jsonl";
import { CliError, EXIT, explainError, plural, terminalSafe, writeLine } from "../output";
import { connect, fileSize, intIn } from "./shared";

/** Rows per importResults call (the server takes up to 2,000). */
const RESULT_ROWS = 1_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ExportOptions {
  out?: string;
  batch?: string;
}

interface ImportOptions {
  batchSize: number;
  retries: number;
}

export function registerAdmissions(admissions: Command) {
  admissions
    .command("export")
    .description("export a batch of the cycle's anonymized applications (JSON Lines) and download it, checked")
    .argument("<cycle>", "the cycle's id or its slug (the address of its form, /apply/<slug>)")
    .option("--out <file>", "where to write the file (default: the server's file name, here)")
    .option("--batch <id>", "download this batch of the cycle again instead of exporting a new one")
    .addHelpText(
      "after",
      `
The cycle must be in BATCH_PREP (admins). One line per application: its number, anonymized answers,
metrics, contentHash and the criteria to score. The file's SHA-256 is checked against the batch's
record before it is kept. Prints the batch id, its rows, the SHA-256 and the file.

Exit codes: 0 written and verified; 1 refused (wrong phase, no such cycle or batch);
2 could not go on (server unreachable, token refused, file not writable, hash mismatch).`,
    )
    .action((cycle: string, options: ExportOptions) => exportBatch(cycle, options));

  admissions
    .command("import-results")
    .description("import worker and judge results (JSON Lines), streamed in chunks; safe to re-run")
    .argument("<cycle>", "the cycle's id or its slug")
    .argument("<file>", "a .jsonl file: one worker or judge result per line")
    .option("--batch-size <n>", `lines per request (1-${RESULT_ROWS})`, intIn(1, RESULT_ROWS), RESULT_ROWS)
    .option("--retries <n>", "tries again after a dropped connection or a busy database (0-10)", intIn(0, 10), 3)
    .addHelpText(
      "after",
      `
Lines (docs/admissions.md), in a cycle in PROCESSING:
  {"kind":"worker","batchId":"…","applicationId":"…","evaluatorId":"model-a","contentHash":"…",
   "scores":{"clarity":7,"impact":8},"rationale":"…"}
  {"kind":"judge","batchId":"…","applicationId":"…","evaluatorId":"model-a","judgeId":"judge-1",
   "verdict":"accept|adjust|reject","adjustedScores":{"impact":9},"reason":"…"}
Each line is imported, skipped (already there) or rejected on its own; rejected lines are printed as
"line N: reason". A judge line needs its worker's line before it (or imported earlier).

Exit codes: 0 every line imported or skipped; 1 lines rejected; 2 the import could not go on:
chunks reported before that are saved, and running the same command again skips them.`,
    )
    .action((cycle: string, file: string, options: ImportOptions) => importResults(cycle, file, options));
}

/** The cycle's id: given as one, or found by its slug among the cycles. */
async function cycleIdOf(client: ShortlistClient, cycle: string): Promise<string> {
  if (UUID.test(cycle)) return (await client.admissions.cycles.get.query({ cycleId: cycle })).id;
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof client.admissions.cycles.list.query>> =
      await client.admissions.cycles.list.query({ limit: 100, cursor });
    const found = page.items.find((c) => c.slug === cycle);
    if (found) return found.id;
    cursor = page.nextCursor;
  } while (cursor);
  throw new CliError(`No admission cycle has the slug ${terminalSafe(cycle)}`, EXIT.rejected);
}

/** A refusal of the file route, read from tRPC's error envelope (as any procedure's error). */
async function downloadFailure(response: Response): Promise<CliError> {
  let message = `${response.status} ${response.statusText}`;
  let reason: ErrorData["reason"] | null = null;
  try {
    const body = (await response.json()) as { error?: { json?: { message?: string; data?: Partial<ErrorData> } } };
    if (body.error?.json?.message) message = body.error.json.message;
    reason = body.error?.json?.data?.reason ?? null;
  } catch {
    // not JSON: keep the status line
  }
  const input = reason === "not_found" || reason === "invalid_input";
  return new CliError(`Could not download the batch: ${terminalSafe(message)}`, input ? EXIT.rejected : EXIT.fatal);
}

/** The file name the server gives (Content-Disposition), reduced to a plain name: never a path. */
function attachmentName(response: Response, batchId: string): string {
  const given = /filename="?([^";]+)"?/i.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "";
  const name = basename(given.replace(/\\/g, "/"));
  return /^[\w.-]+\.jsonl$/.test(name) ? name : `batch-${batchId}.jsonl`;
}

/** Streams the file to `target` (through a `.part` file), hashing it on the way; answers the SHA-256. */
async function downloadTo(response: Response, target: string): Promise<{ partial: string; digest: string }> {
  const hash = createHash("sha256");
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const partial = `${target}.part`;
  try {
    await pipeline(Readable.fromWeb(response.body as ReadableStream<Uint8Array>), hashing, createWriteStream(partial));
  } catch (error) {
    await rm(partial, { force: true });
    throw new CliError(`Could not write ${target}: ${(error as Error).message}`);
  }
  return { partial, digest: hash.digest("hex") };
}

async function exportBatch(cycle: string, options: ExportOptions) {
  const { client, url, token } = connect();
  let batch: Awaited<ReturnType<typeof client.admissions.exportBatch.mutate>>;
  try {
    const cycleId = await cycleIdOf(client, cycle);
    if (options.batch) {
      const found = (await client.admissions.batches.query({ cycleId })).find((b) => b.id === options.batch);
      if (!found) throw new CliError(`The cycle has no batch ${terminalSafe(options.batch)}`, EXIT.rejected);
      batch = found;
    } else {
      batch = await client.admissions.exportBatch.mutate({ cycleId });
    }
  } catch (error) {
    throw explainError(error, url);
  }

  let response: Response;
  try {
    response = await fetch(new URL(batchFilePath.build({ batchId: batch.id }), url), {
      headers: { Authorization: `Bearer ${token}` },
    });
  } catch (error) {
    throw explainError(error, url);
  }
  if (!response.ok || !response.body) throw await downloadFailure(response);
  const target = resolve(options.out ?? attachmentName(response, batch.id));
  const { partial, digest } = await downloadTo(response, target);
  if (digest !== batch.fileHash) {
    await rm(partial, { force: true });
    throw new CliError(
      `The downloaded file's SHA-256 (${digest}) is not the batch's (${batch.fileHash}); nothing was kept. Try again with --batch ${batch.id}.`,
    );
  }
  await rename(partial, target);
  for (const line of [
    `batch ${batch.id}`,
    `rows ${batch.rowCount}`,
    `sha256 ${batch.fileHash}`,
    `file ${terminalSafe(target)}`,
  ])
    await writeLine(process.stdout, line);
  if (process.stderr.isTTY)
    process.stderr.write(`Exported ${plural(batch.rowCount, "application")} to ${basename(target)}, verified.\n`);
}

const summary = (t: ImportTotals) =>
  `${plural(t.created, "created", "created")}, ${plural(t.skipped, "skipped", "skipped")} (already imported), ` +
  `${plural(t.rejected, "rejected", "rejected")}`;

async function importResults(cycle: string, file: string, options: ImportOptions) {
  const size = await fileSize(file);
  const { client, url } = connect();
  let cycleId: string;
  try {
    cycleId = await cycleIdOf(client, cycle);
  } catch (error) {
    throw explainError(error, url);
  }
  const report = (line: string) => writeLine(process.stdout, line);
  const progress = createProgress(size, report);
  const send = serverSend(
    async (rows) => {
      const result = await client.admissions.importResults.mutate({
        cycleId,
        rows: rows.map(({ line, data }) => ({ ...(data as Record<string, unknown>), line })),
      });
      return result;
    },
    { retries: options.retries, url, notice: (text) => progress.notice(text) },
  );
  const outcome = await importInBatches(readJsonl(file, { what: "a worker or judge result" }), {
    batchSize: options.batchSize,
    maxBatchBytes: 768 * 1024,
    send,
    onBatch: async (batch, totals) => {
      for (const { line, reason } of batch.rejected) await progress.report(`line ${line}: ${terminalSafe(reason)}`);
      progress.update(batch.bytesRead, totals);
    },
  });
  progress.stop();
  if (outcome.fatal) {
    const { error, stage, lines } = outcome.fatal;
    const reason =
      stage === "read" && !(error instanceof CliError)
        ? `Could not read ${file}: ${(error as Error).message}`
        : explainError(error, url).message;
    await report(`Stopped: ${summary(outcome.totals)}`);
    process.stderr.write(
      `\nThe import stopped${lines ? ` at lines ${lines[0]}-${lines[1]}` : ""}: ${terminalSafe(reason, { multiLine: true })}\n` +
        "Lines reported before that are saved; run the same command again for the rest (imported lines are skipped).\n",
    );
    process.exitCode = EXIT.fatal;
    return;
  }
  await report(`Done: ${summary(outcome.totals)}`);
  process.exitCode = outcome.totals.rejected ? EXIT.rejected : EXIT.ok;
}
