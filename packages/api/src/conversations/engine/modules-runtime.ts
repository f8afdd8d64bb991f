/**
 * Runs one chat module against a message: trigger (always, an RE2 pattern, keywords), then its JSONata script
 * (bounded in time and depth), then its content rendered with Liquid. Never eval, vm or Function.
 */
import type { ExecutionContext, MemoryType, ModuleType, TriggerKind } from "@shortlist/db";
import type { FieldError } from "../../shared/errors";
import type { ModuleTestResult, ReplyDirectivesDTO } from "../dto";
import { evaluateTrigger, patternProblem } from "./module-trigger";
import { runScript, scriptProblem, type ScriptResult } from "./module-script";
import { renderTemplate, templateProblem } from "./prompt";

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

const noDirectives = (): ReplyDirectivesDTO => ({ say: [], ask: null, quickReplies: [], end: false });

function notRun(fired: boolean, reason: string, error: string | null = null): ModuleTestResult {
  return { fired, reason, content: null, stateChanges: [], directives: noDirectives(), memories: [], error };
}

// Sample state comes from callers as any JSON-ish value (a BigInt included): compared without throwing.
const asJson = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
const sameJson = (a: unknown, b: unknown) => asJson(a) === asJson(b);

/** The state after the script's updates, and each key whose value changed. */
function applyState(before: Record<string, unknown>, updates: Record<string, unknown> = {}) {
  const after = { ...before };
  const changes: ModuleTestResult["stateChanges"] = [];
  for (const [key, value] of Object.entries(updates)) {
    const next = value === undefined ? null : value;
    if (!sameJson(before[key], next)) changes.push({ key, before: before[key] ?? null, after: next });
    after[key] = next;
  }
  return { after, changes };
}

function directivesOf(result: ScriptResult): ReplyDirectivesDTO {
  const say = result.say === undefined ? [] : Array.isArray(result.say) ? result.say : [result.say];
  return {
    say: say.filter((line) => line.trim() !== ""),
    ask: result.ask?.trim() ? result.ask : null,
    quickReplies: result.quickReplies ?? [],
    end: result.end ?? false,
  };
}

/** `force`: run the script and content even though the trigger does not match (ON_DEMAND runs). */
export async function runChatModule(
  module: RuntimeModule,
  input: ModuleRunInput,
  options: { force?: boolean } = {},
): Promise<ModuleTestResult> {
  if (!module.active && !options.force) return notRun(false, "inactive");
  const trigger = evaluateTrigger(module, input.message);
  if (trigger.error && !options.force) return notRun(true, trigger.reason, trigger.error);
  if (!trigger.fired && !options.force) return notRun(false, trigger.reason);
  const reason = trigger.fired ? trigger.reason : `run on demand (${trigger.reason})`;

  let result: ScriptResult = {};
  if (module.type === "advanced" && module.script?.trim()) {
    const document = {
      message: input.message,
      reply: input.reply,
      state: input.state,
      memories: input.memories,
      variables: input.variables,
    };
    const outcome = await runScript(module.script, document);
    if (!outcome.ok) return notRun(true, reason, outcome.error);
    result = outcome.result;
  }
  const state = applyState(input.state, result.state);

  let content: string | null = null;
  if (module.content.trim()) {
    try {
      content = await renderTemplate(
        module.content,
        { message: input.message, state: state.after, variables: input.variables, memories: input.memories },
        "content",
      );
    } catch (error) {
      return notRun(true, reason, `content: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return {
    fired: true,
    reason,
    content,
    stateChanges: state.changes,
    directives: directivesOf(result),
    memories: (result.memories ?? []).map((m) => ({ content: m.content, type: m.type, importance: m.importance })),
    error: null,
  };
}

/** Problems with a module's pattern, script or content, each naming its field and the error's position. */
export function validateChatModule(module: RuntimeModule): FieldError[] {
  const problems: FieldError[] = [];
  if (module.triggerKind === "regex") {
    if (!module.triggerPattern?.trim()) {
      problems.push({ path: "triggerPattern", message: "A regex trigger needs a pattern" });
    } else {
      const problem = patternProblem(module.triggerPattern);
      if (problem) problems.push({ path: "triggerPattern", message: problem });
    }
  }
  if (module.triggerKind === "keywords" && !module.triggerKeywords.some((k) => k.trim()))
    problems.push({ path: "triggerKeywords", message: "A keywords trigger needs at least one keyword" });
  if (module.type === "advanced") {
    if (!module.script?.trim()) {
      problems.push({ path: "script", message: "An advanced module needs a script (JSONata)" });
    } else {
      const problem = scriptProblem(module.script);
      if (problem) {
        const at = problem.position === null ? "" : ` at position ${problem.position}`;
        problems.push({ path: "script", message: `script: ${problem.message}${at}` });
      }
    }
  }
  const content = templateProblem(module.content, "content");
  if (content) problems.push(content);
  return problems;
}
