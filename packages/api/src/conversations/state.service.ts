/**
 * Conversation state: JSON values keyed by (conversation, persona, module, key); module null is the persona's own
 * (a driver's). Every write bumps the row's version; `setState` is optimistic on it.
 */
import type { EntityManager } from "@shortlist/db";
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { NotFound, StaleVersion } from "../errors";
import type { ConversationStateDTO } from "./dto";
import { STATE_COLUMNS, toStateDTO } from "./mappers";
import type { setStateInput } from "./schemas";

type Ctx = Pick<ProcedureContext, "em" | "audit">;

export async function listState(ctx: Ctx, conversationId: string): Promise<ConversationStateDTO[]> {
  await requireConversation(ctx.em, conversationId);
  const rows = await ctx.em.execute<Record<string, unknown>[]>(
    `select ${STATE_COLUMNS} from conversation_states s left join chat_modules cm on cm.id = s.module_id
      where s.conversation_id = ? order by cm.name nulls first, s.key`,
    [conversationId],
  );
  return rows.map(toStateDTO);
}

/** Optimistic: refused as stale when the value changed since `version`. */
export async function setState(ctx: Ctx, input: z.output<typeof setStateInput>): Promise<ConversationStateDTO> {
  const [before] = await ctx.em.execute<{ conversation_id: string; key: string; value: unknown; version: number }[]>(
    "select conversation_id, key, value, version from conversation_states where id = ?",
    [input.id],
  );
  if (!before) throw new NotFound("conversation state", input.id);
  const [updated] = await ctx.em.execute<{ id: string }[]>(
    `update conversation_states set value = ?::jsonb, version = version + 1, updated_at = now()
      where id = ? and version = ? returning id`,
    [JSON.stringify(input.value ?? null), input.id, input.version],
  );
  if (!updated) throw new StaleVersion("conversation state", { id: input.id });
  ctx.audit.record({
    entity: { kind: "conversation", id: before.conversation_id },
    before: { state: { key: before.key, value: before.value } },
    after: { state: { key: before.key, value: input.value } },
  });
  const [row] = await ctx.em.execute<Record<string, unknown>[]>(
    `select ${STATE_COLUMNS} from conversation_states s left join chat_modules cm on cm.id = s.module_id where s.id = ?`,
    [input.id],
  );
  return toStateDTO(row!);
}

export async function requireConversation(em: EntityManager, conversationId: string): Promise<void> {
  const [row] = await em.execute<{ id: string }[]>("select id from conversations where id = ?", [conversationId]);
  if (!row) throw new NotFound("conversation", conversationId);
}

/** The conversation's state as the engine reads it: the persona's own (module null) and each module's, key → value. */
export interface StateSnapshot {
  own: Record<string, unknown>;
  byModule: Map<string, Record<string, unknown>>;
}

export async function readState(em: EntityManager, conversationId: string, personaId: string): Promise<StateSnapshot> {
  const rows = await em.execute<{ module_id: string | null; key: string; value: unknown }[]>(
    "select module_id, key, value from conversation_states where conversation_id = ? and persona_id = ? order by key",
    [conversationId, personaId],
  );
  const snapshot: StateSnapshot = { own: {}, byModule: new Map() };
  for (const row of rows) {
    if (row.module_id === null) snapshot.own[row.key] = row.value;
    else {
      const values = snapshot.byModule.get(row.module_id) ?? {};
      values[row.key] = row.value;
      snapshot.byModule.set(row.module_id, values);
    }
  }
  return snapshot;
}

/** What a template sees as `state`: the persona's own keys, then each module's (a later key wins), flat. */
export function templateState(snapshot: StateSnapshot, moduleOrder: readonly string[]): Record<string, unknown> {
  const flat: Record<string, unknown> = { ...snapshot.own };
  for (const id of moduleOrder) Object.assign(flat, snapshot.byModule.get(id) ?? {});
  return flat;
}

/** Upserts `values` (key → JSON value) of one module's (or the persona's own) state; each written row's version +1. */
export async function writeState(
  em: EntityManager,
  target: { conversationId: string; personaId: string; moduleId: string | null },
  values: Record<string, unknown>,
): Promise<void> {
  const entries = Object.entries(values).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return;
  const rows = JSON.stringify(entries.map(([key, value]) => ({ key, value: value ?? null })));
  await em.execute(
    `insert into conversation_states (conversation_id, persona_id, module_id, key, value)
     select ?, ?, ?::uuid, r.key, coalesce(r.value, 'null'::jsonb) from jsonb_to_recordset(?::jsonb) as r(key text, value jsonb)
     on conflict (conversation_id, persona_id, coalesce(module_id, '00000000-0000-0000-0000-000000000000'::uuid), key)
     do update set value = excluded.value, version = conversation_states.version + 1, updated_at = now()`,
    [target.conversationId, target.personaId, target.moduleId, rows],
  );
}
