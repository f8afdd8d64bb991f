import type { ExecutionContext, ModuleType, TriggerKind } from "@shortlist/api/schemas";
import type { ChatModule, ChatModuleDraft } from "../types";

export interface ModuleFormValues {
  name: string;
  description: string;
  content: string;
  type: ModuleType;
  triggerKind: TriggerKind;
  triggerPattern: string;
  triggerKeywords: string[];
  script: string;
  executionContext: ExecutionContext;
  requiresAi: boolean;
  stagePriority: number | string;
  active: boolean;
}

export const moduleFormValues = (module?: ChatModule): ModuleFormValues => ({
  name: module?.name ?? "",
  description: module?.description ?? "",
  content: module?.content ?? "",
  type: module?.type ?? "simple",
  triggerKind: module?.triggerKind ?? "always",
  triggerPattern: module?.triggerPattern ?? "",
  triggerKeywords: module?.triggerKeywords ?? [],
  script: module?.script ?? "",
  executionContext: module?.executionContext ?? "IMMEDIATE",
  requiresAi: module?.requiresAi ?? false,
  stagePriority: module?.stagePriority ?? 100,
  active: module?.active ?? true,
});

/** What chatModules.create/update/test take: the pattern only for a pattern trigger, the script only when advanced. */
export function moduleInputOf(values: ModuleFormValues): ChatModuleDraft {
  return {
    name: values.name,
    description: values.description,
    content: values.content,
    type: values.type,
    triggerKind: values.triggerKind,
    triggerPattern: values.triggerKind === "regex" ? values.triggerPattern : null,
    triggerKeywords: values.triggerKind === "keywords" ? values.triggerKeywords : [],
    script: values.type === "advanced" ? values.script : null,
    executionContext: values.executionContext,
    requiresAi: values.requiresAi,
    stagePriority: typeof values.stagePriority === "number" ? values.stagePriority : 100,
    active: values.active,
  };
}
