import { describe, expect, test } from "vitest";
import { runChatModule, validateChatModule, type ModuleRunInput, type RuntimeModule } from "./modules-runtime";

const base: RuntimeModule = {
  id: null,
  name: "Test",
  content: "",
  type: "simple",
  triggerKind: "always",
  triggerPattern: null,
  triggerKeywords: [],
  script: null,
  executionContext: "IMMEDIATE",
  requiresAi: false,
  stagePriority: 100,
  active: true,
};
const input = (message: string, more: Partial<ModuleRunInput> = {}): ModuleRunInput => ({
  message,
  reply: null,
  state: {},
  memories: [],
  variables: {},
  ...more,
});
const advanced = (script: string, more: Partial<RuntimeModule> = {}): RuntimeModule => ({
  ...base,
  type: "advanced",
  script,
  ...more,
});

describe("triggers", () => {
  test("an inactive module does not fire unless forced", async () => {
    const module = { ...base, active: false, content: "x" };
    expect((await runChatModule(module, input("hi"))).fired).toBe(false);
    expect((await runChatModule(module, input("hi"), { force: true })).content).toBe("x");
  });

  test("a regex trigger uses RE2 syntax, (?i) included", async () => {
    const module = { ...base, triggerKind: "regex" as const, triggerPattern: "(?i)\\bsalary\\b" };
    expect((await runChatModule(module, input("What about the SALARY?"))).fired).toBe(true);
    expect((await runChatModule(module, input("salaryman"))).fired).toBe(false);
  });

  test("a catastrophic-backtracking pattern against 50k characters completes (RE2 is linear)", async () => {
    const module = { ...base, triggerKind: "regex" as const, triggerPattern: "(a+)+$" };
    const result = await runChatModule(module, input("a".repeat(50_000) + "!"));
    expect(result).toMatchObject({ fired: false, error: null });
  });

  test("keywords match whole words and phrases, case-insensitively", async () => {
    const module = { ...base, triggerKind: "keywords" as const, triggerKeywords: ["remote", "full time"] };
    expect((await runChatModule(module, input("Is it REMOTE?"))).reason).toContain("remote");
    expect((await runChatModule(module, input("A full   time role"))).fired).toBe(true);
    expect((await runChatModule(module, input("remoteness and fulltime"))).fired).toBe(false);
  });

  test("keywords with punctuation are literal text (a hyphen or a slash once made an invalid pattern)", async () => {
    const module = { ...base, triggerKind: "keywords" as const, triggerKeywords: ["full-time", "c/c++", "Mb;m&-r<S"] };
    expect((await runChatModule(module, input("A full-time role"))).fired).toBe(true);
    expect((await runChatModule(module, input("Knows C/C++ well"))).fired).toBe(true);
    expect((await runChatModule(module, input("nothing here"))).fired).toBe(false);
  });

  test("forcing a module whose trigger does not match runs it and says so", async () => {
    const module = { ...base, triggerKind: "keywords" as const, triggerKeywords: ["x"], content: "c" };
    const result = await runChatModule(module, input("nothing"), { force: true });
    expect(result).toMatchObject({ fired: true, content: "c" });
    expect(result.reason).toContain("on demand");
  });
});

