import { batchResult, mergeBatchResults, rowReason, type BatchResult } from "@shortlist/api/contract";

/** One row of an import file: the candidate object to send, or why the row could not even be read. */
export type SourceRow =
  | {
      kind: "row";
      /** 1-based line of the file where the row starts. */
      line: number;
      /** The candidate in the shape `candidates.create` accepts; the server validates it. */
      data: unknown;
      /** About how many bytes `data` takes as JSON, to keep each request under the server's body limit. */
      size: number;
    }
  | { kind: "unreadable"; line: number; reason: string };

export interface ImportSource {
  rows: AsyncIterable<SourceRow>;
  /** Bytes of the file consumed so far. */
  bytesRead(): number;
}

export type SendBatch = (rows: { line: number; data: unknown }[]) => Promise<BatchResult>;

export interface Rejection {
  line: number;
  reason: string;
}

/** What one batch came to; batches are reported one after another, in file order. */
export interface BatchReport {
  created: number;
  skipped: number;
  /** Rows the server refused and rows that could not be read, by line. */
  rejected: Rejection[];
  bytesRead: number;
}

export interface ImportTotals {
  rows: number;
  created: number;
  skipped: number;
  rejected: number;
}

export interface ImportOutcome {
  totals: ImportTotals;
  /** Set when the import stopped early; every batch reported before it is committed. */
  fatal: {
    error: unknown;
    /** "send": a batch failed for good; "read": the file could not be read further. */
    stage: "send" | "read";
    /** The lines of the batch that failed (send) or was being read (read), when known. */
    lines: [from: number, to: number] | null;
  } | null;
}

export interface BatchOptions {
  /** Rows per request (the server takes at most 1000). */
  batchSize: number;
  /** A batch is sent early once its rows add up to about this many bytes of JSON. */
  maxBatchBytes: number;
  send: SendBatch;
  /** Called once per batch, in file order; the next batch's report waits for it. */
  onBatch: (report: BatchReport, totals: ImportTotals) => Promise<void> | void;
}

interface PendingBatch {
  rows: { line: number; data: unknown }[];
  unreadable: Rejection[];
  bytes: number;
  firstLine: number;
  lastLine: number;
}

const emptyBatch = (): PendingBatch => ({ rows: [], unreadable: [], bytes: 0, firstLine: 0, lastLine: 0 });

/**
 * Reads the source and sends it in batches, pipelined: while one batch is in flight the
 * next one is read, and at most one request is outstanding, so memory holds about two
 * batches however long the file. Stops at the first batch that fails for good.
 */
export async function importInBatches(source: ImportSource, options: BatchOptions): Promise<ImportOutcome> {
  const totals: ImportTotals = { rows: 0, created: 0, skipped: 0, rejected: 0 };
  const state: { fatal: ImportOutcome["fatal"] } = { fatal: null };
  let inFlight: Promise<void> = Promise.resolve();
  let batch = emptyBatch();

  const settle = async (pending: PendingBatch) => {
    let result: BatchResult;
    try {
      result = pending.rows.length ? await options.send(pending.rows) : batchResult([]);
    } catch (error) {
      state.fatal = { error, stage: "send", lines: [pending.firstLine, pending.lastLine] };
      return;
    }
    const refused = result.results
      .filter((r) => r.outcome === "rejected")
      .map((r) => ({ line: r.line, reason: rowReason(r) }));
    const rejected = [...pending.unreadable, ...refused].sort((a, b) => a.line - b.line);
    totals.rows += pending.rows.length + pending.unreadable.length;
    totals.created += result.created;
    totals.skipped += result.skipped;
    totals.rejected += rejected.length;
    await options.onBatch(
      { created: result.created, skipped: result.skipped, rejected, bytesRead: source.bytesRead() },
      { ...totals },
    );
  };

  const dispatch = async () => {
    const pending = batch;
    batch = emptyBatch();
    // One request at a time, in file order: wait for the previous one before sending this one.
    await inFlight;
    if (state.fatal) return;
    inFlight = settle(pending).catch((error: unknown) => {
      // Reporting failed (e.g. stdout closed): stop like any fatal error.
      state.fatal ??= { error, stage: "send", lines: [pending.firstLine, pending.lastLine] };
    });
  };

  try {
    for await (const row of source.rows) {
      if (state.fatal) break;
      if (!batch.firstLine) batch.firstLine = row.line;
      batch.lastLine = row.line;
      if (row.kind === "row") {
        batch.rows.push({ line: row.line, data: row.data });
        batch.bytes += row.size;
      } else {
        batch.unreadable.push({ line: row.line, reason: row.reason });
      }
      const full =
        batch.rows.length >= options.batchSize ||
        batch.bytes >= options.maxBatchBytes ||
        // A file of unreadable lines must not pile up in memory either.
        batch.unreadable.length >= options.batchSize;
      if (full) await dispatch();
    }
    if (!state.fatal && (batch.rows.length || batch.unreadable.length)) await dispatch();
  } catch (error) {
    // The file cannot be read on: what was read before is fine, so send it, then stop.
    if (!state.fatal && (batch.rows.length || batch.unreadable.length)) await dispatch();
    await inFlight;
    state.fatal ??= { error, stage: "read", lines: null };
  }
  await inFlight;
  return { totals, fatal: state.fatal };
}

export interface ResilienceOptions {
  /** How often a batch is sent again after a transient failure (the server is idempotent: present rows are skipped). */
  retries: number;
  /** Whether an error is worth another try (connection reset, database briefly unavailable, ...). */
  isTransient: (error: unknown) => boolean;
  /** Whether the server refused the request body as too large. */
  isTooLarge: (error: unknown) => boolean;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Waits between tries, growing: 0.5 s, 1 s, 2 s, 4 s, ... */
  baseDelayMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes `send` survive what a long import meets: a transient failure is retried (re-sending
 * a batch is safe, rows already saved come back as skipped), and a batch over the server's
 * body limit is split in halves until it fits; a single row too large is rejected on its own.
 */
export function resilientSend(send: SendBatch, options: ResilienceOptions): SendBatch {
  const baseDelay = options.baseDelayMs ?? 500;
  const withRetries: SendBatch = async (rows) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send(rows);
      } catch (error) {
        if (attempt > options.retries || !options.isTransient(error)) throw error;
        const delay = baseDelay * 2 ** (attempt - 1);
        options.onRetry?.(error, attempt, delay);
        await sleep(delay);
      }
    }
  };
  const split: SendBatch = async (rows) => {
    try {
      return await withRetries(rows);
    } catch (error) {
      if (!options.isTooLarge(error)) throw error;
      if (rows.length === 1) {
        const line = rows[0]!.line;
        return batchResult([
          {
            line,
            outcome: "rejected",
            problems: [{ line, path: "(input)", message: "the row is larger than the server accepts in one request" }],
          },
        ]);
      }
      const half = Math.ceil(rows.length / 2);
      const first = await split(rows.slice(0, half));
      const second = await split(rows.slice(half));
      return mergeBatchResults(first, second);
    }
  };
  return split;
}
