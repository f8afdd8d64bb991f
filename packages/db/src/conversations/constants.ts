/** Browser-safe constants of the conversation engine (personas, modules, conversations, memories). */
export const PERSONA_MODES = ["chat", "interviewer", "intake"] as const;
export type PersonaMode = (typeof PERSONA_MODES)[number];

/** builtin: deterministic and offline; openai-compatible: any /v1/chat/completions server (Ollama, vLLM, hosted). */
export const PROVIDER_KINDS = ["builtin", "openai-compatible"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** simple: only content added to the prompt; advanced: a JSONata script too. */
export const MODULE_TYPES = ["simple", "advanced"] as const;
export type ModuleType = (typeof MODULE_TYPES)[number];

/** always: fires on every message; regex: an RE2 pattern; keywords: any listed word or phrase. */
export const TRIGGER_KINDS = ["always", "regex", "keywords"] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** IMMEDIATE runs before the reply, POST_RESPONSE after it is stored, ON_DEMAND only when called. */
export const EXECUTION_CONTEXTS = ["IMMEDIATE", "POST_RESPONSE", "ON_DEMAND"] as const;
export type ExecutionContext = (typeof EXECUTION_CONTEXTS)[number];

export const MESSAGE_ROLES = ["system", "user", "assistant"] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/**
 * complete: stored whole. pending: a reply waiting its turn; streaming: being generated; failed: the model
 * failed (retry it); incomplete: the server stopped mid-reply (retry it).
 */
export const MESSAGE_STATUSES = ["complete", "pending", "streaming", "failed", "incomplete"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const MEMORY_TYPES = ["fact", "preference", "event", "commitment"] as const;
export type MemoryType = (typeof MEMORY_TYPES)[number];

/** A conversation is about nobody, a candidate or a job (the vacancy intake). */
export const CONVERSATION_SUBJECTS = ["none", "candidate", "job"] as const;
export type ConversationSubjectKind = (typeof CONVERSATION_SUBJECTS)[number];
