/**
 * The batch download (`GET /api/admissions/batches/:id/file`, streamed and hashed by the client as it arrives)
 * against `COPY (select … the same rows' columns …) TO STDOUT`, also streamed and hashed, in rounds (each side first
 * in every other round). During each timed download the RSS of the bench's process, which runs the server (and the
 * client), is sampled every RSS_SAMPLE_MS from a GC'd start: its peak over its size before. The RSS alone can stay
 * put while memory is taken (a process that already holds freed pages reuses them), so one more, untimed download
 * collects garbage every LIVE_SAMPLE_MS and records the live memory (V8's heap in use plus Buffers): a server that
 * kept the file would show it there.
 */
import { createHash } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { readText, send } from "./admissions-http";
import type { ScenarioContext } from "./context";

export interface ExportSide {
  seconds: number;
  rowsPerSec: number;
  bytes: number;
}

export interface ExportRound {
  download: ExportSide & { rssBeforeMiB: number; rssPeakMiB: number; rssGrowthMiB: number };
  copy: ExportSide;
  /** The download's rows/s over COPY's. */
  ratio: number;
}

export interface ExportResult {
  rows: number;
  batchId: string;
  fileMiB: number;
  /** Seconds `admissions.exportBatch` took (records the batch and hashes its file by walking its lines). */
  exportBatchSeconds: number;
  /**
   * One more download, untimed, with a full GC every LIVE_SAMPLE_MS: the live memory (V8's heap in use plus memory
   * outside it, Buffers) at its highest over its size before, and how many times it was taken.
   */
  live?: { beforeMiB: number; peakMiB: number; growthMiB: number; samples: number };
  rounds: ExportRound[];
}

const RSS_SAMPLE_MS = 10;
const LIVE_SAMPLE_MS = 250;
const MiB = 1024 ** 2;

/** Full garbage collections: before each download, and during the live-memory pass. */
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const memory = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, live: m.heapUsed + m.external };
};

/**
 * Downloads the file, hashing and counting lines as it streams, and checks both against the batch's record; samples
 * the process's memory every `everyMs` meanwhile (after a full GC each time when `collect`), from a GC'd start.
 */
async function download(
  ctx: ScenarioContext,
  batch: { id: string; rowCount: number; fileHash: string },
  { everyMs, collect }: { everyMs: number; collect: boolean },
) {
  collectGarbage();
  const before = memory();
  const peak = { ...before };
  let samples = 0;
  const sample = () => {
    if (collect) collectGarbage();
    const now = memory();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.live = Math.max(peak.live, now.live);
    samples++;
  };
  const sampler = setInterval(sample, everyMs);
  const started = performance.now();
  try {
    const res = await send(`${ctx.shortlist.url}/api/admissions/batches/${batch.id}/file`, ctx.token);
    if (res.statusCode !== 200)
      throw new Error(`the batch download answered ${res.statusCode}: ${await readText(res)}`);
    const hash = createHash("sha256");
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) lines++;
    }
    const seconds = (performance.now() - started) / 1000;
    if (!collect) sample();
    const sha = hash.digest("hex");
    if (lines !== batch.rowCount || sha !== batch.fileHash)
      throw new Error(
        `the download had ${lines} lines hashing to ${sha}; the batch has ${batch.rowCount} and ${batch.fileHash}`,
      );
    return { seconds, bytes, before, peak, samples };
  } finally {
    clearInterval(sampler);
  }
}

/** A timed download, its RSS sampled every RSS_SAMPLE_MS (no collection while it runs). */
async function timedDownload(
  ctx: ScenarioContext,
  batch: { id: string; rowCount: number; fileHash: string },
): Promise<ExportRound["download"]> {
  const d = await download(ctx, batch, { everyMs: RSS_SAMPLE_MS, collect: false });
  return {
    seconds: d.seconds,
    rowsPerSec: batch.rowCount / d.seconds,
    bytes: d.bytes,
    rssBeforeMiB: d.before.rss / MiB,
    rssPeakMiB: d.peak.rss / MiB,
    rssGrowthMiB: (d.peak.rss - d.before.rss) / MiB,
  };
}

/**
 * The batch's lines as COPY reads them: the columns a line carries (batch, application, number, content hash, the
 * scrubbed answers, the metrics), joined as the export joins them, in line order. Labels and criteria, the same on
 * every line, are the export's to add.
 */
const copySql = (batchId: string) => `
  copy (select bi.batch_id, bi.application_id, a.number, bi.content_hash, a.answers, a.metrics
          from admission_batch_items bi join admission_anonymized a on a.application_id = bi.application_id
         where bi.batch_id = ${pg.escapeLiteral(batchId)}
         order by bi.position) to stdout`;

async function copyOut(ctx: ScenarioContext, batchId: string, rows: number): Promise<ExportSide> {
  const started = performance.now();
  const hash = createHash("sha256");
  let bytes = 0;
  let lines = 0;
  for await (const chunk of ctx.client.query(copyTo(copySql(batchId))) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  if (lines !== rows) throw new Error(`COPY gave ${lines} rows, the batch has ${rows}`);
  return { seconds, rowsPerSec: rows / seconds, bytes };
}

export async function measureExport(
  ctx: ScenarioContext,
  batch: { id: string; rowCount: number; fileHash: string },
  exportBatchSeconds: number,
  rounds: number,
): Promise<ExportResult> {
  // The batch's items were just written: vacuumed as the seeded tables were, then one unmeasured pass of each side
  // (the first download after exportBatch ran at a fifth of the others' speed). The download's pass is the
  // live-memory one: what the process holds, collected every LIVE_SAMPLE_MS, while the whole file goes out.
  await ctx.client.query("vacuum analyze admission_batch_items");
  const probe = await download(ctx, batch, { everyMs: LIVE_SAMPLE_MS, collect: true });
  const live = {
    beforeMiB: probe.before.live / MiB,
    peakMiB: probe.peak.live / MiB,
    growthMiB: (probe.peak.live - probe.before.live) / MiB,
    samples: probe.samples,
  };
  ctx.log(
    `  export: live memory ${live.beforeMiB.toFixed(0)} → peak ${live.peakMiB.toFixed(0)} MiB over ${live.samples} collections while ${(probe.bytes / MiB).toFixed(0)} MiB went out`,
  );
  await copyOut(ctx, batch.id, batch.rowCount);
  const out: ExportRound[] = [];
  for (let r = 0; r < rounds; r++) {
    let dl: ExportRound["download"];
    let copy: ExportSide;
    if (r % 2 === 0) {
      dl = await timedDownload(ctx, batch);
      copy = await copyOut(ctx, batch.id, batch.rowCount);
    } else {
      copy = await copyOut(ctx, batch.id, batch.rowCount);
      dl = await timedDownload(ctx, batch);
    }
    const round = { download: dl, copy, ratio: dl.rowsPerSec / copy.rowsPerSec };
    ctx.log(
      `  export r${r + 1}: download ${dl.rowsPerSec.toFixed(0)} rows/s (${(dl.bytes / MiB).toFixed(0)} MiB, RSS ${dl.rssBeforeMiB.toFixed(0)} → peak ${dl.rssPeakMiB.toFixed(0)} MiB), COPY ${copy.rowsPerSec.toFixed(0)} rows/s: ${round.ratio.toFixed(2)}×`,
    );
    out.push(round);
  }
  return {
    rows: batch.rowCount,
    batchId: batch.id,
    fileMiB: out[0]!.download.bytes / MiB,
    exportBatchSeconds,
    live,
    rounds: out,
  };
}
