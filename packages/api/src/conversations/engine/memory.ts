/**
 * Episodic memory: extraction after a reply (rules in the built-in path, structured output with a model) and
 * retrieval by full-text relevance × importance × recency decay (docs/conversations.md, "Memory"; the score's
 * constants and the extraction rules are in ./memory-rules.ts).
 *
 * Embeddings (optional, see docs): when the `vector` extension exists and an embeddings model is configured, a cosine
 * similarity could join the score as a further factor. Not built now; everything here works without it.
 */
import type { EntityManager, MemoryType } from "@shortlist/db";
import { dbRows } from "../../db-rows";
import type { MemoryDTO } from "../dto";
import { extractMemories as extractByRules, memoryKey, MEMORY_SCORE } from "./memory-rules";

export interface NewMemory {
  content: string;
  type: MemoryType;
  importance: number;
}

const { IMPORTANCE_BASE, HALF_LIFE_DAYS, TEXT_SEARCH_CONFIG, BROWSE_WINDOW } = MEMORY_SCORE;
const COLUMNS = "m.id, m.content, m.type, m.importance, m.message_id, m.access_count, m.last_accessed_at, m.created_at";
/** exp(-ln 2 × age in days / half-life), the age since the last access (or creation) of the row `t`. */
const recency = (t: string) =>
  `exp(-ln(2) * extract(epoch from (now() - coalesce(${t}.last_accessed_at, ${t}.created_at))) / 86400.0 / ${HALF_LIFE_DAYS})`;
const RECENCY = recency("m");
const QUERY = `websearch_to_tsquery('${TEXT_SEARCH_CONFIG}', ?)`;
const DOCUMENT = `to_tsvector('${TEXT_SEARCH_CONFIG}', m.content)`;

/**
 * The retrieval statement, written once for the service and the bench's baseline (bench/scenarios/memory.ts copies
 * it by hand). Params: query, conversation id, query, query, limit, conversation id, query, limit, conversation id
 * (`retrievalParams`).
 *
 * Two branches, one of which the planner drops as a constant: with words in the query, the GIN index on
 * `to_tsvector('english', content)` finds the matches (`@@` in the WHERE) and they are ranked; with none (empty, or
 * only stop words), the conversation's newest BROWSE_WINDOW memories (an index read on (conversation, created_at)) by
 * importance × recency. The conversation is joined so that one
 * statement also tells an unknown conversation (no row) from one without memories (a row of nulls).
 */
export function retrievalSql({ touch }: { touch: boolean }): string {
  const found = `
    (select ${COLUMNS},
            ts_rank_cd(${DOCUMENT}, ${QUERY}) * (${IMPORTANCE_BASE} + m.importance) * ${RECENCY} as score
       from conversation_memories m
      where m.conversation_id = ? and numnode(${QUERY}) > 0 and ${DOCUMENT} @@ ${QUERY}
      order by score desc, m.created_at desc, m.id desc
      limit ?)
    union all
    (select m.*, null::float8 as score
       from (select ${COLUMNS}
               from conversation_memories m
              where m.conversation_id = ? and numnode(${QUERY}) = 0
              order by m.created_at desc, m.id desc
              limit ${BROWSE_WINDOW}) m
      order by m.importance * ${RECENCY} desc, m.created_at desc, m.id desc
      limit ?)`;
  return `
    with found as (${found}),
    ${touch ? "touched as (update conversation_memories t set last_accessed_at = now(), access_count = t.access_count + 1 from found where t.id = found.id)," : ""}
    conversation as (select c.id from conversations c where c.id = ?)
    select found.* from conversation left join found on true
     order by found.score desc nulls last, found.importance * ${recency("found")} desc, found.created_at desc, found.id desc`;
}

/** Params in the order `retrievalSql` binds them. */
export const retrievalParams = (conversationId: string, query: string, k: number) => [
  query,
  conversationId,
  query,
  query,
  k,
  conversationId,
  query,
  k,
  conversationId,
];

type MemoryRow = Omit<MemoryDTO, "score"> & { id: string | null; score: number | null };

/**
 * The top `k` memories of the conversation for `query` (by importance × recency when the query has no words);
 * marks them accessed when `touch` (the pipeline does; browsing does not). `null` when the conversation does not exist.
 */
