/** What the conversation engine's procedures answer (never entities). */
import type {
  ExecutionContext,
  MemoryType,
  MessageRole,
  MessageStatus,
  ModuleTraceEntry,
  ModuleType,
  PersonaMode,
  ProviderKind,
  TriggerKind,
} from "@shortlist/db";

export interface ProviderSettingsDTO {
  provider: ProviderKind;
  model: string | null;
  baseUrl: string | null;
  temperature: number | null;
  maxOutputTokens: number | null;
  timeoutMs: number | null;
  /** Whether an API key is stored (the key itself is never returned). */
  hasApiKey: boolean;
}

export interface PersonaDTO {
  id: string;
  version: number;
  name: string;
  description: string;
  template: string;
  mode: PersonaMode;
  firstMessage: string | null;
  /** `/api/personas/<id>/avatar` when one was uploaded. */
  avatarUrl: string | null;
  active: boolean;
  settings: ProviderSettingsDTO;
  /** Set on personas Shortlist ships (e.g. "intake"). */
  builtinKey: string | null;
  modules: { id: string; name: string; executionContext: ExecutionContext; active: boolean }[];
  createdAt: Date;
  updatedAt: Date;
}

export interface ChatModuleDTO {
  id: string;
  version: number;
  name: string;
  description: string;
  content: string;
  type: ModuleType;
  triggerKind: TriggerKind;
  triggerPattern: string | null;
  triggerKeywords: string[];
  script: string | null;
  executionContext: ExecutionContext;
  requiresAi: boolean;
  stagePriority: number;
  active: boolean;
  /** How many personas list it. */
  personaCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a module would do with a message: the module test action and each message's trace. */
export interface ModuleTestResult {
  fired: boolean;
  reason: string;
  /** The module's content rendered (what it adds to the prompt), when it fired. */
  content: string | null;
  stateChanges: { key: string; before: unknown; after: unknown }[];
  directives: ReplyDirectivesDTO;
  memories: { content: string; type: MemoryType; importance: number }[];
  /** A script that failed at run time (e.g. over its time limit): the module is skipped, the chat goes on. */
  error: string | null;
}

export interface ReplyDirectivesDTO {
  /** Lines the reply says as they are (the built-in provider) or must convey (a model). */
  say: string[];
  /** The next question to ask. */
  ask: string | null;
  quickReplies: string[];
  /** The conversation has reached its end (e.g. an interview's last answer). */
  end: boolean;
}

export interface ConversationDTO {
  id: string;
  title: string;
  persona: { id: string; name: string; mode: PersonaMode; avatarUrl: string | null };
  provider: ProviderKind;
  model: string | null;
  variables: Record<string, unknown>;
  subject: { kind: "candidate" | "job"; id: string } | null;
  messageCount: number;
  lastMessageAt: Date | null;
  createdAt: Date;
}

export interface ChatMessageDTO {
  id: string;
  conversationId: string;
  seq: number;
  role: MessageRole;
  content: string;
  reasoning: string | null;
  status: MessageStatus;
  error: string | null;
  replyToId: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyMs: number | null;
  trace: ModuleTraceEntry[];
  quickReplies: string[];
  createdAt: Date;
}

export interface ConversationStateDTO {
  id: string;
  version: number;
  moduleId: string | null;
  /** The module's name, or null for the persona's own state (a driver's). */
  moduleName: string | null;
  key: string;
  value: unknown;
  updatedAt: Date;
}

export interface MemoryDTO {
  id: string;
  content: string;
  type: MemoryType;
  importance: number;
  messageId: string | null;
  accessCount: number;
  lastAccessedAt: Date | null;
  createdAt: Date;
  /** Retrieval score (relevance × importance × recency) when the list answered a query. */
  score: number | null;
}

/**
 * Events of `conversations.events`, in order. A `delta` carries the reply's whole text (and reasoning) so far, not
 * only what is new, at most every 50 ms; a `message` is a message as stored after a change (sent, pending,
 * complete, failed, incomplete). Events are not stored: a client that reconnects reads `get` again.
 */
export type ConversationEvent =
  { type: "delta"; messageId: string; text: string; reasoning: string } | { type: "message"; message: ChatMessageDTO };
