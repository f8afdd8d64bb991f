/** The conversation engine's inputs (browser-safe). Objects are strict: an unknown field is refused. */
import { z } from "zod";
import {
  EXECUTION_CONTEXTS,
  MEMORY_TYPES,
  MODULE_TYPES,
  PERSONA_MODES,
  PROVIDER_KINDS,
  TRIGGER_KINDS,
} from "@shortlist/db/constants";
import { recordVersion, uuid } from "../shared/ids";
import { pathPattern } from "../shared/paths";
import { multiLineText, singleLineText } from "../shared/text";

export {
  EXECUTION_CONTEXTS,
  MEMORY_TYPES,
  MESSAGE_STATUSES,
  MODULE_TYPES,
  PERSONA_MODES,
  PROVIDER_KINDS,
  TRIGGER_KINDS,
  type ExecutionContext,
  type MemoryType,
  type MessageStatus,
  type ModuleType,
  type PersonaMode,
  type ProviderKind,
  type TriggerKind,
} from "@shortlist/db/constants";

/** Variables and state: JSON only (no dates, BigInts or undefined), so what is stored reads back the same. */
const jsonObject = z.record(z.string(), z.json({ error: "Must be a JSON value" }));

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `Must be one of: ${values.join(", ")}` });
const name = singleLineText(120).pipe(z.string().trim().min(1, "Must not be empty"));
const description = multiLineText(2_000).default("");
/** A Liquid template (persona system prompt, module content): checked for syntax by the service. */
const template = multiLineText(20_000);

/** Model settings; `apiKey` is write-only: sealed when saved, never returned (null clears it, absent keeps it). */
export const providerSettingsInput = z.strictObject({
  provider: oneOf(PROVIDER_KINDS).default("builtin"),
  model: singleLineText(200).pipe(z.string().trim().min(1, "Must not be empty")).nullish(),
  baseUrl: z.url({ protocol: /^https?$/, error: "Must be an http(s) URL such as http://localhost:11434/v1" }).nullish(),
  apiKey: singleLineText(500).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  maxOutputTokens: z.int().min(1).max(32_000).nullish(),
  timeoutMs: z.int().min(1_000).max(600_000).nullish(),
});
export type ProviderSettingsInput = z.input<typeof providerSettingsInput>;

export const personaInput = z.strictObject({
  name,
  description,
  template: template.pipe(z.string().trim().min(1, "Must not be empty")),
  mode: oneOf(PERSONA_MODES).default("chat"),
  firstMessage: multiLineText(4_000).nullish(),
  active: z.boolean().default(true),
  settings: providerSettingsInput.default({ provider: "builtin" }),
  /** The persona's modules in the order they are listed (ids of chat modules). */
  moduleIds: z.array(uuid).max(50).default([]),
});
export type PersonaInput = z.input<typeof personaInput>;

export const createPersonaInput = personaInput;
export const updatePersonaInput = personaInput.extend({ id: uuid, version: recordVersion });
export type UpdatePersonaInput = z.input<typeof updatePersonaInput>;

/** Renders a persona's template with sample variables and state, as the model would see it (nothing saved). */
export const previewPersonaInput = z.strictObject({
  template,
  variables: jsonObject.default({}),
  state: jsonObject.default({}),
});

export const chatModuleInput = z.strictObject({
  name,
  description,
  content: template.default(""),
  type: oneOf(MODULE_TYPES).default("simple"),
  triggerKind: oneOf(TRIGGER_KINDS).default("always"),
  /** RE2 syntax; required when triggerKind is regex. */
  triggerPattern: singleLineText(1_000).nullish(),
  triggerKeywords: z
    .array(singleLineText(100).pipe(z.string().trim().min(1, "Must not be empty")))
    .max(100)
    .default([]),
  /** JSONata; required when type is advanced. */
  script: multiLineText(20_000).nullish(),
  executionContext: oneOf(EXECUTION_CONTEXTS).default("IMMEDIATE"),
  requiresAi: z.boolean().default(false),
  stagePriority: z.int().min(0).max(10_000).default(100),
  active: z.boolean().default(true),
});
export type ChatModuleInput = z.input<typeof chatModuleInput>;
export const updateChatModuleInput = chatModuleInput.extend({ id: uuid, version: recordVersion });
export type UpdateChatModuleInput = z.input<typeof updateChatModuleInput>;

/** Runs a module (saved, or a draft) against a sample message and state: what it would do; nothing saved. */
export const testChatModuleInput = z.strictObject({
  module: chatModuleInput,
  message: multiLineText(8_000),
  state: jsonObject.default({}),
  reply: multiLineText(8_000).nullish(),
});
export type TestChatModuleInput = z.input<typeof testChatModuleInput>;

export const startConversationInput = z.strictObject({
  personaId: uuid,
  title: singleLineText(200).pipe(z.string().trim().min(1, "Must not be empty")).optional(),
  variables: jsonObject.default({}),
  candidateId: uuid.nullish(),
});
export type StartConversationInput = z.input<typeof startConversationInput>;

export const conversationListInput = z.strictObject({
  personaId: uuid.optional(),
  limit: z.int().min(1).max(100).default(25),
  cursor: z
    .string()
    .regex(/^\d{13}:[0-9a-f-]{36}$/, "Must be the nextCursor of a previous page")
    .nullish(),
  direction: z.literal("forward").optional(),
});

export const sendMessageInput = z.strictObject({
  conversationId: uuid,
  content: multiLineText(8_000).pipe(z.string().trim().min(1, "Write a message first")),
});
export type SendMessageInput = z.input<typeof sendMessageInput>;

/** Waits (at most `timeoutMs`) until a reply is no longer pending or streaming; answers it as it is then. */
export const awaitReplyInput = z.strictObject({
  messageId: uuid,
  timeoutMs: z.int().min(0).max(60_000).default(30_000),
});

/** The conversation's live events: replies as they stream, messages as they change. */
export const conversationEventsInput = z.strictObject({ conversationId: uuid, lastEventId: z.string().nullish() });

export const runModuleInput = z.strictObject({ conversationId: uuid, moduleId: uuid });

export const setStateInput = z.strictObject({
  id: uuid,
  value: z.json({ error: "Must be a JSON value (text, number, true/false, null, a list or an object)" }),
  version: recordVersion,
});
export type SetStateInput = z.input<typeof setStateInput>;

export const memorySearchInput = z.strictObject({
  conversationId: uuid,
  query: singleLineText(500).default(""),
  limit: z.int().min(1).max(50).default(10),
});

export const addMemoryInput = z.strictObject({
  conversationId: uuid,
  content: multiLineText(2_000).pipe(z.string().trim().min(1, "Must not be empty")),
  type: oneOf(MEMORY_TYPES).default("fact"),
  importance: z.number().min(0).max(1).default(0.5),
});

/** A persona's avatar image: POST uploads it (admins; PNG, JPEG or WebP up to 512 KB), GET serves it (writers). */
export const personaAvatarPath = pathPattern("/api/personas/:id/avatar");
/** The avatar upload's multipart field and limits, for the SPA's checks before it sends. */
export const AVATAR_UPLOAD = {
  field: "avatar",
  maxBytes: 512 * 1024,
  types: ["image/png", "image/jpeg", "image/webp"],
} as const;
