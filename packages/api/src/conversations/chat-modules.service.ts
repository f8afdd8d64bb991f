/** Chat modules: triggered prompt parts with an optional JSONata script; checked on save, testable as drafts. */
import { UniqueConstraintViolationException } from "@mikro-orm/core";
import { ChatModule, type EntityManager, type IChatModule } from "@shortlist/db";
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { InvalidInput, NotFound, StaleVersion } from "../errors";
import type { ChatModuleDTO, ModuleTestResult } from "./dto";
import { runChatModule, validateChatModule } from "./engine/modules-runtime";
import { chatModuleFields, toChatModuleDTO, toRuntimeModule } from "./persona-mappers";
import type { chatModuleInput, testChatModuleInput, updateChatModuleInput } from "./schemas";
import { assertNameFree, duplicateName } from "./unique-name";

type Ctx = Pick<ProcedureContext, "em" | "audit">;
type ModuleFields = z.output<typeof chatModuleInput>;

const KIND = "chat_module";

/** How many personas list each module (all modules, or the ones named). */
async function personaCounts(em: EntityManager, ids?: readonly string[]): Promise<Map<string, number>> {
  const rows = await em.execute<{ module_id: string; n: number }[]>(
    `select module_id, count(*)::int as n from persona_modules
     ${ids ? "where module_id in (select jsonb_array_elements_text(?::jsonb)::uuid)" : ""} group by module_id`,
    ids ? [JSON.stringify(ids)] : [],
  );
  return new Map(rows.map((row) => [row.module_id, Number(row.n)]));
}

async function findModule(em: EntityManager, id: string): Promise<IChatModule> {
  const module = await em.findOne(ChatModule, { id });
  if (!module) throw new NotFound("chat module", id);
  return module;
}

async function dtoOf(em: EntityManager, module: IChatModule): Promise<ChatModuleDTO> {
  return toChatModuleDTO(module, (await personaCounts(em, [module.id])).get(module.id) ?? 0);
}

export async function listChatModules(ctx: Ctx): Promise<ChatModuleDTO[]> {
  const [modules, counts] = await Promise.all([
    ctx.em.find(ChatModule, {}, { orderBy: { name: "asc" } }),
    personaCounts(ctx.em),
  ]);
  return modules.map((module) => toChatModuleDTO(module, counts.get(module.id) ?? 0));
}

export async function getChatModule(ctx: Ctx, id: string): Promise<ChatModuleDTO> {
  return dtoOf(ctx.em, await findModule(ctx.em, id));
}

/** The stored form: a blank pattern or script is none; keywords trimmed, each once. */
function normalized(input: ModuleFields) {
  const keywords = [...new Set(input.triggerKeywords.map((k) => k.trim()).filter(Boolean))];
  return {
    name: input.name,
    description: input.description,
    content: input.content,
    type: input.type,
    triggerKind: input.triggerKind,
    triggerPattern: input.triggerPattern?.trim() ? input.triggerPattern : null,
    triggerKeywords: keywords,
    script: input.script?.trim() ? input.script : null,
    executionContext: input.executionContext,
    requiresAi: input.requiresAi,
    stagePriority: input.stagePriority,
    active: input.active,
  };
}
type StoredFields = ReturnType<typeof normalized>;

/** Refuses the module with every problem under its field (pattern, keywords, script, content) and its position. */
function assertValid(fields: StoredFields) {
  const problems = validateChatModule(toRuntimeModule(fields));
  if (problems.length > 0) {
    const summary = problems.map((p) => `${p.path}: ${p.message}`).join("; ");
    throw new InvalidInput(`The module cannot be saved: ${summary}`, { fieldErrors: problems });
  }
}

const snapshot = (module: IChatModule): StoredFields => chatModuleFields(module);

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    b[key] = before[key] ?? null;
    a[key] = after[key];
  }
  return { before: b, after: a };
}

async function flushNamed(em: EntityManager, name: string) {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicateName("chat module", name);
    throw error;
  }
}

/** Refuses an invalid pattern or script with the error's position in `fieldErrors`. */
export async function createChatModule(ctx: Ctx, input: ModuleFields): Promise<ChatModuleDTO> {
  const fields = normalized(input);
  assertValid(fields);
  await assertNameFree(ctx.em, "chat module", fields.name, null);
  const module = ctx.em.create(ChatModule, fields);
  await flushNamed(ctx.em, fields.name);
  ctx.audit.record({ entity: { kind: KIND, id: module.id }, before: null, after: fields });
  return toChatModuleDTO(module, 0);
}

export async function updateChatModule(
  ctx: Ctx,
  input: z.output<typeof updateChatModuleInput>,
): Promise<ChatModuleDTO> {
  const module = await findModule(ctx.em, input.id);
  if (module.version !== input.version)
    throw new StaleVersion("chat module", { id: module.id, version: module.version });
  const fields = normalized(input);
  assertValid(fields);
  const change = changedFields(snapshot(module), fields);
  if (Object.keys(change.after).length > 0) {
    if (fields.name !== module.name) await assertNameFree(ctx.em, "chat module", fields.name, module.id);
    ctx.em.assign(module, fields);
    await flushNamed(ctx.em, fields.name);
  }
  ctx.audit.record({ entity: { kind: KIND, id: module.id }, ...change });
  return dtoOf(ctx.em, module);
}

/** Removes the module from every persona that lists it (and its state in conversations) with it. */
export async function deleteChatModule(ctx: Ctx, id: string, version: number): Promise<{ id: string }> {
  const module = await findModule(ctx.em, id);
  if (module.version !== version) throw new StaleVersion("chat module", { version: module.version });
  const personaCount = (await personaCounts(ctx.em, [id])).get(id) ?? 0;
  ctx.audit.record({ entity: { kind: KIND, id }, before: { ...snapshot(module), personaCount }, after: null });
  ctx.em.remove(module);
  await ctx.em.flush();
  return { id };
}

/** What the module (a draft: nothing is saved) would do with the sample message, state and reply. */
export async function testChatModule(input: z.output<typeof testChatModuleInput>): Promise<ModuleTestResult> {
  return runChatModule(toRuntimeModule(normalized(input.module)), {
    message: input.message,
    reply: input.reply ?? null,
    state: input.state,
    memories: [],
    variables: {},
  });
}
