/**
 * Personal data about a data subject (a candidate today), held by several modules. Each module that holds
 * some declares a holder in its port (`personalData`); `modules.ts` registers them all at load, and the
 * candidates module's export and erasure walk them (docs/audit.md, GDPR).
 */
import type { ProcedureContext } from "./context";

export interface PersonalDataHolder {
  /** Everything this module holds about the subject; its keys become top-level keys of the export document. */
  export(ctx: ProcedureContext, subjectId: string): Promise<Record<string, unknown>>;
  /** Deletes (or strips of personal values) what this module holds about the subject, in the caller's transaction. */
  erase(ctx: ProcedureContext, subjectId: string): Promise<void>;
}

export interface RegisteredHolder {
  module: string;
  holder: PersonalDataHolder;
}

let registered: readonly RegisteredHolder[] = [];

/** Called once by modules.ts with every module that declares `personalData`; a module listed twice is an error. */
export function registerPersonalDataHolders(holders: readonly RegisteredHolder[]) {
  const names = new Set<string>();
  for (const { module } of holders) {
    if (names.has(module)) throw new Error(`Module ${module} registers its personal-data holder twice`);
    names.add(module);
  }
  registered = [...holders];
}

export function personalDataHolders(): readonly RegisteredHolder[] {
  return registered;
}

/**
 * One export document from every holder. Two holders answering the same key would overwrite each other's data
 * silently, so that is an error.
 */
export async function exportFromHolders(ctx: ProcedureContext, subjectId: string) {
  const document: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const { module, holder } of registered) {
    for (const [key, value] of Object.entries(await holder.export(ctx, subjectId))) {
      if (owner.has(key))
        throw new Error(`Personal-data export: modules ${owner.get(key)} and ${module} both answer "${key}"`);
      owner.set(key, module);
      document[key] = value;
    }
  }
  return document;
}

export async function eraseFromHolders(ctx: ProcedureContext, subjectId: string) {
  for (const { holder } of registered) await holder.erase(ctx, subjectId);
}
