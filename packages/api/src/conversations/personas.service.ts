/**
 * Personas: a system template (Liquid), provider settings (the API key sealed with the persona's own data key,
 * never returned nor audited), an ordered list of chat modules, an avatar. Built-in personas (builtin_key) keep
 * their name and cannot be deleted; a persona conversations use cannot be deleted either (deactivate it).
 */
import { randomUUID } from "node:crypto";
import { UniqueConstraintViolationException } from "@mikro-orm/core";
import { Persona, type EntityManager, type IPersona, type Keyring, type ProviderOptions } from "@shortlist/db";
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { DomainError, InvalidInput, NotFound, StaleVersion } from "../errors";
import type { PersonaDTO } from "./dto";
import { renderTemplate, templateProblem } from "./engine/prompt";
import { removeAvatarFile } from "./avatar-files";
import { toPersonaDTO, type PersonaModuleSummary } from "./persona-mappers";
import type { createPersonaInput, previewPersonaInput, updatePersonaInput } from "./schemas";
import { assertNameFree, duplicateName } from "./unique-name";

type Ctx = Pick<ProcedureContext, "em" | "audit" | "keyring" | "config" | "getAuth">;
type PersonaFields = z.output<typeof createPersonaInput>;

const KIND = "persona";

/** The modules of each persona named (all when none are), in the persona's order. */
async function modulesOf(em: EntityManager, personaIds?: readonly string[]) {
  const rows = await em.execute<(PersonaModuleSummary & { persona_id: string; execution_context: string })[]>(
    `select pm.persona_id, m.id, m.name, m.execution_context, m.active
     from persona_modules pm join chat_modules m on m.id = pm.module_id
     ${personaIds ? "where pm.persona_id in (select jsonb_array_elements_text(?::jsonb)::uuid)" : ""}
     order by pm.persona_id, pm.position`,
    personaIds ? [JSON.stringify(personaIds)] : [],
  );
  const byPersona = new Map<string, PersonaModuleSummary[]>();
  for (const row of rows) {
    const list = byPersona.get(row.persona_id) ?? [];
    list.push({
      id: row.id,
      name: row.name,
      executionContext: row.execution_context as PersonaModuleSummary["executionContext"],
      active: row.active,
    });
    byPersona.set(row.persona_id, list);
  }
  return byPersona;
}

async function findPersona(em: EntityManager, id: string): Promise<IPersona> {
  const persona = await em.findOne(Persona, { id });
  if (!persona) throw new NotFound("persona", id);
  return persona;
}

/** The persona as procedures answer it, with its modules in order. */
export async function personaDTO(em: EntityManager, persona: IPersona): Promise<PersonaDTO> {
  return toPersonaDTO(persona, (await modulesOf(em, [persona.id])).get(persona.id) ?? []);
}

export async function listPersonas(ctx: Ctx): Promise<PersonaDTO[]> {
  const [personas, modules] = await Promise.all([
    ctx.em.find(Persona, {}, { orderBy: { name: "asc" } }),
    modulesOf(ctx.em),
  ]);
  return personas.map((persona) => toPersonaDTO(persona, modules.get(persona.id) ?? []));
}

export async function getPersona(ctx: Ctx, id: string): Promise<PersonaDTO> {
  return personaDTO(ctx.em, await findPersona(ctx.em, id));
}

/** The persona's API key, opened for the engine's model call; null when none is stored (or its key was shredded). */
export async function openPersonaApiKey(
  ctx: { em: EntityManager; keyring: Keyring },
  personaId: string,
): Promise<string | null> {
  const rows = await ctx.em.execute<{ api_key_sealed: IPersona["apiKeySealed"] }[]>(
    "select api_key_sealed from personas where id = ?",
    [personaId],
  );
  const sealed = rows[0]?.api_key_sealed;
  if (!sealed) return null;
  const opened = await ctx.keyring.open(ctx.em, sealed);
  return opened.ok && typeof opened.value === "string" ? opened.value : null;
}

