import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream";
import { parse, type CsvError, type InfoRecord, type Options } from "csv-parse";
import { CliError, EXIT } from "../output";
import type { ImportSource, SourceRow } from "./batches";

/** The CSV columns, as in the header (snake_case; camelCase spellings are accepted too). */
export const CSV_COLUMNS = [
  "name",
  "email",
  "role",
  "company",
  "job_id",
  "tags",
  "assessment_domains",
  "recruiter_notes",
  "resume_url",
  "consent_given",
] as const;
/** Columns `shortlist candidates export --format csv` adds to inform; an import passes over them. */
export const CSV_EXPORT_ONLY_COLUMNS = ["id", "stage", "outcome", "created_at"] as const;
const REQUIRED = ["name", "email"] as const;
type Column = (typeof CSV_COLUMNS)[number];

const normalise = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
const BY_NORMALISED = new Map<string, Column>(CSV_COLUMNS.map((c) => [normalise(c), c]));
const EXPORT_ONLY = new Set<string>(CSV_EXPORT_ONLY_COLUMNS.map(normalise));

const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0", ""]);

/** What the export prefixes against formula injection (see ../csv-write.ts): a `'` before `= + - @`, a tab or a CR. */
const NEUTRALISED = /^'+[=+\-@\t\r]/;
const restore = (value: string) => (NEUTRALISED.test(value) ? value.slice(1) : value);

export interface CsvOptions {
  /** Refuse a header with a column this import does not know, instead of passing over it with a warning. */
  strict?: boolean;
  /** Told once, before the first row, which columns are passed over. */
  warn?: (message: string) => void;
}

export type Delimiter = "," | ";" | "\t";
const DELIMITERS: Delimiter[] = [",", ";", "\t"];

/**
 * The delimiter of a CSV file, from its header line (after a UTF-8 byte order mark): whichever of comma, semicolon
 * and tab occurs most outside quotes; a comma when none does.
 */
export function sniffDelimiter(start: string): Delimiter {
  const text = start.replace(/^\uFEFF/, "");
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char as Delimiter))
      counts.set(char as Delimiter, counts.get(char as Delimiter)! + 1);
  }
  let best: Delimiter = ",";
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

async function readStart(path: string, bytes = 64 * 1024): Promise<string> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await file.close();
  }
}

/** Line where a record starts: csv-parse counts the line where it ends, and quoted values may span lines. */
function startLine(raw: string | undefined, endLine: number): number {
  if (!raw) return endLine;
  const body = raw.replace(/^(\r?\n)+/, "");
  let breaks = 0;
  for (let i = body.indexOf("\n"); i !== -1; i = body.indexOf("\n", i + 1)) breaks++;
  if (body.endsWith("\n")) breaks--;
  return Math.max(1, endLine - Math.max(0, breaks));
}

/** Each header cell's column, or null for a column passed over (export-only, or unknown and not --strict). */
function headerColumns(record: string[], line: number, options: CsvOptions): (Column | null)[] {
  const unknown: string[] = [];
  const columns = record.map((header) => {
    const column = BY_NORMALISED.get(normalise(header));
    if (column) return column;
    if (!EXPORT_ONLY.has(normalise(header))) unknown.push(header);
    return null;
  });
  const list = unknown.map((h) => JSON.stringify(h)).join(", ");
  if (unknown.length && options.strict) {
    throw new CliError(
      `CSV line ${line}: unknown column${unknown.length > 1 ? "s" : ""} ${list} (--strict); the columns are ${CSV_COLUMNS.join(", ")}`,
      EXIT.fatal,
    );
  }
  const known = columns.filter((c): c is Column => c !== null);
  const duplicate = known.find((c, i) => known.indexOf(c) !== i);
  if (duplicate) throw new CliError(`CSV line ${line}: the column ${duplicate} appears twice`, EXIT.fatal);
  const missing = REQUIRED.filter((c) => !known.includes(c));
  if (missing.length) {
    throw new CliError(
      `CSV line ${line}: the header lacks ${missing.join(", ")}; the columns are ${CSV_COLUMNS.join(", ")}`,
      EXIT.fatal,
    );
  }
  if (unknown.length)
    options.warn?.(
      `ignoring the unknown column${unknown.length > 1 ? "s" : ""} ${list} (the columns are ${CSV_COLUMNS.join(", ")}; --strict refuses such a file)`,
    );
  return columns;
}

const splitList = (value: string) =>
  value
    .split(/[;|]/)
    .map((d) => d.trim())
    .filter(Boolean);

