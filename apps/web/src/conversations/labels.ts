import type {
  ExecutionContext,
  MemoryType,
  MessageStatus,
  ModuleType,
  PersonaMode,
  ProviderKind,
  TriggerKind,
} from "@shortlist/api/schemas";
import type { JsonObject } from "./types";

const options = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));

export const PERSONA_MODE_LABEL: Record<PersonaMode, string> = {
  chat: "Chat",
  interviewer: "Interviewer",
  intake: "Vacancy intake",
};
export const PROVIDER_LABEL: Record<ProviderKind, string> = {
  builtin: "Built-in (offline)",
  "openai-compatible": "OpenAI-compatible model",
};
export const MODULE_TYPE_LABEL: Record<ModuleType, string> = { simple: "Simple", advanced: "Advanced (script)" };
export const TRIGGER_LABEL: Record<TriggerKind, string> = {
  always: "Always",
  regex: "Pattern (RE2)",
  keywords: "Keywords",
};
export const CONTEXT_LABEL: Record<ExecutionContext, string> = {
  IMMEDIATE: "Immediate (before the reply)",
  POST_RESPONSE: "Post-response (after the reply)",
  ON_DEMAND: "On demand",
};
export const CONTEXT_SHORT: Record<ExecutionContext, string> = {
  IMMEDIATE: "Immediate",
  POST_RESPONSE: "Post-response",
  ON_DEMAND: "On demand",
};
export const MEMORY_TYPE_LABEL: Record<MemoryType, string> = {
  fact: "Fact",
  preference: "Preference",
  event: "Event",
  commitment: "Commitment",
};
export const STATUS_LABEL: Record<MessageStatus, string> = {
  complete: "Complete",
  pending: "Waiting",
  streaming: "Streaming",
  failed: "Failed",
  incomplete: "Incomplete",
};

export const PERSONA_MODE_OPTIONS = options(PERSONA_MODE_LABEL);
export const PROVIDER_OPTIONS = options(PROVIDER_LABEL);
export const MODULE_TYPE_OPTIONS = options(MODULE_TYPE_LABEL);
export const TRIGGER_OPTIONS = options(TRIGGER_LABEL);
export const CONTEXT_OPTIONS = options(CONTEXT_LABEL);

/** JSON shown in a cell or a panel: compact for scalars, indented for objects. */
export const showJson = (value: unknown, indent = 2): string =>
  value === undefined
    ? "—"
    : typeof value === "object" && value !== null
      ? JSON.stringify(value, null, indent)
      : JSON.stringify(value);

/** Parses text the user typed as a JSON object; the error is a sentence for the input. */
export function parseJsonObject(text: string): { value: JsonObject } | { error: string } {
  if (!text.trim()) return { value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return { error: 'Must be a JSON object, such as {"name": "Ada"}' };
    return { value: value as JsonObject };
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
}