/** The template parses and every module listed exists, once each. */
async function assertValid(em: EntityManager, input: PersonaFields) {
  const problem = templateProblem(input.template, "template");
  if (problem) throw new InvalidInput(problem.message, { fieldErrors: [problem] });
  if (input.firstMessage) {
    const first = templateProblem(input.firstMessage, "firstMessage");
    if (first) throw new InvalidInput(first.message, { fieldErrors: [first] });
  }
  const twice = input.moduleIds.filter((id, i) => input.moduleIds.indexOf(id) !== i);
  if (twice.length > 0) throw InvalidInput.field("moduleIds", `A module is listed twice: ${twice.join(", ")}`);
  if (input.moduleIds.length === 0) return;
  const found = await em.execute<{ id: string }[]>(
    "select id from chat_modules where id in (select jsonb_array_elements_text(?::jsonb)::uuid)",
    [JSON.stringify(input.moduleIds)],
  );
  const known = new Set(found.map((row) => row.id));
  const missing = input.moduleIds.filter((id) => !known.has(id));
  if (missing.length > 0) throw InvalidInput.field("moduleIds", `No chat module has the id ${missing.join(", ")}`);
}

/** The persona's columns from the input (the API key apart). */
function columnsOf(input: PersonaFields) {
  const { settings } = input;
  const options: ProviderOptions = {};
  if (settings.baseUrl != null) options.baseUrl = settings.baseUrl;
  if (settings.temperature != null) options.temperature = settings.temperature;
  if (settings.maxOutputTokens != null) options.maxOutputTokens = settings.maxOutputTokens;
  if (settings.timeoutMs != null) options.timeoutMs = settings.timeoutMs;
  return {
    name: input.name,
    description: input.description,
    template: input.template,
    mode: input.mode,
    firstMessage: input.firstMessage?.trim() ? input.firstMessage : null,
    active: input.active,
    provider: settings.provider,
    model: settings.model ?? null,
    providerOptions: options,
  };
}

/** What the audit trail keeps of a persona: its fields and modules; of the API key only whether one is stored. */
function auditView(persona: ReturnType<typeof columnsOf>, moduleIds: readonly string[]) {
  return { ...persona, moduleIds: [...moduleIds] };
}

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

async function writeModules(em: EntityManager, personaId: string, moduleIds: readonly string[]) {
  await em.execute("delete from persona_modules where persona_id = ?", [personaId]);
  if (moduleIds.length === 0) return;
  await em.execute(
    `insert into persona_modules (persona_id, module_id, position)
     select ?, value::uuid, ordinality::int from jsonb_array_elements_text(?::jsonb) with ordinality`,
    [personaId, JSON.stringify(moduleIds)],
  );
}

async function flushNamed(em: EntityManager, name: string) {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicateName("persona", name);
    throw error;
  }
}

export async function createPersona(ctx: Ctx, input: PersonaFields): Promise<PersonaDTO> {
  await assertValid(ctx.em, input);
  await assertNameFree(ctx.em, "persona", input.name, null);
  const id = randomUUID();
  const columns = columnsOf(input);
  const apiKey = input.settings.apiKey?.trim() || null;
  const auth = await ctx.getAuth();
  const persona = ctx.em.create(Persona, {
    id,
    ...columns,
    apiKeySealed: apiKey ? await ctx.keyring.seal(ctx.em, id, apiKey) : null,
    createdById: auth?.user.id ?? null,
  });
  await flushNamed(ctx.em, input.name);
  await writeModules(ctx.em, id, input.moduleIds);
  ctx.audit.record({
    entity: { kind: KIND, id },
    before: null,
    after: { ...auditView(columns, input.moduleIds), ...(apiKey ? { apiKey: "set" } : {}) },
  });
  return personaDTO(ctx.em, persona);
}

function builtinRefusal(persona: IPersona, action: string): DomainError {
  return new DomainError(
    "precondition_failed",
    `${persona.name} is built into Shortlist: it cannot be ${action}; deactivate it or edit its template instead`,
    {
      details: { builtinKey: persona.builtinKey },
      ...(action === "renamed"
        ? { fieldErrors: [{ path: "name", message: "A built-in persona keeps its name" }] }
        : {}),
    },
  );
}

