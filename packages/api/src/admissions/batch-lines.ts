/**
 * A batch file's lines: one serializer for the export's hash, `admissions.batchRows` pages and the download, so
 * every copy of a batch is byte for byte the file whose SHA-256 the batch recorded. A line is the JSON of a
 * `BatchLineDto` with its keys in a fixed order, then `\n`.
 */
import { createHash } from "node:crypto";
import type { AdmissionMetrics, EntityManager, FormQuestion, ScoringCriterion } from "@shortlist/db";
import { dbRows } from "../db-rows";
import { NotFound } from "../errors";
import type { BatchLineDto } from "./dto";

/** What every line of one batch shares. */
export interface BatchFileHead {
  id: string;
  cycleId: string;
  cycleSlug: string;
  rowCount: number;
  fileHash: string;
  schemaVersion: number;
  createdAt: Date;
  createdByName: string | null;
  questions: FormQuestion[];
  criteria: ScoringCriterion[];
}

interface ItemRow {
  position: number;
  applicationId: string;
  contentHash: string;
  number: number;
  answers: Record<string, string>;
  metrics: AdmissionMetrics;
}

/**
 * Walking a whole file (hash, download): lines read per query, and the size a download's chunks reach before they
 * are sent (lines are never split). Tests make them small to cross their boundaries with few lines.
 */
export const batchFileTuning = { pageRows: 1_000, chunkChars: 64 * 1024 };

export async function batchHead(em: EntityManager, batchId: string): Promise<BatchFileHead> {
  const [head] = dbRows<BatchFileHead>(
    await em.execute(
      `select b.id, b.cycle_id, c.slug as cycle_slug, b.row_count, b.file_hash, b.schema_version, b.created_at,
              u.name as created_by_name, c.questions, c.criteria
         from admission_batches b
         join admission_cycles c on c.id = b.cycle_id
         left join users u on u.id = b.created_by_id
        where b.id = ?`,
      [batchId],
    ),
    { dates: ["createdAt"] },
  );
  if (!head) throw new NotFound("admission batch", batchId);
  return head;
}

/**
 * The lines after `after` (a position), at most `limit`, in position order. The page's items are taken first and
 * their anonymized rows looked up one by one: right after an export the new items have no statistics yet, and the
 * plain join was planned as a scan of every anonymized row for each page (27 s to hash 100,000 lines, not 4).
 */
export async function readItems(em: EntityManager, batchId: string, after: number, limit: number) {
  return dbRows<ItemRow>(
    await em.execute(
      `select i.position, i.application_id, i.content_hash, an.number, an.answers, an.metrics
         from (select position, application_id, content_hash
                 from admission_batch_items
                where batch_id = ? and position > ?
                order by position
                limit ?) i
        cross join lateral (
          select number, answers, metrics from admission_anonymized where application_id = i.application_id limit 1
        ) an
        order by i.position`,
      [batchId, after, limit],
    ),
  );
}

/** Word counts in the form's question order (then any other key, sorted), so the JSON never depends on storage. */
function orderedWordCounts(counts: Record<string, number>, keys: readonly string[]): Record<string, number> {
  const ordered: Record<string, number> = {};
  for (const key of keys) if (key in counts) ordered[key] = counts[key]!;
  for (const key of Object.keys(counts).sort()) if (!(key in ordered)) ordered[key] = counts[key]!;
  return ordered;
}

export function toBatchLine(head: BatchFileHead, item: ItemRow): BatchLineDto {
  const reviewed = head.questions.filter((q) => !q.identifying);
  const metrics = item.metrics;
  return {
    schemaVersion: head.schemaVersion,
    batchId: head.id,
    applicationId: item.applicationId,
    number: item.number,
    contentHash: item.contentHash,
    answers: reviewed.map((q) => ({ key: q.key, label: q.label, text: item.answers[q.key] ?? "" })),
    metrics: {
      wordCounts: orderedWordCounts(
        metrics.wordCounts,
        reviewed.map((q) => q.key),
      ),
      totalWords: metrics.totalWords,
      readability: metrics.readability,
      lexicalDiversity: metrics.lexicalDiversity,
      answeredRatio: metrics.answeredRatio,
    },
    criteria: head.criteria.map((c) => ({ key: c.key, label: c.label, description: c.description })),
  };
}

/** One line of the file, with its newline. */
export const serializeLine = (line: BatchLineDto) => `${JSON.stringify(line)}\n`;

/** The whole file in chunks of whole lines, read a page at a time (memory stays flat whatever the batch's size). */
export async function* batchFileChunks(em: EntityManager, head: BatchFileHead): AsyncGenerator<string> {
  let after = 0;
  let chunk = "";
  for (;;) {
    const items = await readItems(em, head.id, after, batchFileTuning.pageRows);
    for (const item of items) {
      chunk += serializeLine(toBatchLine(head, item));
      if (chunk.length >= batchFileTuning.chunkChars) {
        yield chunk;
        chunk = "";
      }
    }
    if (items.length < batchFileTuning.pageRows) break;
    after = items.at(-1)!.position;
  }
  if (chunk) yield chunk;
}

/** SHA-256 (hex) of the file, walked as a download would send it. */
export async function batchFileHash(em: EntityManager, head: BatchFileHead): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of batchFileChunks(em, head)) hash.update(chunk, "utf8");
  return hash.digest("hex");
}
