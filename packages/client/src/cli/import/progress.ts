import cliProgress from "cli-progress";
import type { ImportTotals } from "./batches";

export interface Progress {
  /** Bytes of the file read so far, and what the batches came to. */
  update(bytesRead: number, totals: ImportTotals): void;
  /** A line of the report (stdout): written above the bar while one is drawn on the same terminal. */
  report(line: string): Promise<void>;
  /** A diagnostic (stderr), e.g. a retry: above the bar while one is drawn. */
  notice(line: string): void;
  stop(): void;
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const count = (n: number) => n.toLocaleString("en-US");

/**
 * A bar on stderr when stderr is a terminal; otherwise a progress line on stderr every
 * 10% of the file (at most every 2 s, at least every 30 s), for logs and CI.
 */
export function createProgress(totalBytes: number, writeReport: (line: string) => Promise<void>): Progress {
  const stderr = process.stderr;
  const total = Math.max(totalBytes, 1);
  if (stderr.isTTY) {
    const bars = new cliProgress.MultiBar(
      {
        stream: stderr,
        format:
          " {bar} {percentage}% | {read} of {size} | {rows} rows: {created} created, {skipped} skipped, {rejected} rejected | ETA {eta_formatted}",
        barCompleteChar: "█",
        barIncompleteChar: "░",
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    const payload = (bytes: number, t: ImportTotals) => ({
      read: mb(bytes),
      size: mb(total),
      rows: count(t.rows),
      created: count(t.created),
      skipped: count(t.skipped),
      rejected: count(t.rejected),
    });
    const bar = bars.create(total, 0, payload(0, { rows: 0, created: 0, skipped: 0, rejected: 0 }));
    // Report lines go to stdout; when stdout is this same terminal, write them above the bar instead.
    const sameTerminal = process.stdout.isTTY;
    return {
      update: (bytes, t) => bar.update(Math.min(bytes, total), payload(bytes, t)),
      report: async (line) => (sameTerminal ? bars.log(`${line}\n`) : writeReport(line)),
      notice: (line) => bars.log(`${line}\n`),
      stop: () => bars.stop(),
    };
  }

  let nextPercent = 10;
  const started = Date.now();
  let lastAt = started;
  return {
    update(bytes, t) {
      const percent = Math.floor((Math.min(bytes, total) / total) * 100);
      const now = Date.now();
      const due = (percent >= nextPercent && now - lastAt >= 2_000) || now - lastAt >= 30_000;
      if (!due || percent >= 100) return;
      lastAt = now;
      nextPercent = Math.floor(percent / 10) * 10 + 10;
      const seconds = Math.max((now - started) / 1000, 0.001);
      stderr.write(
        `progress: ${percent}% (${mb(bytes)} of ${mb(total)}), ${count(t.rows)} rows: ` +
          `${count(t.created)} created, ${count(t.skipped)} skipped, ${count(t.rejected)} rejected ` +
          `(${count(Math.round(t.rows / seconds))} rows/s)\n`,
      );
    },
    report: writeReport,
    notice: (line) => void stderr.write(`${line}\n`),
    stop: () => {},
  };
}
