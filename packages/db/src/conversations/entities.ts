import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Candidate } from "../candidates/entities";
import { baseProperties, versionProperty } from "../common";
import { User } from "../identity/entities";
import { Job } from "../jobs/entities";
import type { Sealed } from "../privacy/sealed";
import {
  EXECUTION_CONTEXTS,
  MEMORY_TYPES,
  MESSAGE_ROLES,
  MESSAGE_STATUSES,
  MODULE_TYPES,
  PERSONA_MODES,
  PROVIDER_KINDS,
  TRIGGER_KINDS,
} from "./constants";

/** Model settings a persona (or a conversation, copied from it at start) carries; the API key is sealed apart. */
export interface ProviderOptions {
  baseUrl?: string;
  temperature?: number;
  maxOutputTokens?: number;
  timeoutMs?: number;
}

export const Persona = defineEntity({
  name: "Persona",
  tableName: "personas",
  properties: {
    ...baseProperties,
    ...versionProperty,
    name: p.string().length(120).unique("personas_name_unique"),
    description: p.text().default(""),
    /** The system prompt, a Liquid template over the conversation's variables and state. */
    template: p.text(),
    mode: p.enum(PERSONA_MODES).nativeEnumName("persona_mode").default("chat"),
    firstMessage: p.text().nullable(),
    /** File name under `<data dir>/avatars/`. */
    avatarFile: p.string().length(100).nullable(),
    active: p.boolean().default(true),
    provider: p.enum(PROVIDER_KINDS).nativeEnumName("llm_provider").default("builtin"),
    model: p.string().length(200).nullable(),
    providerOptions: p.json<ProviderOptions>().default("{}"),
    /** The API key, sealed with the persona's own data key (subject = persona id); never returned. */
    apiKeySealed: p.json<Sealed>().nullable(),
    /** Set on personas Shortlist ships (e.g. `intake`): found by it, and their mode's code drives them. */
    builtinKey: p.string().length(50).nullable().unique("personas_builtin_key_unique"),
    createdById: p.uuid().nullable(),
  },
});
export type IPersona = InferEntity<typeof Persona>;

export const ChatModule = defineEntity({
  name: "ChatModule",
  tableName: "chat_modules",
  properties: {
    ...baseProperties,
    ...versionProperty,
    name: p.string().length(120).unique("chat_modules_name_unique"),
    description: p.text().default(""),
    /** Liquid text added to the prompt when the module fires. */
    content: p.text().default(""),
    type: p.enum(MODULE_TYPES).nativeEnumName("chat_module_type").default("simple"),
    triggerKind: p.enum(TRIGGER_KINDS).nativeEnumName("chat_trigger_kind").default("always"),
    /** RE2 syntax (linear time) when `triggerKind` is regex. */
    triggerPattern: p.text().nullable(),
    triggerKeywords: p
      .array()
      .columnType("text[]")
      .defaultRaw("'{}'")
      .onCreate(() => []),
    /** A JSONata expression (advanced modules): reads message, state, memories; returns state updates and directives. */
    script: p.text().nullable(),
    executionContext: p.enum(EXECUTION_CONTEXTS).nativeEnumName("chat_execution_context").default("IMMEDIATE"),
    requiresAi: p.boolean().default(false),
    /** Lower runs first. */
    stagePriority: p.integer().default(100),
    active: p.boolean().default(true),
  },
});
export type IChatModule = InferEntity<typeof ChatModule>;

/** A persona's ordered list of modules. */
export const PersonaModuleLink = defineEntity({
  name: "PersonaModuleLink",
  tableName: "persona_modules",
  properties: {
    persona: () => p.manyToOne(Persona).primary().deleteRule("cascade"),
    module: () => p.manyToOne(ChatModule).primary().deleteRule("cascade").index(),
    position: p.integer(),
  },
});
export type IPersonaModuleLink = InferEntity<typeof PersonaModuleLink>;

export const Conversation = defineEntity({
  name: "Conversation",
  tableName: "conversations",
  properties: {
    ...baseProperties,
    title: p.string().length(200),
    persona: () => p.manyToOne(Persona).deleteRule("restrict").index(),
    /** The provider settings in force, copied from the persona at start (the API key stays on the persona). */
    provider: p.enum(PROVIDER_KINDS).nativeEnumName("llm_provider"),
    model: p.string().length(200).nullable(),
    providerOptions: p.json<ProviderOptions>().default("{}"),
    /** Values the persona's template may use (`{{ variables.profession }}`). */
    variables: p.json<Record<string, unknown>>().default("{}"),
    candidate: () => p.manyToOne(Candidate).nullable().deleteRule("cascade").index(),
    job: () => p.manyToOne(Job).nullable().deleteRule("cascade").index(),
    createdBy: () => p.manyToOne(User).nullable().deleteRule("set null"),
    /** The last message's `seq`: the next message takes `lastSeq + 1` under this row's lock. */
    lastSeq: p.integer().default(0),
    lastMessageAt: p.datetime(3).nullable(),
  },
  indexes: [{ name: "conversations_updated_idx", properties: ["updatedAt", "id"] }],
  checks: [{ name: "conversations_one_subject_check", expression: "candidate_id is null or job_id is null" }],
});
export type IConversation = InferEntity<typeof Conversation>;

