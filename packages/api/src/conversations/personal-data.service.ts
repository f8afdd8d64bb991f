/**
 * The conversation engine's personal-data holder (personal-data.ts): conversations about a candidate, with their
 * messages, state and memories. Erasure deletes them whole (the messages and memories are free text about the
 * person; nothing in them is needed for counts or benchmarks).
 */
import type { PersonalDataHolder } from "../personal-data";
import { getConversation } from "./conversations.service";
import { listState } from "./state.service";

export const conversationsPersonalData: PersonalDataHolder = {
  async export(ctx, subjectId) {
    const rows = await ctx.em.execute<{ id: string }[]>(
      "select id from conversations where candidate_id = ? order by created_at, id",
      [subjectId],
    );
    const conversations = [];
    for (const { id } of rows) {
      const view = await getConversation(ctx, id);
      const state = await listState(ctx, id);
      const memories = await ctx.em.execute(
        `select content, type, importance, created_at as "createdAt" from conversation_memories
          where conversation_id = ? order by created_at, id`,
        [id],
      );
      conversations.push({ ...view, state, memories });
    }
    return { conversations };
  },
  async erase(ctx, subjectId) {
    await ctx.em.execute("delete from conversations where candidate_id = ?", [subjectId]);
  },
};
