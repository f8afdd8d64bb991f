/**
 * The batch download (`GET /api/admissions/batches/:id/file`, streamed and hashed by the client as it arrives)
 * against `COPY (select … the same rows' columns …) TO STDOUT`, also streamed and hashed, in rounds (each side first
 * in every other round). During each download the bench's process, which runs the server (and the client), has its
 * memory sampled every RSS_SAMPLE_MS after a full GC: the RSS's peak against its size just before the request is the
 * export's memory cost; V8's heap in use (with Buffers) is sampled too, since a heap already resident can grow
 * without the RSS moving.
 */
import { createHash } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { auth, type ScenarioContext } from "./context";

export interface ExportSide {
  seconds: number;
  rowsPerSec: number;
  bytes: number;
}

export interface ExportRound {
  download: ExportSide & {
    rssBeforeMiB: number;
    rssPeakMiB: number;
    rssGrowthMiB: number;
    /** V8's heap in use plus memory outside it (Buffers), at its highest during the download, over its size before. */
    heapGrowthMiB?: number;
  };
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
  rounds: ExportRound[];
}

const RSS_SAMPLE_MS = 10;
const MiB = 1024 ** 2;

/** A full garbage collection before each download, so that "before" is the live memory, not a heap's leftovers. */
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Downloads the file, hashing and counting lines as it streams; checks both against the batch's record. */
async function download(
  ctx: ScenarioContext,
  batchId: string,
  rows: number,
  fileHash: string,
): Promise<ExportRound["download"]> {
  collectGarbage();
  const heap = () => {
    const m = process.memoryUsage();
    return { rss: m.rss, heap: m.heapUsed + m.external };
  };
  const before = heap();
  const peak = { ...before };
  const sample = () => {
    const now = heap();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heap = Math.max(peak.heap, now.heap);
  };
  const sampler = setInterval(sample, RSS_SAMPLE_MS);
  const started = performance.now();
  try {
    const res = await fetch(`${ctx.shortlist.url}/api/admissions/batches/${batchId}/file`, {
      headers: auth(ctx.token),
    });
    if (!res.ok || !res.body) throw new Error(`the batch download answered ${res.status}: ${await res.text()}`);
    const hash = createHash("sha256");
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body) {
      hash.update(chunk);
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) lines++;
    }
    const seconds = (performance.now() - started) / 1000;
    sample();
    const sha = hash.digest("hex");
    if (lines !== rows || sha !== fileHash)
      throw new Error(`the download had ${lines} lines hashing to ${sha}; the batch has ${rows} and ${fileHash}`);
    return {
      seconds,
      rowsPerSec: rows / seconds,
      bytes,
      rssBeforeMiB: before.rss / MiB,
      rssPeakMiB: peak.rss / MiB,
      rssGrowthMiB: (peak.rss - before.rss) / MiB,
      heapGrowthMiB: (peak.heap - before.heap) / MiB,
    };
  } finally {
    clearInterval(sampler);
  }
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
  // (the first download after exportBatch ran at a fifth of the others' speed).
  await ctx.client.query("vacuum analyze admission_batch_items");
  await download(ctx, batch.id, batch.rowCount, batch.fileHash);
  await copyOut(ctx, batch.id, batch.rowCount);
  const out: ExportRound[] = [];
  for (let r = 0; r < rounds; r++) {
    let dl: ExportRound["download"];
    let copy: ExportSide;
    if (r % 2 === 0) {
      dl = await download(ctx, batch.id, batch.rowCount, batch.fileHash);
      copy = await copyOut(ctx, batch.id, batch.rowCount);
    } else {
      copy = await copyOut(ctx, batch.id, batch.rowCount);
      dl = await download(ctx, batch.id, batch.rowCount, batch.fileHash);
    }
    const round = { download: dl, copy, ratio: dl.rowsPerSec / copy.rowsPerSec };
    ctx.log(
      `  export r${r + 1}: download ${dl.rowsPerSec.toFixed(0)} rows/s (${(dl.bytes / MiB).toFixed(0)} MiB, RSS ${dl.rssBeforeMiB.toFixed(0)} → peak ${dl.rssPeakMiB.toFixed(0)} MiB, +${dl.rssGrowthMiB.toFixed(1)}; heap +${dl.heapGrowthMiB!.toFixed(1)} MiB), COPY ${copy.rowsPerSec.toFixed(0)} rows/s: ${round.ratio.toFixed(2)}×`,
    );
    out.push(round);
  }
  return {
    rows: batch.rowCount,
    batchId: batch.id,
    fileMiB: out[0]!.download.bytes / MiB,
    exportBatchSeconds,
    rounds: out,
  };
}