/** What a module did on one message: shown in the playground's trace. */
export interface ModuleTraceEntry {
  moduleId: string | null;
  name: string;
  stage: "IMMEDIATE" | "POST_RESPONSE" | "ON_DEMAND" | "DRIVER";
  fired: boolean;
  reason: string;
  stateChanges: { key: string; before: unknown; after: unknown }[];
  directives?: Record<string, unknown>;
  error?: string;
  ms?: number;
}

export const ChatMessage = defineEntity({
  name: "ChatMessage",
  tableName: "chat_messages",
  properties: {
    ...baseProperties,
    conversation: () => p.manyToOne(Conversation).deleteRule("cascade"),
    /** Order within the conversation, gap-free from 1. */
    seq: p.integer(),
    role: p.enum(MESSAGE_ROLES).nativeEnumName("chat_message_role"),
    content: p.text().default(""),
    reasoning: p.text().nullable(),
    status: p.enum(MESSAGE_STATUSES).nativeEnumName("chat_message_status").default("complete"),
    /** Why a reply failed, for the person who retries it. */
    error: p.text().nullable(),
    /** An assistant reply: the user message it answers. */
    replyToId: p.uuid().nullable(),
    authorId: p.uuid().nullable(),
    inputTokens: p.integer().nullable(),
    outputTokens: p.integer().nullable(),
    latencyMs: p.integer().nullable(),
    trace: p.json<ModuleTraceEntry[]>().default("[]"),
    /** Reply directives the SPA uses (quick-reply buttons). */
    quickReplies: p
      .array()
      .columnType("text[]")
      .defaultRaw("'{}'")
      .onCreate(() => []),
  },
  uniques: [{ name: "chat_messages_conversation_seq_unique", properties: ["conversation", "seq"] }],
  indexes: [
    {
      name: "chat_messages_unfinished_idx",
      expression:
        "create index chat_messages_unfinished_idx on chat_messages (conversation_id, seq) where status in ('pending', 'streaming')",
    },
  ],
});
export type IChatMessage = InferEntity<typeof ChatMessage>;

/** State keyed by (conversation, persona, module, key); module null is the persona's own (e.g. a driver's). */
export const ConversationState = defineEntity({
  name: "ConversationState",
  tableName: "conversation_states",
  properties: {
    ...baseProperties,
    ...versionProperty,
    conversation: () => p.manyToOne(Conversation).deleteRule("cascade"),
    persona: () => p.manyToOne(Persona).deleteRule("cascade").index(),
    module: () => p.manyToOne(ChatModule).nullable().deleteRule("cascade").index(),
    key: p.string().length(255),
    value: p.json<unknown>(),
  },
  indexes: [
    {
      name: "conversation_states_key_unique",
      expression:
        "create unique index conversation_states_key_unique on conversation_states (conversation_id, persona_id, coalesce(module_id, '00000000-0000-0000-0000-000000000000'::uuid), key)",
    },
  ],
});
export type IConversationState = InferEntity<typeof ConversationState>;

export const ConversationMemory = defineEntity({
  name: "ConversationMemory",
  tableName: "conversation_memories",
  properties: {
    ...baseProperties,
    conversation: () => p.manyToOne(Conversation).deleteRule("cascade"),
    persona: () => p.manyToOne(Persona).nullable().deleteRule("set null").index(),
    message: () => p.manyToOne(ChatMessage).nullable().deleteRule("set null").index(),
    content: p.text(),
    type: p.enum(MEMORY_TYPES).nativeEnumName("memory_type"),
    /** 0 to 1. */
    importance: p.double().default(0.5),
    lastAccessedAt: p.datetime(3).nullable(),
    accessCount: p.integer().default(0),
  },
  indexes: [
    { name: "conversation_memories_conversation_idx", properties: ["conversation", "createdAt"] },
    {
      name: "conversation_memories_search_idx",
      expression:
        "create index conversation_memories_search_idx on conversation_memories using gin (to_tsvector('english', content))",
    },
  ],
});
export type IConversationMemory = InferEntity<typeof ConversationMemory>;

/** The conversation engine's tables, for the ORM's list in ../entities.ts. */
export const conversationsEntities = [
  Persona,
  ChatModule,
  PersonaModuleLink,
  Conversation,
  ChatMessage,
  ConversationState,
  ConversationMemory,
];
