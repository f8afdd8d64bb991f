/** Batches for outside evaluators: export (recorded with its file hash), list, and pages of lines. */
import { BATCH_SCHEMA_VERSION } from "@shortlist/db/constants";
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { dbRows } from "../db-rows";
import { Conflict, NotFound } from "../errors";
import { batchFileHash, batchHead, readItems, toBatchLine, type BatchFileHead } from "./batch-lines";
import { lockCycle, requirePhase } from "./cycle-lock";
import type { BatchDto, BatchRowsDto } from "./dto";
import type { batchRowsInput } from "./schemas";

type Ctx = Pick<ProcedureContext, "em" | "audit" | "getAuth">;

const toBatchDto = (b: Omit<BatchFileHead, "cycleSlug" | "questions" | "criteria">): BatchDto => ({
  id: b.id,
  cycleId: b.cycleId,
  rowCount: b.rowCount,
  fileHash: b.fileHash,
  schemaVersion: b.schemaVersion,
  createdAt: b.createdAt,
  createdByName: b.createdByName,
});

/**
 * BATCH_PREP: a batch of every anonymized application of the cycle, lines in number order; its file is hashed by
 * walking the lines as a download sends them. The applications become BATCHED.
 */
export async function exportBatch(ctx: Ctx, cycleId: string): Promise<BatchDto> {
  const cycle = await lockCycle(ctx, cycleId);
  requirePhase(cycle, ["BATCH_PREP"], "export a batch");
  const userId = (await ctx.getAuth())?.user.id ?? null;
  const [batch] = await ctx.em.execute<{ id: string }[]>(
    `insert into admission_batches (cycle_id, created_by_id, row_count, file_hash, schema_version)
     values (?, ?, 0, '', ?) returning id`,
    [cycleId, userId, BATCH_SCHEMA_VERSION],
  );
  const batchId = batch!.id;
  const [items] = await ctx.em.execute<{ n: number }[]>(
    `with added as (
       insert into admission_batch_items (batch_id, application_id, position, content_hash)
       select ?, application_id, row_number() over (order by number), content_hash
         from admission_anonymized where cycle_id = ?
       returning 1)
     select count(*)::int as n from added`,
    [batchId, cycleId],
  );
  const rowCount = Number(items?.n ?? 0);
  if (rowCount === 0)
    throw new Conflict("There are no anonymized applications to export", "precondition_failed", {
      phase: cycle.phase,
      anonymized: 0,
    });
  const fileHash = await batchFileHash(ctx.em, { ...(await batchHead(ctx.em, batchId)), rowCount });
  await ctx.em.execute("update admission_batches set row_count = ?, file_hash = ? where id = ?", [
    rowCount,
    fileHash,
    batchId,
  ]);
  await ctx.em.execute(
    `update admission_applications a set status = 'BATCHED', updated_at = now()
       from admission_batch_items i
      where i.batch_id = ? and a.id = i.application_id and a.status = 'ANONYMIZED'`,
    [batchId],
  );
  ctx.audit.record({
    entity: { kind: "admission_batch", id: batchId },
    before: null,
    after: { cycleId, rowCount, fileHash, schemaVersion: BATCH_SCHEMA_VERSION },
  });
  return toBatchDto(await batchHead(ctx.em, batchId));
}

/** A cycle's batches, newest first. */
export async function listBatches(ctx: Pick<ProcedureContext, "em">, cycleId: string): Promise<BatchDto[]> {
  const [cycle] = await ctx.em.execute<{ id: string }[]>("select id from admission_cycles where id = ?", [cycleId]);
  if (!cycle) throw new NotFound("admission cycle", cycleId);
  const rows = dbRows<Parameters<typeof toBatchDto>[0]>(
    await ctx.em.execute(
      `select b.id, b.cycle_id, b.row_count, b.file_hash, b.schema_version, b.created_at, u.name as created_by_name
         from admission_batches b left join users u on u.id = b.created_by_id
        where b.cycle_id = ?
        order by b.created_at desc, b.id desc`,
      [cycleId],
    ),
    { dates: ["createdAt"] },
  );
  return rows.map(toBatchDto);
}

/** A page of a batch's lines, exactly as in its file; `nextAfter` continues after the page, null at the end. */
export async function batchRows(
  ctx: Pick<ProcedureContext, "em">,
  input: z.output<typeof batchRowsInput>,
): Promise<BatchRowsDto> {
  const head = await batchHead(ctx.em, input.batchId);
  const items = await readItems(ctx.em, head.id, input.after, input.limit);
  const last = items.at(-1)?.position;
  return {
    lines: items.map((item) => toBatchLine(head, item)),
    nextAfter: last !== undefined && last < head.rowCount ? last : null,
  };
}
