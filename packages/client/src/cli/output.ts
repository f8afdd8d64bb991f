import { once } from "node:events";
import type { Writable } from "node:stream";
import { ordinal, percent, RECOMMENDATION_LABEL } from "@shortlist/api/schemas";
import {
  describeError,
  errorCodeOf,
  isUnreachable,
  networkErrorCodeOf,
  type CandidateDTO,
  type RouterOutputs,
} from "../index";

/** 0: done. 1: done, but the server refused some input (rejected rows, invalid fields). 2: fatal, nothing more could be done. */
export const EXIT = { ok: 0, rejected: 1, fatal: 2 } as const;

/** An error the CLI explains itself: printed as is, exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.fatal,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Writes one line, waiting for the stream to drain when its buffer is full (stdout piped into a slow reader). */
export async function writeLine(stream: Writable, line: string): Promise<void> {
  if (!stream.write(`${line}\n`)) await once(stream, "drain");
}

/** `shortlist ... | head` closes the pipe early: that is not an error, just stop. */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
    throw error;
  });
}

const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(2, "0");

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text for a terminal: C0 and C1 control characters (escape sequences that clear the screen, colour
 * text or set the window title) are shown as visible `\xNN` instead of acting on the terminal.
 * `multiLine` keeps line feeds (messages of several lines).
 */
export const terminalSafe = (text: string, { multiLine = false } = {}) =>
  text.replace(multiLine ? CONTROL_BUT_NEWLINE : CONTROL, (c) => `\\x${hex(c)}`);

/** A JSON line: dates as ISO strings. JSON escapes C0 itself; DEL and C1 are escaped too. */
export const jsonLine = (value: unknown) => JSON.stringify(value).replace(/[\u007f-\u009f]/g, (c) => `\\u00${hex(c)}`);

/** JSON line of a candidate. */
export const candidateJson = (candidate: CandidateDTO) => jsonLine(candidate);

/** JSON line of a report. */
export const reportJson = (report: ReportRow) => jsonLine(report);

/** Server answers that mean the input was refused (exit 1); anything else a command cannot get past is fatal (exit 2). */
const INPUT_CODES = new Set(["BAD_REQUEST", "CONFLICT", "NOT_FOUND", "PRECONDITION_FAILED", "PAYLOAD_TOO_LARGE"]);

/** A failed call explained for a person: what went wrong and what to do about it. */
export function explainError(error: unknown, url: URL): CliError {
  if (error instanceof CliError) return error;
  if (isUnreachable(error)) {
    const cause = networkErrorCodeOf(error);
    return new CliError(
      `Could not reach Shortlist at ${url.origin}${cause ? ` (${cause})` : ""}: is the server running there? ` +
        "Set SHORTLIST_URL to where it runs.",
      EXIT.fatal,
    );
  }
  const code = errorCodeOf(error);
  const line = describeError(error);
  if (code === "UNAUTHORIZED") {
    return new CliError(
      `${line}\nThe server did not accept SHORTLIST_TOKEN: it may be mistyped or revoked. ` +
        "Create a new one in the API tokens screen of Shortlist.",
      EXIT.fatal,
    );
  }
  return new CliError(line, code && INPUT_CODES.has(code) ? EXIT.rejected : EXIT.fatal);
}

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  /** Longer values are cut with an ellipsis. */
  max: number;
}

/**
 * A plain text table. Widths come from the first rows it sees and then stay put,
 * so pages printed one after another line up.
 */
export class Table<T> {
  private widths: number[] | null = null;

  constructor(private readonly columns: Column<T>[]) {}

  /** The header (on the first call) and one line per row. */
  format(rows: T[]): string[] {
    const cells = rows.map((row) => this.columns.map((c) => clean(c.value(row))));
    const lines: string[] = [];
    if (!this.widths) {
      this.widths = this.columns.map((c, i) =>
        Math.min(c.max, Math.max(c.header.length, ...cells.map((r) => r[i]!.length))),
      );
      lines.push(this.line(this.columns.map((c) => c.header)));
    }
    for (const row of cells) lines.push(this.line(row));
    return lines;
  }

  private line(cells: string[]): string {
    return cells
      .map((cell, i) => fit(cell, this.widths![i]!, i === cells.length - 1))
      .join("  ")
      .trimEnd();
  }
}

const clean = (text: string) => terminalSafe(text.replace(/[\r\n\t]+/g, " "));

function fit(text: string, width: number, last: boolean): string {
  if (text.length > width) return `${text.slice(0, Math.max(0, width - 1))}…`;
  return last ? text : text.padEnd(width);
}

/** A row of `candidates.list`: the person and their applications, most recently active first. */
export type CandidateListItem = RouterOutputs["candidates"]["list"]["items"][number];

const latestJob = (c: CandidateListItem) => c.applications[0];

export const candidateColumns: Column<CandidateListItem>[] = [
  { header: "ID", value: (c) => c.id, max: 36 },
  { header: "NAME", value: (c) => c.name, max: 28 },
  { header: "EMAIL", value: (c) => c.email, max: 34 },
  {
    header: "JOB",
    value: (c) => {
      const job = latestJob(c);
      if (!job) return "";
      const more = c.applications.length > 1 ? ` (+${c.applications.length - 1})` : "";
      return `${job.jobTitle} at ${job.company}${more}`;
    },
    max: 36,
  },
  {
    header: "STAGE",
    value: (c) => {
      const job = latestJob(c);
      if (!job) return "";
      return job.outcome === "active" ? job.stageName : `${job.stageName} (${job.outcome})`;
    },
    max: 24,
  },
  { header: "ADDED", value: (c) => c.createdAt.toISOString().slice(0, 10), max: 10 },
];

/** A report as both report lists give it; the latest-per-candidate list adds who and which job. */
export type ReportRow = RouterOutputs["reports"]["listForCandidate"][number] &
  Partial<Pick<RouterOutputs["reports"]["listLatest"][number], "candidateName" | "role" | "company">>;

const minute = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

export const reportColumns: Column<ReportRow>[] = [
  { header: "ID", value: (r) => r.id, max: 36 },
  { header: "CANDIDATE", value: (r) => r.candidateName ?? r.candidateId, max: 28 },
  { header: "ROLE", value: (r) => r.role ?? "", max: 24 },
  { header: "COMPANY", value: (r) => r.company ?? "", max: 20 },
  { header: "RECOMMENDATION", value: (r) => RECOMMENDATION_LABEL[r.recommendation], max: 14 },
  { header: "CONFIDENCE", value: (r) => percent(r.confidence), max: 10 },
  {
    header: "PERCENTILE",
    value: (r) =>
      r.percentile === null || r.percentileSampleSize === null
        ? "—"
        : `${ordinal(r.percentile)} among ${r.percentileSampleSize}`,
    max: 16,
  },
  { header: "GENERATED (UTC)", value: (r) => minute(r.generatedAt), max: 16 },
];

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
