/**
 * Advanced modules' scripts: JSONata (a query language, not JavaScript: no eval, vm or Function), bounded so a
 * hostile script cannot hold the server: time (JSONata's own timeout guard, checked at every step), stack depth,
 * sequence length, the length of any string it builds, and the size of its result. Regex literals inside a script
 * run on RE2 too.
 */
import jsonata from "jsonata";
import { RE2JS } from "re2js";
import { z } from "zod";
import { MEMORY_TYPES } from "@shortlist/db/constants";
import { patternProblem } from "./module-trigger";

export const SCRIPT_LIMITS = {
  timeoutMs: 100,
  stackDepth: 300,
  /** Items in any one sequence (a range such as [1..10000000] is refused before it is built). */
  sequence: 100_000,
  /** Characters of any string a step yields. */
  stringChars: 64 * 1024,
  /** Characters of the result as JSON. */
  resultChars: 64 * 1024,
} as const;

/**
 * JSONata's RegexEngine contract (what it calls on `new RegexEngine(literal)`): `lastIndex` and `exec`, answering
 * a RegExp-like match (groups by index, `index`). Backed by RE2; the literal's i and m flags carry over.
 */
class Re2RegexEngine {
  lastIndex = 0;
  private readonly re: RE2JS;

  constructor(literal: RegExp) {
    const flags =
      (literal.flags.includes("i") ? RE2JS.CASE_INSENSITIVE : 0) | (literal.flags.includes("m") ? RE2JS.MULTILINE : 0);
    this.re = RE2JS.compile(literal.source, flags);
  }

  exec(text: string): ((string | undefined)[] & { index: number }) | null {
    const matcher = this.re.matcher(text);
    if (this.lastIndex > text.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let i = 0; i <= matcher.groupCount(); i++) groups.push(matcher.group(i) ?? undefined);
    const start = matcher.start();
    this.lastIndex = matcher.end();
    return Object.assign(groups, { index: start });
  }
}

class ScriptLimitError extends Error {}

/**
 * JSONata's `$pad` with the width capped: the one built-in that makes a long string in a single step (a width of
 * 100,000,000 would allocate 100 MB before any step's check could see it). Otherwise as JSONata's own.
 */
function boundedPad(text: string | undefined, width: number, char?: string): string | undefined {
  if (text === undefined) return undefined;
  const wanted = Math.trunc(width);
  if (Math.abs(wanted) > SCRIPT_LIMITS.stringChars)
    throw new ScriptLimitError(`$pad to a width over ${SCRIPT_LIMITS.stringChars} characters`);
  const fill = Array.from(char === undefined || char === "" ? " " : char);
  const missing = Math.abs(wanted) - Array.from(text).length;
  if (missing <= 0) return text;
  const padding = Array.from({ length: missing }, (_, i) => fill[i % fill.length]).join("");
  return wanted > 0 ? text + padding : padding + text;
}

type Expression = ReturnType<typeof jsonata>;
const CACHE_MAX = 100;
const cache = new Map<string, Expression>();

/** A JSONata parse error as people read it: "<message> at position N". */
export interface ScriptParseProblem {
  message: string;
  position: number | null;
  code: string | null;
}

function isJsonataError(error: unknown): error is { message: string; position?: number; code?: string } {
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}

function compile(script: string): Expression {
  const hit = cache.get(script);
  if (hit) return hit;
  const expression = jsonata(script, {
    timeout: SCRIPT_LIMITS.timeoutMs,
    stack: SCRIPT_LIMITS.stackDepth,
    sequence: SCRIPT_LIMITS.sequence,
    RegexEngine: Re2RegexEngine as unknown as RegExpConstructor,
  });
  expression.registerFunction("pad", boundedPad, "<s-ns?:s>");
  // Every step's value passes here: a string grown past the cap (e.g. by doubling) stops the script at once.
  expression.assign(
    Symbol.for("jsonata.__evaluate_exit") as unknown as string,
    (_expr: unknown, _input: unknown, _env: unknown, result: unknown) => {
      if (typeof result === "string" && result.length > SCRIPT_LIMITS.stringChars)
        throw new ScriptLimitError(`the script built a string over ${SCRIPT_LIMITS.stringChars} characters`);
    },
  );
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(script, expression);
  return expression;
}