/** One CSV record as the candidate object `candidates.create` accepts, or why it cannot be one. */
function toCandidate(
  columns: (Column | null)[],
  values: string[],
): { data: Record<string, unknown> } | { reason: string } {
  if (values.length !== columns.length) {
    return { reason: `expected ${columns.length} columns (as in the header), found ${values.length}` };
  }
  const data: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    if (!column) continue;
    const value = restore(values[i]!);
    switch (column) {
      case "assessment_domains":
        data.assessmentDomains = splitList(value);
        break;
      case "tags":
        data.tags = splitList(value);
        break;
      case "role":
      case "company":
      case "job_id":
        // Left empty: a person filed under no job (role and company go together; the server says when one is missing).
        if (value.trim()) data[column === "job_id" ? "jobId" : column] = value.trim();
        break;
      case "recruiter_notes":
        if (value.trim()) data.recruiterNotes = value;
        break;
      case "resume_url":
        if (value.trim()) data.resumeUrl = value.trim();
        break;
      case "consent_given": {
        const flag = value.trim().toLowerCase();
        if (TRUE.has(flag)) data.consentGiven = true;
        else if (FALSE.has(flag)) data.consentGiven = false;
        else return { reason: `consent_given: use true or false (yes/no, 1/0), not ${JSON.stringify(value)}` };
        break;
      }
      default:
        data[column] = value;
    }
  }
  return { data };
}

interface ParsedRecord {
  values: string[];
  line: number;
  /** Records the parser produced before this one: orders skipped (malformed) records among the good ones. */
  seq: number;
}

/**
 * Streams a CSV file with a header line (see CSV_COLUMNS), delimited by commas, semicolons or tabs (told from the
 * header), with or without a UTF-8 byte order mark. assessment_domains and tags hold several values separated by `;`
 * or `|`; consent_given is true/false, yes/no or 1/0; a `'` the export put before `= + - @` is taken off. Unknown
 * columns are passed over with one warning (refused with `strict`). A record with the wrong number of columns becomes
 * an unreadable row, and parsing goes on; so does a quote never closed, reported with the lines it swallowed.
 */
export function readCsv(path: string, options: CsvOptions = {}): ImportSource {
  let bytes = 0;

  async function* rows(): AsyncGenerator<SourceRow> {
    let seq = 0;
    const malformed: { seq: number; line: number; reason: string }[] = [];
    const delimiter = sniffDelimiter(await readStart(path));
    const parser = parse({
      bom: true,
      delimiter,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      // With `raw`, each record arrives as { record, raw }; the raw text tells the line the record starts on.
      on_record: ((parsed: { record: string[] }, context: InfoRecord): ParsedRecord => {
        bytes = context.bytes;
        return { values: parsed.record, line: startLine(context.raw, context.lines), seq: seq++ };
      }) as unknown as Options["on_record"],
      // A stray quote inside an unquoted value is kept as a character; the record is then
      // checked like any other (a shifted column count is rejected with its line).
      relax_quotes: true,
      on_skip: (error: CsvError | undefined, raw: string | undefined) => {
        if (!error) return undefined;
        const context = error as CsvError & { raw?: string; lines?: number };
        const end = context.lines ?? 0;
        const line = startLine(context.raw ?? raw, end);
        const span = end > line ? ` (lines ${line}-${end} were read as this one record)` : "";
        malformed.push({
          seq,
          line,
          reason: `not valid CSV: ${error.message.replace(/ \(if activated\)/, "")}${span}`,
        });
        return undefined;
      },
    });
    const input = createReadStream(path);
    const records = pipeline(input, parser, () => {
      // Errors surface through the iteration below.
    });

    let columns: (Column | null)[] | null = null;
    const flushMalformed = function* (beforeSeq: number): Generator<SourceRow> {
      while (malformed.length && malformed[0]!.seq <= beforeSeq) {
        const { line, reason } = malformed.shift()!;
        yield { kind: "unreadable", line, reason };
      }
    };
    try {
      for await (const record of records as AsyncIterable<ParsedRecord>) {
        if (!columns) {
          columns = headerColumns(record.values, record.line, options);
          yield* flushMalformed(record.seq);
          continue;
        }
        yield* flushMalformed(record.seq);
        const candidate = toCandidate(columns, record.values);
        if ("reason" in candidate) {
          yield { kind: "unreadable", line: record.line, reason: candidate.reason };
        } else {
          const size = record.values.reduce((sum, v) => sum + v.length + 24, 16);
          yield { kind: "row", line: record.line, data: candidate.data, size };
        }
      }
      yield* flushMalformed(Number.POSITIVE_INFINITY);
    } finally {
      input.destroy();
      parser.destroy();
    }
  }

  return { rows: rows(), bytesRead: () => bytes };
}
