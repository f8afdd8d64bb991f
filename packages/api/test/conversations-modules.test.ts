/**
 * Chat modules through the API: CRUD with a unique name and an optimistic version, patterns checked by RE2 and
 * scripts by JSONata on save (refused with the field and the error's position), the test action on drafts, and
 * hostile patterns and scripts bounded (the call answers, with `error` set where the script was stopped).
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { ChatModuleInput } from "@shortlist/api/schemas";
import { errorShape, rejection, useTestApi } from "./helpers";

const api = useTestApi();

let admin: Awaited<ReturnType<typeof api.signedIn>>["caller"];
let recruiter: Awaited<ReturnType<typeof api.signedIn>>["caller"];
beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
  recruiter = (await api.signedIn("recruiter")).caller;
});

let seq = 0;
const module = (more: Partial<ChatModuleInput> = {}): ChatModuleInput => ({ name: `Module ${++seq}`, ...more });

const COUNTER = `{ "state": { "count": (state.count ? state.count : 0) + 1 }, "say": "Counted " & message }`;

describe("create, read, update, delete", () => {
  test("a module is created with its defaults; writers list and read it", async () => {
    const created = await admin.chatModules.create(
      module({
        type: "advanced",
        script: COUNTER,
        triggerKind: "keywords",
        triggerKeywords: [" salary ", "salary", "pay range"],
        content: "Mention the pay band.",
        executionContext: "POST_RESPONSE",
      }),
    );
    expect(created).toMatchObject({
      version: 1,
      type: "advanced",
      triggerKind: "keywords",
      triggerKeywords: ["salary", "pay range"],
      executionContext: "POST_RESPONSE",
      requiresAi: false,
      stagePriority: 100,
      active: true,
      personaCount: 0,
    });
    expect(await recruiter.chatModules.get({ id: created.id })).toEqual(created);
    expect((await recruiter.chatModules.list()).map((m) => m.id)).toContain(created.id);
    const refused = await rejection(recruiter.chatModules.create(module()));
    expect(errorShape(refused).data.reason).toBe("forbidden");
  });

  test("names are unique; an update over an older version is stale; every change is audited", async () => {
    const first = await admin.chatModules.create(module());
    const taken = await rejection(admin.chatModules.create(module({ name: first.name.toLowerCase() })));
    expect(errorShape(taken).data).toMatchObject({ reason: "duplicate", details: { fields: ["name"] } });

    const updated = await admin.chatModules.update({
      ...module({ name: first.name, stagePriority: 5 }),
      id: first.id,
      version: 1,
    });
    expect([updated.version, updated.stagePriority]).toEqual([2, 5]);
    const stale = await rejection(
      admin.chatModules.update({ ...module({ name: first.name }), id: first.id, version: 1 }),
    );
    expect(errorShape(stale).data.reason).toBe("stale_version");

    await admin.chatModules.delete({ id: first.id, version: 2 });
    const gone = await rejection(admin.chatModules.get({ id: first.id }));
    expect(errorShape(gone).data.reason).toBe("not_found");
    const events = await admin.audit.list({ entityKind: "chat_module", entityId: first.id });
    expect(events.items.map((e) => e.action).sort()).toEqual([
      "chatModules.create",
      "chatModules.delete",
      "chatModules.update",
    ]);
    const update = events.items.find((e) => e.action === "chatModules.update")!;
    expect({ before: update.before, after: update.after }).toEqual({
      before: { stagePriority: 100 },
      after: { stagePriority: 5 },
    });
  });

  test("personaCount counts the personas that list the module", async () => {
    const created = await admin.chatModules.create(module());
    await admin.personas.create({ name: `Uses ${created.name}`, template: "Hi", moduleIds: [created.id] });
    expect((await admin.chatModules.get({ id: created.id })).personaCount).toBe(1);
  });
});

describe("validation on save", () => {
  const fieldErrors = async (input: ChatModuleInput) => {
    const error = await rejection(admin.chatModules.create(input));
    const data = errorShape(error).data;
    expect(data.reason).toBe("invalid_input");
    return data.fieldErrors ?? [];
  };

  test("a pattern RE2 refuses (a backreference) is refused on triggerPattern with its offset", async () => {
    const errors = await fieldErrors(module({ triggerKind: "regex", triggerPattern: "(a)\\1" }));
    expect(errors).toEqual([
      { path: "triggerPattern", message: expect.stringMatching(/offset 3/) as unknown as string },
    ]);
  });

  test("a regex trigger needs a pattern; a keywords trigger needs a keyword", async () => {
    expect((await fieldErrors(module({ triggerKind: "regex" }))).map((e) => e.path)).toEqual(["triggerPattern"]);
    expect((await fieldErrors(module({ triggerKind: "keywords", triggerKeywords: [] }))).map((e) => e.path)).toEqual([
      "triggerKeywords",
    ]);
  });

  test("an advanced module needs a script that parses: refused with its position", async () => {
    expect((await fieldErrors(module({ type: "advanced" }))).map((e) => e.path)).toEqual(["script"]);
    const [error] = await fieldErrors(module({ type: "advanced", script: `{ "say": "a" & }` }));
    expect(error).toMatchObject({ path: "script" });
    expect(error!.message).toMatch(/^script: .+ at position \d+$/);
  });

  test("content must parse as Liquid", async () => {
    const [error] = await fieldErrors(module({ content: "{% for x in y %}" }));
    expect(error?.path).toBe("content");
  });

  test("a hostile pattern is a valid RE2 pattern: it is saved and runs in linear time", async () => {
    const created = await admin.chatModules.create(module({ triggerKind: "regex", triggerPattern: "(a+)+$" }));
    expect(created.triggerPattern).toBe("(a+)+$");
  });
});

describe("the test action", () => {
  test("a draft runs against a sample message and state: trigger, state changes, directives, content", async () => {
    const result = await recruiter.chatModules.test({
      module: module({
        type: "advanced",
        script: `${COUNTER.slice(0, -1)}, "quickReplies": ["Yes", "No"] }`,
        triggerKind: "regex",
        triggerPattern: "(?i)^count",
        content: "Count is now {{ state.count }}.",
      }),
      message: "Count me in",
      state: { count: 4 },
    });
    expect(result).toEqual({
      fired: true,
      reason: expect.stringContaining("pattern matched") as unknown as string,
      content: "Count is now 5.",
      stateChanges: [{ key: "count", before: 4, after: 5 }],
      directives: { say: ["Counted Count me in"], ask: null, quickReplies: ["Yes", "No"], end: false },
      memories: [],
      error: null,
    });
  });

  test("a module whose trigger does not match does not fire", async () => {
    const result = await recruiter.chatModules.test({
      module: module({ triggerKind: "keywords", triggerKeywords: ["salary"], content: "x" }),
      message: "What are the hours?",
    });
    expect(result).toMatchObject({ fired: false, content: null, stateChanges: [] });
  });

  test("a catastrophic-backtracking pattern over the longest message answers", async () => {
    const result = await recruiter.chatModules.test({
      module: module({ triggerKind: "regex", triggerPattern: "(a+)+$" }),
      message: "a".repeat(7_999) + "!",
    });
    expect(result).toMatchObject({ fired: false, error: null });
  });

  test.each([
    ["infinite recursion", `( $f := function($n){ $f($n+1) }; $f(0) )`],
    ["a huge sequence", `[1..10000000].$string()`],
    ["deep recursion", `( $f := function($n){ $n > 100000 ? $n : 1 + $f($n+1) }; $f(0) )`],
  ])("a hostile script (%s) is saved or refused, and its test answers with error set", async (_label, script) => {
    const saved = await admin.chatModules.create(module({ type: "advanced", script })).catch((error: unknown) => error);
    expect(saved).toBeTruthy();
    const result = await recruiter.chatModules.test({
      module: module({ type: "advanced", script }),
      message: "go",
      state: { kept: true },
    });
    expect(result.fired).toBe(true);
    expect(result.error).toEqual(expect.any(String));
    expect(result.stateChanges).toEqual([]);
  });

  test("a script returning something other than an object is an error, not a crash", async () => {
    const result = await recruiter.chatModules.test({
      module: module({ type: "advanced", script: `[1, 2, 3]` }),
      message: "go",
    });
    expect(result.error).toContain("the script must return an object");
  });
});