/** Regex literals in the script's syntax tree, so RE2's refusals are found on save rather than at run time. */
function regexLiterals(node: unknown, found: { source: string; position: number | null }[] = []) {
  if (Array.isArray(node)) {
    for (const child of node) regexLiterals(child, found);
  } else if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (record.type === "regex" && record.value instanceof RegExp) {
      found.push({
        source: record.value.source,
        position: typeof record.position === "number" ? record.position : null,
      });
    }
    for (const [key, value] of Object.entries(record))
      if (key !== "value" || record.type !== "regex") regexLiterals(value, found);
  }
  return found;
}

/** Why the script does not parse (JSONata's message, code and position), or null when it does. */
export function scriptProblem(script: string): ScriptParseProblem | null {
  let expression: Expression;
  try {
    expression = compile(script);
  } catch (error) {
    if (isJsonataError(error))
      return { message: error.message, position: error.position ?? null, code: error.code ?? null };
    throw error;
  }
  for (const literal of regexLiterals(expression.ast())) {
    const problem = patternProblem(literal.source);
    if (problem) return { message: `regex /${literal.source}/: ${problem}`, position: literal.position, code: null };
  }
  return null;
}

const memoryDirective = z.strictObject({
  content: z.string().trim().min(1).max(2_000),
  type: z.enum(MEMORY_TYPES).default("fact"),
  importance: z.number().min(0).max(1).default(0.5),
});

/** What a script may answer; any other field is refused, so a typo (`quickReply`) is seen, not ignored. */
export const scriptResultSchema = z.strictObject({
  state: z.record(z.string().min(1).max(255), z.unknown()).optional(),
  say: z.union([z.string(), z.array(z.string())]).optional(),
  ask: z.string().nullish(),
  quickReplies: z.array(z.string().max(200)).max(20).optional(),
  end: z.boolean().optional(),
  memories: z.array(memoryDirective).max(20).optional(),
});
export type ScriptResult = z.output<typeof scriptResultSchema>;

export type ScriptOutcome = { ok: true; result: ScriptResult } | { ok: false; error: string };

const RESULT_SHAPE =
  "the script must return an object such as { state?, say?, ask?, quickReplies?, end?, memories? } (or nothing)";

/** Runs the script over the input document (also bound as $message, $state, …); never throws for the script's faults. */
export async function runScript(script: string, document: Record<string, unknown>): Promise<ScriptOutcome> {
  let value: unknown;
  try {
    value = await compile(script).evaluate(document, document);
  } catch (error) {
    if (error instanceof ScriptLimitError) return { ok: false, error: `Stopped: ${error.message}` };
    if (isJsonataError(error)) {
      const at = typeof error.position === "number" ? ` at position ${error.position}` : "";
      return { ok: false, error: `script: ${error.message}${at}` };
    }
    // A RangeError (e.g. an allocation JavaScript refuses) or an RE2 refusal of a literal: still the script's fault.
    return { ok: false, error: `script: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (value === undefined || value === null) return { ok: true, result: {} };
  if (typeof value !== "object" || Array.isArray(value)) return { ok: false, error: RESULT_SHAPE };
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    return { ok: false, error: `script: its result is not JSON (${error instanceof Error ? error.message : "?"})` };
  }
  if (json === undefined) return { ok: false, error: RESULT_SHAPE };
  if (json.length > SCRIPT_LIMITS.resultChars)
    return { ok: false, error: `Stopped: the script's result is over ${SCRIPT_LIMITS.resultChars} characters as JSON` };
  const parsed = scriptResultSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? ` (${issue.path.join(".")})` : "";
    return { ok: false, error: `${RESULT_SHAPE}: ${issue.message}${where}` };
  }
  return { ok: true, result: parsed.data };
}
