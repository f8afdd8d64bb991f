import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { CliError, EXIT, explainError, writeLine } from "../output";
import { connect } from "./shared";

interface PdfOptions {
  output?: string;
}

export function registerReportsPdf(reports: Command) {
  reports
    .command("pdf")
    .description("download a report's PDF")
    .argument("<reportId>", "the report (its id is on the candidate's page, or from reports.generate)")
    .option(
      "-o, --output <file>",
      "where to write it: a file, a folder, or - for stdout (default: the server's file name, here)",
    )
    .addHelpText(
      "after",
      `
Prints the path of the file written. Exit codes: 0 written; 1 no such report;
2 could not go on (server unreachable, token refused, file not writable).`,
    )
    .action((reportId: string, options: PdfOptions) => downloadPdf(reportId, options));
}

async function isDirectory(path: string) {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The server's JSON error ({ error: { code, message } }), or the status line. */
async function failure(response: Response): Promise<CliError> {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.message) message = `${body.error.code ?? response.status}: ${body.error.message}`;
  } catch {
    // not JSON: keep the status line
  }
  if (response.status === 401) {
    return new CliError(
      `${message}\nThe server did not accept SHORTLIST_TOKEN: it may be mistyped or revoked.`,
      EXIT.fatal,
    );
  }
  return new CliError(
    `Could not download the PDF: ${message}`,
    response.status === 404 || response.status === 400 ? EXIT.rejected : EXIT.fatal,
  );
}

async function downloadPdf(reportId: string, options: PdfOptions) {
  const { client, url, token } = connect();
  let info;
  try {
    info = await client.reports.pdfInfo.query({ id: reportId });
  } catch (error) {
    throw explainError(error, url);
  }

  let response: Response;
  try {
    response = await fetch(new URL(info.downloadPath, url), { headers: { Authorization: `Bearer ${token}` } });
  } catch (error) {
    throw explainError(error, url);
  }
  if (!response.ok || !response.body) throw await failure(response);
  const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);

  if (options.output === "-") {
    await pipeline(body, process.stdout);
    return;
  }
  const target = resolve(
    options.output === undefined
      ? info.fileName
      : (await isDirectory(options.output))
        ? join(options.output, info.fileName)
        : options.output,
  );
  // Written beside the target and renamed when complete: an interrupted download leaves no half PDF under the name.
  const partial = `${target}.part`;
  try {
    await pipeline(body, createWriteStream(partial));
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw new CliError(`Could not write ${target}: ${(error as Error).message}`, EXIT.fatal);
  }
  await writeLine(process.stdout, target);
}
