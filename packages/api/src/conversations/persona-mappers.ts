/** Personas and chat modules as procedures answer them (never entities; never a persona's API key). */
import type { IChatModule, IPersona, ProviderOptions } from "@shortlist/db";
import type { ChatModuleDTO, PersonaDTO, ProviderSettingsDTO } from "./dto";
import type { RuntimeModule } from "./engine/modules-runtime";
import { personaAvatarPath } from "./schemas";

export type PersonaModuleSummary = PersonaDTO["modules"][number];

/** The avatar's URL; its file name (new on every upload) rides along so a browser fetches a replaced image anew. */
export function avatarUrlOf(persona: Pick<IPersona, "id" | "avatarFile">): string | null {
  if (!persona.avatarFile) return null;
  return `${personaAvatarPath.build({ id: persona.id })}?v=${encodeURIComponent(persona.avatarFile)}`;
}

export function toProviderSettingsDTO(
  persona: Pick<IPersona, "provider" | "model" | "providerOptions" | "apiKeySealed">,
): ProviderSettingsDTO {
  const options: ProviderOptions = persona.providerOptions ?? {};
  return {
    provider: persona.provider,
    model: persona.model ?? null,
    baseUrl: options.baseUrl ?? null,
    temperature: options.temperature ?? null,
    maxOutputTokens: options.maxOutputTokens ?? null,
    timeoutMs: options.timeoutMs ?? null,
    hasApiKey: persona.apiKeySealed !== null && persona.apiKeySealed !== undefined,
  };
}

export function toPersonaDTO(persona: IPersona, modules: PersonaModuleSummary[]): PersonaDTO {
  return {
    id: persona.id,
    version: persona.version,
    name: persona.name,
    description: persona.description,
    template: persona.template,
    mode: persona.mode,
    firstMessage: persona.firstMessage ?? null,
    avatarUrl: avatarUrlOf(persona),
    active: persona.active,
    settings: toProviderSettingsDTO(persona),
    builtinKey: persona.builtinKey ?? null,
    modules,
    createdAt: persona.createdAt,
    updatedAt: persona.updatedAt,
  };
}

/** A module's own fields as stored: the DTO's body and the audit trail's before/after. */
export const chatModuleFields = (module: IChatModule) => ({
  name: module.name,
  description: module.description,
  content: module.content,
  type: module.type,
  triggerKind: module.triggerKind,
  triggerPattern: module.triggerPattern ?? null,
  triggerKeywords: [...(module.triggerKeywords ?? [])],
  script: module.script ?? null,
  executionContext: module.executionContext,
  requiresAi: module.requiresAi,
  stagePriority: module.stagePriority,
  active: module.active,
});

export function toChatModuleDTO(module: IChatModule, personaCount: number): ChatModuleDTO {
  return {
    id: module.id,
    version: module.version,
    ...chatModuleFields(module),
    personaCount,
    createdAt: module.createdAt,
    updatedAt: module.updatedAt,
  };
}

/** A saved module (or a module's input, as a draft) as the runtime takes it. */
export function toRuntimeModule(
  module: Omit<RuntimeModule, "id" | "triggerPattern" | "script"> & {
    id?: string | null;
    triggerPattern?: string | null;
    script?: string | null;
  },
): RuntimeModule {
  return {
    id: module.id ?? null,
    name: module.name,
    content: module.content,
    type: module.type,
    triggerKind: module.triggerKind,
    triggerPattern: module.triggerPattern ?? null,
    triggerKeywords: [...module.triggerKeywords],
    script: module.script ?? null,
    executionContext: module.executionContext,
    requiresAi: module.requiresAi,
    stagePriority: module.stagePriority,
    active: module.active,
  };
}