export async function updatePersona(ctx: Ctx, input: z.output<typeof updatePersonaInput>): Promise<PersonaDTO> {
  const persona = await findPersona(ctx.em, input.id);
  if (persona.version !== input.version)
    throw new StaleVersion("persona", { id: persona.id, version: persona.version });
  if (persona.builtinKey && input.name !== persona.name) throw builtinRefusal(persona, "renamed");
  await assertValid(ctx.em, input);
  const currentModules = ((await modulesOf(ctx.em, [persona.id])).get(persona.id) ?? []).map((m) => m.id);
  const columns = columnsOf(input);
  const before = auditView(
    {
      name: persona.name,
      description: persona.description,
      template: persona.template,
      mode: persona.mode,
      firstMessage: persona.firstMessage ?? null,
      active: persona.active,
      provider: persona.provider,
      model: persona.model ?? null,
      providerOptions: persona.providerOptions ?? {},
    },
    currentModules,
  );
  const change = changedFields(before, auditView(columns, input.moduleIds));
  // apiKey: a string replaces the key, null clears it, absent keeps it.
  // A blank string is taken as "not given": a form whose key field was left empty keeps the key.
  const apiKey = input.settings.apiKey;
  const hadKey = Boolean(persona.apiKeySealed);
  let keyChange: string | null = null;
  if (typeof apiKey === "string" && apiKey.trim()) {
    persona.apiKeySealed = await ctx.keyring.seal(ctx.em, persona.id, apiKey.trim());
    keyChange = "changed";
  } else if (apiKey === null && hadKey) {
    persona.apiKeySealed = null;
    keyChange = "cleared";
  }
  if (keyChange) {
    change.before.apiKey = hadKey ? "set" : "none";
    change.after.apiKey = keyChange;
  }
  if (Object.keys(change.after).length > 0) {
    if (columns.name !== persona.name) await assertNameFree(ctx.em, "persona", columns.name, persona.id);
    ctx.em.assign(persona, columns);
    // The module list lives in its own table: touching the row still makes a new version of the persona.
    persona.updatedAt = new Date();
    await flushNamed(ctx.em, columns.name);
    if ("moduleIds" in change.after) await writeModules(ctx.em, persona.id, input.moduleIds);
  }
  ctx.audit.record({ entity: { kind: KIND, id: persona.id }, ...change });
  return personaDTO(ctx.em, persona);
}

/** Refused (precondition_failed) while conversations use it: deactivate it instead. */
export async function deletePersona(
  ctx: Ctx & Pick<ProcedureContext, "afterCommit">,
  id: string,
  version: number,
): Promise<{ id: string }> {
  const persona = await findPersona(ctx.em, id);
  if (persona.version !== version) throw new StaleVersion("persona", { version: persona.version });
  if (persona.builtinKey) throw builtinRefusal(persona, "deleted");
  const [used] = await ctx.em.execute<{ n: number }[]>(
    "select count(*)::int as n from conversations where persona_id = ?",
    [id],
  );
  const conversations = Number(used?.n ?? 0);
  if (conversations > 0) {
    throw new DomainError(
      "precondition_failed",
      `${conversations} conversation${conversations === 1 ? " uses" : "s use"} ${persona.name}: deactivate it instead`,
      { details: { conversations } },
    );
  }
  const modules = ((await modulesOf(ctx.em, [id])).get(id) ?? []).map((m) => m.id);
  ctx.audit.record({
    entity: { kind: KIND, id },
    before: { name: persona.name, mode: persona.mode, moduleIds: modules, avatar: persona.avatarFile ?? null },
    after: null,
  });
  const avatar = persona.avatarFile;
  ctx.em.remove(persona);
  await ctx.em.flush();
  // The image goes once the deletion has committed: a rollback keeps the persona and its image.
  if (avatar) ctx.afterCommit(() => removeAvatarFile(ctx.config, avatar));
  return { id };
}

export async function previewPersona(input: z.output<typeof previewPersonaInput>): Promise<{ rendered: string }> {
  return { rendered: await renderTemplate(input.template, { variables: input.variables, state: input.state }) };
}
