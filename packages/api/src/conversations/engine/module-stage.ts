/** One stage's modules (IMMEDIATE or POST_RESPONSE) run in priority order: their state written, their trace kept. */
import type { EntityManager, ExecutionContext, ModuleTraceEntry } from "@shortlist/db";
import type { ModuleTestResult, ReplyDirectivesDTO } from "../dto";
import { writeState, type StateSnapshot } from "../state.service";
import type { NewMemory } from "./memory";
import { runChatModule, type ModuleRunInput, type RuntimeModule } from "./modules-runtime";

export interface LoadedModule extends RuntimeModule {
  id: string;
}

export const emptyDirectives = (): ReplyDirectivesDTO => ({ say: [], ask: null, quickReplies: [], end: false });

/** Adds `more` after what is there: lines and buttons append, the first question asked stays, `end` sticks. */
export function mergeDirectives(into: ReplyDirectivesDTO, more: Partial<ReplyDirectivesDTO> | undefined): void {
  if (!more) return;
  into.say.push(...(more.say ?? []).filter((line) => line.trim().length > 0));
  if (!into.ask && more.ask) into.ask = more.ask;
  for (const reply of more.quickReplies ?? []) if (!into.quickReplies.includes(reply)) into.quickReplies.push(reply);
  into.end ||= more.end ?? false;
}

const hasDirectives = (d: ReplyDirectivesDTO) =>
  d.say.length > 0 || d.ask !== null || d.quickReplies.length > 0 || d.end;

export interface StageInput {
  em: EntityManager;
  conversationId: string;
  personaId: string;
  /** The built-in provider is in use: modules that need a model are skipped. */
  builtin: boolean;
  message: string;
  reply: string | null;
  memories: ModuleRunInput["memories"];
  variables: Record<string, unknown>;
  /** Read and updated as modules write state (a later module sees an earlier one's changes to its own state). */
  state: StateSnapshot;
}

export interface StageOutcome {
  trace: ModuleTraceEntry[];
  directives: ReplyDirectivesDTO;
  /** The fired modules' rendered content, in the order they ran. */
  contents: string[];
  memories: NewMemory[];
}

/** The modules of `stage`, lower `stagePriority` first (the persona's order among equals). */
export function modulesOf(modules: readonly LoadedModule[], stage: ExecutionContext): LoadedModule[] {
  return modules
    .map((module, index) => ({ module, index }))
    .filter(({ module }) => module.executionContext === stage && module.active)
    .sort((a, b) => a.module.stagePriority - b.module.stagePriority || a.index - b.index)
    .map(({ module }) => module);
}

export async function runModuleStage(
  input: StageInput,
  modules: readonly LoadedModule[],
  stage: "IMMEDIATE" | "POST_RESPONSE",
): Promise<StageOutcome> {
  const outcome: StageOutcome = { trace: [], directives: emptyDirectives(), contents: [], memories: [] };
  for (const module of modulesOf(modules, stage)) {
    const started = performance.now();
    if (module.requiresAi && input.builtin) {
      outcome.trace.push({
        moduleId: module.id,
        name: module.name,
        stage,
        fired: false,
        reason: "needs a model; this conversation uses the built-in provider",
        stateChanges: [],
        ms: 0,
      });
      continue;
    }
    const result = await runSafely(module, {
      message: input.message,
      reply: input.reply,
      state: { ...(input.state.byModule.get(module.id) ?? {}) },
      memories: input.memories,
      variables: input.variables,
    });
    await applyModuleResult(input, module.id, result);
    if (result.fired && !result.error) {
      mergeDirectives(outcome.directives, result.directives);
      if (result.content?.trim()) outcome.contents.push(result.content.trim());
      outcome.memories.push(...result.memories);
    }
    outcome.trace.push(traceEntry(module, stage, result, performance.now() - started));
  }
  return outcome;
}

/** Writes a module's state changes (and records them in `input.state`). */
export async function applyModuleResult(input: StageInput, moduleId: string, result: ModuleTestResult): Promise<void> {
  if (result.error || result.stateChanges.length === 0) return;
  const values: Record<string, unknown> = {};
  for (const change of result.stateChanges) values[change.key] = change.after ?? null;
  await writeState(input.em, { conversationId: input.conversationId, personaId: input.personaId, moduleId }, values);
  input.state.byModule.set(moduleId, { ...(input.state.byModule.get(moduleId) ?? {}), ...values });
}

/** A module that throws is skipped with its error in the trace: a module never fails the reply. */
export async function runSafely(
  module: RuntimeModule,
  input: ModuleRunInput,
  options: { force?: boolean } = {},
): Promise<ModuleTestResult> {
  try {
    return await runChatModule(module, input, options);
  } catch (error) {
    return {
      fired: false,
      reason: "the module failed",
      content: null,
      stateChanges: [],
      directives: emptyDirectives(),
      memories: [],
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

export function traceEntry(
  module: LoadedModule,
  stage: ModuleTraceEntry["stage"],
  result: ModuleTestResult,
  ms: number,
): ModuleTraceEntry {
  return {
    moduleId: module.id,
    name: module.name,
    stage,
    fired: result.fired && !result.error,
    reason: result.reason,
    stateChanges: result.error ? [] : result.stateChanges,
    ...(result.fired && hasDirectives(result.directives) ? { directives: { ...result.directives } } : {}),
    ...(result.error ? { error: result.error } : {}),
    ms: Math.round(ms),
  };
}
