/**
 * Runs one chat module against a message: trigger (always, an RE2 pattern, keywords), then its JSONata script
 * (bounded in time and depth), then its content rendered with Liquid. Never eval, vm or Function.
 */
import type { ExecutionContext, MemoryType, ModuleType, TriggerKind } from "@shortlist/db";
import type { FieldError } from "../../shared/errors";
import type { ModuleTestResult } from "../dto";

/** A module as the runtime needs it (a saved one, or a draft in the test action). */
export interface RuntimeModule {
  id: string | null;
  name: string;
  content: string;
  type: ModuleType;
  triggerKind: TriggerKind;
  triggerPattern: string | null;
  triggerKeywords: readonly string[];
  script: string | null;
  executionContext: ExecutionContext;
  requiresAi: boolean;
  stagePriority: number;
  active: boolean;
}

export interface ModuleRunInput {
  /** The user's message. */
  message: string;
  /** The stored reply (POST_RESPONSE only). */
  reply: string | null;
  /** This module's own state in this conversation, key → value. */
  state: Record<string, unknown>;
  memories: { content: string; type: MemoryType; importance: number }[];
  /** The conversation's variables. */
  variables: Record<string, unknown>;
}

/** `force`: run the script and content even though the trigger does not match (ON_DEMAND runs). */
export async function runChatModule(
  _module: RuntimeModule,
  _input: ModuleRunInput,
  _options: { force?: boolean } = {},
): Promise<ModuleTestResult> {
  throw new Error("not implemented yet");
}

/** Problems with a module's pattern, script or content, each naming its field and the error's position. */
export function validateChatModule(_module: RuntimeModule): FieldError[] {
  throw new Error("not implemented yet");
}
