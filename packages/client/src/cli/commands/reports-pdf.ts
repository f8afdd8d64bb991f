import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { reportPdfPath, type ErrorData } from "@shortlist/api/schemas";
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

/**
 * The server's refusal, read as tRPC's error envelope (`{ error: { json: { message, data } } }`, the same shape
 * as any procedure's error): what happened is its data.reason; the message is for the person reading.
 */
async function failure(response: Response): Promise<CliError> {
  let message = `${response.status} ${response.statusText}`;
  let reason: ErrorData["reason"] | null = null;
  try {
    const body = (await response.json()) as { error?: { json?: { message?: string; data?: Partial<ErrorData> } } };
    const error = body.error?.json;
    if (error?.message) message = `${error.data?.code ?? response.status}: ${error.message}`;
    reason = error?.data?.reason ?? null;
  } catch {
    // not JSON: keep the status line
  }
  if (reason === "unauthenticated" || (reason === null && response.status === 401)) {
    return new CliError(
      `${message}\nThe server did not accept SHORTLIST_TOKEN: it may be mistyped or revoked.`,
      EXIT.fatal,
    );
  }
  return new CliError(
    `Could not download the PDF: ${message}`,
    reason === "not_found" || reason === "invalid_input" ? EXIT.rejected : EXIT.fatal,
  );
}

/** The file name the server gives (Content-Disposition), reduced to a plain name: never a path. */
function attachmentName(response: Response, reportId: string): string {
  const header = response.headers.get("content-disposition") ?? "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(header)?.[1];
  let name = plain ?? "";
  try {
    if (encoded) name = decodeURIComponent(encoded);
  } catch {
    // a malformed encoding: keep the plain name
  }
  name = basename(name.replace(/\\/g, "/"));
  return name && name !== "." && name !== ".." ? name : `shortlist-report-${reportId}.pdf`;
}

async function downloadPdf(reportId: string, options: PdfOptions) {
  const { url, token } = connect();
  // One request, the URL built as the server and the SPA build it: the server loads the report once.
  let response: Response;
  try {
    response = await fetch(new URL(reportPdfPath.build({ id: reportId }), url), {
      headers: { Authorization: `Bearer ${token}` },
    });
  } catch (error) {
    throw explainError(error, url);
  }
  if (!response.ok || !response.body) throw await failure(response);
  const fileName = attachmentName(response, reportId);
  const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);

  if (options.output === "-") {
    await pipeline(body, process.stdout);
    return;
  }
  const target = resolve(
    options.output === undefined
      ? fileName
      : (await isDirectory(options.output))
        ? join(options.output, fileName)
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