export async function findMemories(
  em: EntityManager,
  conversationId: string,
  query: string,
  k: number,
  { touch = false }: { touch?: boolean } = {},
): Promise<MemoryDTO[] | null> {
  const rows = dbRows<MemoryRow>(await em.execute(retrievalSql({ touch }), retrievalParams(conversationId, query, k)), {
    dates: ["lastAccessedAt", "createdAt"],
  });
  if (rows.length === 0) return null;
  return rows
    .filter((r): r is MemoryDTO => r.id !== null)
    .map((r) => ({ ...r, importance: Number(r.importance), score: r.score === null ? null : Number(r.score) }));
}

/**
 * The words of a text as a web-search query that any of them satisfies (`a or b or c`): a chat message used as the
 * query would otherwise need every one of its words in a memory (websearch_to_tsquery ANDs them). Operators typed
 * in the message ("-", quotes, "or") are dropped with everything else that is not a word.
 */
export function anyWordQuery(text: string): string {
  const words = new Set(
    (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w !== "or" && w.length < 100),
  );
  return [...words].slice(0, MAX_QUERY_WORDS).join(" or ");
}
const MAX_QUERY_WORDS = 32;

/**
 * The pipeline's retrieval: the top `k` memories for a message, matching any of its words and ranked by relevance ×
 * importance × recency (by importance × recency among the newest when it has no words); marks them accessed when
 * `touch`. The search box (`conversations.memories`) uses web-search syntax instead, all words by default.
 */
export async function retrieveMemories(
  em: EntityManager,
  conversationId: string,
  query: string,
  k: number,
  options: { touch?: boolean } = {},
): Promise<MemoryDTO[]> {
  return (await findMemories(em, conversationId, anyWordQuery(query), k, options)) ?? [];
}

/** What the built-in rules find worth remembering in one exchange (deterministic; rules in ./memory-rules.ts). */
export function extractMemories(exchange: { message: string; reply: string }): NewMemory[] {
  return extractByRules(exchange);
}

export interface StoredMemory {
  id: string;
  /** False when an equal memory existed: its importance was raised to the larger of the two instead. */
  created: boolean;
  importance: number;
}

/**
 * Stores memories in one statement. A memory equal to one the conversation already has (case and surrounding
 * spaces ignored) is not added again: the existing one's importance becomes the larger of the two.
 * Answers one entry per distinct memory, in input order.
 */
export async function upsertMemories(
  em: EntityManager,
  target: { conversationId: string; personaId: string | null; messageId: string | null },
  memories: readonly NewMemory[],
): Promise<StoredMemory[]> {
  const distinct = new Map<string, NewMemory>();
  for (const m of memories) {
    const key = memoryKey(m.content);
    const had = distinct.get(key);
    if (!had || m.importance > had.importance) distinct.set(key, had ? { ...had, importance: m.importance } : m);
  }
  if (distinct.size === 0) return [];
  const incoming = [...distinct.values()].map((m, at) => ({ ...m, content: m.content.trim(), at }));
  const rows = await em.execute<{ id: string; at: number; created: boolean; importance: number }[]>(
    `with incoming as (
       select * from jsonb_to_recordset(?::jsonb) as r(content text, type memory_type, importance float8, at int)
     ),
     matched as (
       update conversation_memories m
          set importance = greatest(m.importance, i.importance), updated_at = now()
         from incoming i
        where m.conversation_id = ? and lower(btrim(m.content)) = lower(btrim(i.content))
        returning m.id, i.at, m.importance
     ),
     inserted as (
       insert into conversation_memories (conversation_id, persona_id, message_id, content, type, importance)
       select ?, ?, ?, i.content, i.type, i.importance
         from incoming i
        where i.at not in (select at from matched)
        order by i.at
       returning id, content
     )
     select matched.id, matched.at, false as created, matched.importance from matched
     union all
     select inserted.id, i.at, true as created, i.importance from inserted join incoming i on i.content = inserted.content
     order by at`,
    [JSON.stringify(incoming), target.conversationId, target.conversationId, target.personaId, target.messageId],
  );
  // Several existing rows may equal one incoming memory (added before this rule): one entry per memory.
  const byAt = new Map(rows.map((r) => [Number(r.at), r]));
  return [...byAt.values()].map((r) => ({ id: r.id, created: r.created, importance: Number(r.importance) }));
}

export async function storeMemories(
  em: EntityManager,
  target: { conversationId: string; personaId: string; messageId: string | null },
  memories: readonly NewMemory[],
): Promise<void> {
  await upsertMemories(em, target, memories);
}
