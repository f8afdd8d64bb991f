/** What a reply's run reads before it starts (stage 2), and the pieces other procedures share with it. */
import type { EntityManager, Keyring, PersonaMode, ProviderOptions, Sealed } from "@shortlist/db";
import type { ConversationDTO } from "../dto";
import { CONVERSATION_COLUMNS, toConversationDTO } from "../mappers";
import type { ProviderSettings } from "../providers/types";
import type { LoadedModule } from "./module-stage";

export interface LoadedConversation {
  dto: ConversationDTO;
  personaId: string;
  personaMode: PersonaMode;
  template: string;
  firstMessage: string | null;
  personaActive: boolean;
  providerOptions: ProviderOptions;
  apiKeySealed: Sealed | null;
}

export async function loadConversation(em: EntityManager, conversationId: string): Promise<LoadedConversation | null> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select ${CONVERSATION_COLUMNS}, p.template as persona_template, p.first_message as persona_first_message,
        p.active as persona_active, c.provider_options, p.api_key_sealed
       from conversations c join personas p on p.id = c.persona_id where c.id = ?`,
    [conversationId],
  );
  if (!row) return null;
  return {
    dto: toConversationDTO(row),
    personaId: row.persona_id as string,
    personaMode: row.persona_mode as PersonaMode,
    template: row.persona_template as string,
    firstMessage: (row.persona_first_message as string | null) ?? null,
    personaActive: Boolean(row.persona_active),
    providerOptions: (row.provider_options as ProviderOptions | null) ?? {},
    apiKeySealed: (row.api_key_sealed as Sealed | null) ?? null,
  };
}

/** The persona's active modules in the persona's order. */
export async function loadModules(em: EntityManager, personaId: string): Promise<LoadedModule[]> {
  const rows = await em.execute<Record<string, unknown>[]>(
    `select cm.id, cm.name, cm.content, cm.type, cm.trigger_kind, cm.trigger_pattern, cm.trigger_keywords, cm.script,
        cm.execution_context, cm.requires_ai, cm.stage_priority, cm.active
       from persona_modules pm join chat_modules cm on cm.id = pm.module_id
      where pm.persona_id = ? and cm.active order by pm.position, cm.name`,
    [personaId],
  );
  return rows.map((row) => ({
    id: row.id as string,
    name: row.name as string,
    content: row.content as string,
    type: row.type as LoadedModule["type"],
    triggerKind: row.trigger_kind as LoadedModule["triggerKind"],
    triggerPattern: (row.trigger_pattern as string | null) ?? null,
    triggerKeywords: (row.trigger_keywords as string[] | null) ?? [],
    script: (row.script as string | null) ?? null,
    executionContext: row.execution_context as LoadedModule["executionContext"],
    requiresAi: Boolean(row.requires_ai),
    stagePriority: Number(row.stage_priority),
    active: Boolean(row.active),
  }));
}

/** The conversation's provider settings, with the persona's API key opened (never logged, never returned). */
export async function settingsOf(
  em: EntityManager,
  keyring: Keyring,
  conversation: LoadedConversation,
): Promise<ProviderSettings> {
  let apiKey: string | null = null;
  if (conversation.apiKeySealed) {
    const opened = await keyring.open(em, conversation.apiKeySealed);
    if (opened.ok && typeof opened.value === "string") apiKey = opened.value;
  }
  return {
    ...conversation.providerOptions,
    provider: conversation.dto.provider,
    model: conversation.dto.model,
    apiKey,
  };
}
