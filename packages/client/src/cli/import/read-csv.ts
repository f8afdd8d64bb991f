import { createReadStream } from "node:fs";
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
  "assessment_domains",
  "recruiter_notes",
  "resume_url",
  "consent_given",
] as const;
const REQUIRED = ["name", "email", "role", "company"] as const;
type Column = (typeof CSV_COLUMNS)[number];

const normalise = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
const BY_NORMALISED = new Map<string, Column>(CSV_COLUMNS.map((c) => [normalise(c), c]));

const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0", ""]);

/** Line where a record starts: csv-parse counts the line where it ends, and quoted values may span lines. */
function startLine(raw: string | undefined, endLine: number): number {
  if (!raw) return endLine;
  const body = raw.replace(/^(\r?\n)+/, "");
  let breaks = 0;
  for (let i = body.indexOf("\n"); i !== -1; i = body.indexOf("\n", i + 1)) breaks++;
  if (body.endsWith("\n")) breaks--;
  return Math.max(1, endLine - Math.max(0, breaks));
}

function headerColumns(record: string[], line: number): Column[] {
  const columns = record.map((header) => {
    const column = BY_NORMALISED.get(normalise(header));
    if (!column) {
      throw new CliError(
        `CSV line ${line}: unknown column ${JSON.stringify(header)}; the columns are ${CSV_COLUMNS.join(", ")}`,
        EXIT.fatal,
      );
    }
    return column;
  });
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate) throw new CliError(`CSV line ${line}: the column ${duplicate} appears twice`, EXIT.fatal);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) {
    throw new CliError(
      `CSV line ${line}: the header lacks ${missing.join(", ")}; the columns are ${CSV_COLUMNS.join(", ")}`,
      EXIT.fatal,
    );
  }
  return columns;
}

/** One CSV record as the candidate object `candidates.create` accepts, or why it cannot be one. */
function toCandidate(columns: Column[], values: string[]): { data: Record<string, unknown> } | { reason: string } {
  if (values.length !== columns.length) {
    return { reason: `expected ${columns.length} columns (as in the header), found ${values.length}` };
  }
  const data: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) {
    const value = values[i]!;
    switch (columns[i]) {
      case "assessment_domains":
        data.assessmentDomains = value
          .split(/[;|]/)
          .map((d) => d.trim())
          .filter(Boolean);
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
        data[columns[i]!] = value;
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
 * Streams a CSV file with a header line (see CSV_COLUMNS). assessment_domains holds several
 * domains separated by `;` or `|`; consent_given is true/false, yes/no or 1/0. A record with
 * the wrong number of columns becomes an unreadable row, and parsing goes on; so does a quote
 * never closed, reported with the lines it swallowed.
 */
export function readCsv(path: string): ImportSource {
  let bytes = 0;

  async function* rows(): AsyncGenerator<SourceRow> {
    let seq = 0;
    const malformed: { seq: number; line: number; reason: string }[] = [];
    const parser = parse({
      bom: true,
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

    let columns: Column[] | null = null;
    const flushMalformed = function* (beforeSeq: number): Generator<SourceRow> {
      while (malformed.length && malformed[0]!.seq <= beforeSeq) {
        const { line, reason } = malformed.shift()!;
        yield { kind: "unreadable", line, reason };
      }
    };
    try {
      for await (const record of records as AsyncIterable<ParsedRecord>) {
        if (!columns) {
          columns = headerColumns(record.values, record.line);
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
