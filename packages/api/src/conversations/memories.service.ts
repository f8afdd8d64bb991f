import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { dbRows } from "../db-rows";
import { NotFound } from "../errors";
import type { MemoryDTO } from "./dto";
import { findMemories, upsertMemories } from "./engine/memory";
import type { addMemoryInput, memorySearchInput } from "./schemas";

type Ctx = Pick<ProcedureContext, "em" | "audit">;

/**
 * With a query: the top `limit` by relevance × importance × recency; without: by importance × recency, newest first.
 * Browsing does not count as access: only the reply pipeline's retrieval updates access counts.
 */
export async function listMemories(ctx: Ctx, input: z.output<typeof memorySearchInput>): Promise<MemoryDTO[]> {
  const found = await findMemories(ctx.em, input.conversationId, input.query.trim(), input.limit, { touch: false });
  if (!found) throw new NotFound("conversation", input.conversationId);
  return found;
}

async function memoryById(ctx: Ctx, id: string): Promise<MemoryDTO> {
  const [row] = dbRows<MemoryDTO>(
    await ctx.em.execute(
      `select id, content, type, importance, message_id, access_count, last_accessed_at, created_at, null as score
         from conversation_memories where id = ?`,
      [id],
    ),
    { dates: ["lastAccessedAt", "createdAt"] },
  );
  if (!row) throw new NotFound("memory", id);
  return { ...row, importance: Number(row.importance) };
}

/** Adds a memory by hand; one equal to an existing memory of the conversation raises that one's importance instead. */
export async function addMemory(ctx: Ctx, input: z.output<typeof addMemoryInput>): Promise<MemoryDTO> {
  const [conversation] = await ctx.em.execute<{ persona_id: string }[]>(
    "select persona_id from conversations where id = ? for share",
    [input.conversationId],
  );
  if (!conversation) throw new NotFound("conversation", input.conversationId);
  const [stored] = await upsertMemories(
    ctx.em,
    { conversationId: input.conversationId, personaId: conversation.persona_id, messageId: null },
    [{ content: input.content, type: input.type, importance: input.importance }],
  );
  const memory = await memoryById(ctx, stored!.id);
  // The content stays out of the trail: it may say things about a person, and the trail outlives erasure.
  ctx.audit.record({
    entity: { kind: "memory", id: memory.id },
    after: stored!.created
      ? { conversationId: input.conversationId, type: memory.type, importance: memory.importance }
      : { importance: memory.importance },
  });
  return memory;
}

export async function deleteMemory(ctx: Ctx, id: string): Promise<{ id: string }> {
  const [deleted] = await ctx.em.execute<{ conversation_id: string; type: string; importance: number }[]>(
    "delete from conversation_memories where id = ? returning conversation_id, type, importance",
    [id],
  );
  if (!deleted) throw new NotFound("memory", id);
  ctx.audit.record({
    entity: { kind: "memory", id },
    before: { conversationId: deleted.conversation_id, type: deleted.type, importance: Number(deleted.importance) },
  });
  return { id };
}
