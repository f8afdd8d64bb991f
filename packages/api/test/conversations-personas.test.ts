/**
 * Personas through the API: CRUD with a unique name and an optimistic version, the template checked by Liquid,
 * modules that must exist (kept in the order given), the API key sealed and never answered nor audited, built-in
 * personas kept, deletion refused while conversations use the persona, and the template preview.
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { PersonaInput } from "@shortlist/api/schemas";
import { openPersonaApiKey } from "../src/conversations";
import { errorShape, rejection, useTestApi } from "./helpers";

const api = useTestApi();

let admin: Awaited<ReturnType<typeof api.signedIn>>["caller"];
let recruiter: Awaited<ReturnType<typeof api.signedIn>>["caller"];
beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
  recruiter = (await api.signedIn("recruiter")).caller;
});

let seq = 0;
const persona = (more: Partial<PersonaInput> = {}): PersonaInput => ({
  name: `Persona ${++seq}`,
  template: "You are {{ variables.role | default: 'an interviewer' }}.",
  ...more,
});
const newModule = (name: string) => admin.chatModules.create({ name: `${name} ${++seq}`, content: name });

const sql = <T>(query: string, params: unknown[] = []) => api.db.orm.em.fork().execute<T[]>(query, params);

describe("create, read, update", () => {
  test("a persona is created with its modules in the order given and its settings; writers read it", async () => {
    const [a, b] = [await newModule("Alpha"), await newModule("Beta")];
    const created = await admin.personas.create(
      persona({
        mode: "interviewer",
        firstMessage: "Hello {{ variables.name }}",
        moduleIds: [b.id, a.id],
        settings: {
          provider: "openai-compatible",
          model: "llama3",
          baseUrl: "http://localhost:11434/v1",
          temperature: 0.2,
        },
      }),
    );
    expect(created).toMatchObject({
      version: 1,
      mode: "interviewer",
      avatarUrl: null,
      builtinKey: null,
      modules: [
        { id: b.id, name: b.name, executionContext: "IMMEDIATE", active: true },
        { id: a.id, name: a.name },
      ],
      settings: {
        provider: "openai-compatible",
        model: "llama3",
        baseUrl: "http://localhost:11434/v1",
        temperature: 0.2,
        maxOutputTokens: null,
        hasApiKey: false,
      },
    });
    expect(await recruiter.personas.get({ id: created.id })).toEqual(created);
    expect((await recruiter.personas.list()).map((p) => p.id)).toContain(created.id);
    expect((await admin.chatModules.get({ id: a.id })).personaCount).toBe(1);
  });

  test("recruiters may read but not write personas", async () => {
    const error = await rejection(recruiter.personas.create(persona()));
    expect(errorShape(error).data.reason).toBe("forbidden");
  });

  test("a name is unique (case-insensitively): duplicate names the field", async () => {
    const first = await admin.personas.create(persona());
    const error = await rejection(admin.personas.create(persona({ name: first.name.toUpperCase() })));
    const data = errorShape(error).data;
    expect(data.reason).toBe("duplicate");
    expect(data.details).toMatchObject({ fields: ["name"] });
    expect(data.fieldErrors).toEqual([expect.objectContaining({ path: "name" })]);
  });

  test("a template that does not parse is refused on template with its line and column", async () => {
    const error = await rejection(admin.personas.create(persona({ template: "Hi\n{% if x %}unclosed" })));
    const data = errorShape(error).data;
    expect(data.reason).toBe("invalid_input");
    expect(data.fieldErrors).toEqual([
      { path: "template", message: expect.stringMatching(/line 2, column 1/) as unknown as string },
    ]);
  });

  test("a module id that names no module is refused on moduleIds", async () => {
    const missing = "00000000-0000-4000-8000-000000000001";
    const error = await rejection(admin.personas.create(persona({ moduleIds: [missing] })));
    expect(errorShape(error).data.fieldErrors).toEqual([
      { path: "moduleIds", message: expect.stringContaining(missing) as unknown as string },
    ]);
  });

  test("an update bumps the version, reorders modules; an update over an older version is stale", async () => {
    const [a, b, c] = [await newModule("A"), await newModule("B"), await newModule("C")];
    const input = persona({ moduleIds: [a.id, b.id] });
    const created = await admin.personas.create(input);
    const updated = await admin.personas.update({
      ...input,
      id: created.id,
      version: created.version,
      description: "Asks about the role",
      moduleIds: [c.id, a.id],
    });
    expect(updated.version).toBe(2);
    expect(updated.description).toBe("Asks about the role");
    expect(updated.modules.map((m) => m.id)).toEqual([c.id, a.id]);
    const onlyModules = await admin.personas.update({
      ...input,
      id: created.id,
      version: 2,
      description: "Asks about the role",
      moduleIds: [a.id],
    });
    expect(onlyModules.version).toBe(3);
    const stale = await rejection(admin.personas.update({ ...input, id: created.id, version: 1 }));
    expect(errorShape(stale).data.reason).toBe("stale_version");
  });

  test("deleting a module takes it out of the personas that listed it", async () => {
    const [a, b] = [await newModule("Keep"), await newModule("Drop")];
    const created = await admin.personas.create(persona({ moduleIds: [a.id, b.id] }));
    await admin.chatModules.delete({ id: b.id, version: b.version });
    expect((await admin.personas.get({ id: created.id })).modules.map((m) => m.id)).toEqual([a.id]);
  });
});

describe("the API key", () => {
  const KEY = "sk-test-very-secret-0123456789";

  test("is sealed at rest, opened for the engine, never answered, never in the audit trail; null clears it", async () => {
    const input = persona({ settings: { provider: "openai-compatible", model: "m", apiKey: KEY } });
    const created = await admin.personas.create(input);
    expect(created.settings.hasApiKey).toBe(true);
    const [row] = await sql<{ api_key_sealed: unknown }>("select api_key_sealed from personas where id = ?", [
      created.id,
    ]);
    expect(JSON.stringify(row!.api_key_sealed)).not.toContain(KEY);
    const em = api.db.orm.em.fork();
    expect(await openPersonaApiKey({ em, keyring: api.deps.keyring }, created.id)).toBe(KEY);

    // Absent keeps it; a new one replaces it; null clears it.
    const { apiKey: _omit, ...settingsWithoutKey } = input.settings!;
    const kept = await admin.personas.update({
      ...input,
      settings: settingsWithoutKey,
      id: created.id,
      version: 1,
      description: "x",
    });
    expect(kept.settings.hasApiKey).toBe(true);
    const replaced = await admin.personas.update({
      ...input,
      settings: { ...settingsWithoutKey, apiKey: `${KEY}-2` },
      id: created.id,
      version: kept.version,
    });
    expect(await openPersonaApiKey({ em: api.db.orm.em.fork(), keyring: api.deps.keyring }, created.id)).toBe(
      `${KEY}-2`,
    );
    const cleared = await admin.personas.update({
      ...input,
      settings: { ...settingsWithoutKey, apiKey: null },
      id: created.id,
      version: replaced.version,
    });
    expect(cleared.settings.hasApiKey).toBe(false);
    expect(await openPersonaApiKey({ em: api.db.orm.em.fork(), keyring: api.deps.keyring }, created.id)).toBeNull();

    const answered = JSON.stringify([
      created,
      kept,
      replaced,
      cleared,
      await admin.personas.get({ id: created.id }),
      await admin.personas.list(),
    ]);
    expect(answered).not.toContain(KEY);
    const events = await admin.audit.list({ entityKind: "persona", entityId: created.id });
    const trail = JSON.stringify(events);
    expect(trail).not.toContain(KEY);
    expect(trail).toContain("changed");
    expect(trail).toContain("cleared");
  });
});

describe("protections", () => {
  test("a built-in persona cannot be renamed or deleted, but its template can change", async () => {
    const input = persona();
    const created = await admin.personas.create(input);
    await sql("update personas set builtin_key = ? where id = ?", [`test-${created.id}`, created.id]);
    const renamed = await rejection(admin.personas.update({ ...input, name: "Other", id: created.id, version: 1 }));
    expect(errorShape(renamed).data.reason).toBe("precondition_failed");
    expect(errorShape(renamed).data.fieldErrors).toEqual([expect.objectContaining({ path: "name" })]);
    const deleted = await rejection(admin.personas.delete({ id: created.id, version: 1 }));
    expect(errorShape(deleted).data.reason).toBe("precondition_failed");
    const edited = await admin.personas.update({ ...input, template: "New {{ state.x }}", id: created.id, version: 1 });
    expect(edited).toMatchObject({ template: "New {{ state.x }}", builtinKey: `test-${created.id}` });
  });

  test("deletion is refused while a conversation uses the persona, allowed (and audited) once none does", async () => {
    const created = await admin.personas.create(persona());
    const [conversation] = await sql<{ id: string }>(
      "insert into conversations (title, persona_id, provider) values ('Uses it', ?, 'builtin') returning id",
      [created.id],
    );
    const refused = await rejection(admin.personas.delete({ id: created.id, version: 1 }));
    expect(errorShape(refused).data).toMatchObject({ reason: "precondition_failed", details: { conversations: 1 } });
    await sql("delete from conversations where id = ?", [conversation!.id]);
    expect(await admin.personas.delete({ id: created.id, version: 1 })).toEqual({ id: created.id });
    const missing = await rejection(admin.personas.get({ id: created.id }));
    expect(errorShape(missing).data.reason).toBe("not_found");
    const events = await admin.audit.list({ entityKind: "persona", entityId: created.id });
    expect(events.items.map((e) => e.action)).toContain("personas.delete");
  });
});

describe("preview", () => {
  test("renders the template with variables and state; unknown variables are blank, unknown filters pass", async () => {
    const result = await recruiter.personas.preview({
      template: "Role: {{ variables.role }}. Step {{ state.step }}.{{ missing }}{{ state.step | nosuchfilter }}",
      variables: { role: "ICU nurse" },
      state: { step: 2 },
    });
    expect(result).toEqual({ rendered: "Role: ICU nurse. Step 2.2" });
  });

  test("a template that does not parse is refused on template; an include finds no file system", async () => {
    const broken = await rejection(recruiter.personas.preview({ template: "{{ x " }));
    expect(errorShape(broken).data.fieldErrors).toEqual([expect.objectContaining({ path: "template" })]);
    const include = await rejection(recruiter.personas.preview({ template: "{% include '/etc/passwd' %}" }));
    expect(errorShape(include).data.reason).toBe("invalid_input");
  });

  test("output is capped", async () => {
    const { rendered } = await recruiter.personas.preview({
      template: "{% for i in (1..3000) %}0123456789abcdefghijklmnopqrstuvwxyz{% endfor %}",
    });
    expect(rendered.length).toBeLessThanOrEqual(64 * 1024);
    expect(rendered.endsWith("[…truncated]")).toBe(true);
  });
});
