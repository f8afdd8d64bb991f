/**
 * Episodic memory: extraction after a reply (rules in the built-in path, structured output with a model) and
 * retrieval by full-text relevance × importance × recency decay (docs/conversations.md, "Memory").
 */
import type { EntityManager, MemoryType } from "@shortlist/db";
import type { MemoryDTO } from "../dto";

export interface NewMemory {
  content: string;
  type: MemoryType;
  importance: number;
}

/** The top `k` memories of the conversation for `query` (newest first when the query is empty); marks them accessed when `touch`. */
export async function retrieveMemories(
  _em: EntityManager,
  _conversationId: string,
  _query: string,
  _k: number,
  _options: { touch?: boolean } = {},
): Promise<MemoryDTO[]> {
  throw new Error("not implemented yet");
}

/** What the built-in rules find worth remembering in one exchange (deterministic). */
export function extractMemories(_exchange: { message: string; reply: string }): NewMemory[] {
  throw new Error("not implemented yet");
}

export async function storeMemories(
  _em: EntityManager,
  _target: { conversationId: string; personaId: string; messageId: string | null },
  _memories: readonly NewMemory[],
): Promise<void> {
  throw new Error("not implemented yet");
}