describe("scripts", () => {
  test("the script reads message and state and answers state updates and directives; content sees the new state", async () => {
    const module = advanced(
      `{ "state": { "count": (state.count ? state.count : 0) + 1, "same": state.same },
         "say": "Noted: " & $message, "ask": "Anything else?", "quickReplies": ["Yes", "No"],
         "memories": [{ "content": "likes " & message, "type": "preference" }] }`,
      { content: "Count is {{ state.count }} for {{ variables.who }}" },
    );
    const result = await runChatModule(
      module,
      input("tea", { state: { count: 1, same: true }, variables: { who: "Ann" } }),
    );
    expect(result).toMatchObject({
      fired: true,
      error: null,
      content: "Count is 2 for Ann",
      stateChanges: [{ key: "count", before: 1, after: 2 }],
      directives: { say: ["Noted: tea"], ask: "Anything else?", quickReplies: ["Yes", "No"], end: false },
      memories: [{ content: "likes tea", type: "preference", importance: 0.5 }],
    });
  });

  test("a script answering nothing changes nothing; one answering a non-object is an error", async () => {
    expect(await runChatModule(advanced(`message = "x" ? { "end": true }`), input("y"))).toMatchObject({
      error: null,
      stateChanges: [],
    });
    const result = await runChatModule(advanced(`"just text"`), input("y"));
    expect(result.fired).toBe(true);
    expect(result.error).toContain("the script must return an object");
    const typo = await runChatModule(advanced(`{ "quickReply": ["a"] }`), input("y"));
    expect(typo.error).toContain("quickReply");
  });

  test("a BigInt in the sample state is compared, not a crash", async () => {
    const result = await runChatModule(advanced(`{ "state": { "big": 1 } }`), input("go", { state: { big: 10n } }));
    expect(result).toMatchObject({ error: null, stateChanges: [{ key: "big", before: 10n, after: 1 }] });
  });

  test("infinite recursion is stopped, and a run-time error changes no state", async () => {
    const result = await runChatModule(
      advanced(`( $f := function($n){ $f($n+1) }; $f(0) )`),
      input("go", { state: { a: 1 } }),
    );
    expect(result.fired).toBe(true);
    expect(result.error).toBeTruthy();
    expect(result.stateChanges).toEqual([]);
  });

  test("deep non-tail recursion is stopped by the depth limit", async () => {
    const result = await runChatModule(
      advanced(`( $f := function($n){ $n > 100000 ? $n : 1 + $f($n+1) }; $f(0) )`),
      input("go"),
    );
    expect(result.error).toBeTruthy();
  });

  test("a huge sequence is refused before it is built", async () => {
    const result = await runChatModule(advanced(`[1..10000000].$string()`), input("go"));
    expect(result.error).toBeTruthy();
  });

  test("a string grown by doubling is stopped at the cap", async () => {
    const result = await runChatModule(
      advanced(`{ "say": $reduce([1..40], function($acc, $i){ $acc & $acc }, "x") }`),
      input("go"),
    );
    expect(result.error).toContain("string over");
  });

  test("$pad works as JSONata's, but not past the string cap", async () => {
    const ok = await runChatModule(advanced(`{ "say": [$pad("ab", -5, "#"), $pad("ab", 4) & "|"] }`), input("go"));
    expect(ok.directives.say).toEqual(["###ab", "ab  |"]);
    const huge = await runChatModule(advanced(`{ "say": $pad("x", 100000000) }`), input("go"));
    expect(huge.error).toContain("$pad");
  });

  test("regex literals in a script run on RE2", async () => {
    const ok = await runChatModule(
      advanced(`{ "say": $replace(message, /hello/i, "bye"), "state": { "m": $match(message, /a(b+)/).groups[0] } }`),
      input("HELLO abbb"),
    );
    expect(ok).toMatchObject({ error: null, directives: { say: ["bye abbb"] } });
    expect(ok.stateChanges).toEqual([{ key: "m", before: null, after: "bbb" }]);
    const hostile = await runChatModule(advanced(`$match(message, /(a+)+$/)`), input("a".repeat(50_000) + "!"));
    expect(hostile.error).toBeNull();
  });
});

describe("validation", () => {
  test("RE2 refuses a backreference on triggerPattern, naming the offset", () => {
    const problems = validateChatModule({ ...base, triggerKind: "regex", triggerPattern: "(a)\\1" });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("triggerPattern");
    expect(problems[0]!.message).toContain("offset 3");
  });

  test("a keywords trigger needs a keyword; an advanced module needs a script", () => {
    const problems = validateChatModule({ ...base, triggerKind: "keywords", type: "advanced" });
    expect(problems.map((p) => p.path).sort()).toEqual(["script", "triggerKeywords"]);
  });

  test("a script that does not parse is refused with its position", () => {
    const [problem] = validateChatModule(advanced(`{ "a": }`));
    expect(problem).toMatchObject({ path: "script" });
    expect(problem!.message).toMatch(/^script: .+ at position 8$/);
  });

  test("a regex literal RE2 refuses inside a script is refused on save", () => {
    const [problem] = validateChatModule(advanced(`$match(message, /(a)\\1/)`));
    expect(problem?.path).toBe("script");
    expect(problem?.message).toContain("RE2");
  });

  test("content must parse as Liquid, with line and column", () => {
    const [problem] = validateChatModule({ ...base, content: "ok\n{% if x %}never closed" });
    expect(problem).toMatchObject({ path: "content" });
    expect(problem!.message).toContain("line 2, column 1");
  });
});
