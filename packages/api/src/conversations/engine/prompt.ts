/**
 * Liquid rendering of personas' system templates and modules' content: no code execution, bounded output.
 * Unlike mail (strict variables and filters, mail/render.ts), a prompt is forgiving: a variable the conversation
 * does not have renders blank and an unknown filter passes its value through, so a persona written for one set of
 * variables still works with another. Own properties only, no file system (include/render find nothing), and the
 * same parse, render-time and memory limits as mail.
 */
import { Liquid, LiquidError } from "liquidjs";
import { InvalidInput } from "../../errors";
import type { FieldError } from "../../shared/errors";

/** A rendered prompt part longer than this is cut (with a marker), so one template cannot flood the model's context. */
export const RENDERED_MAX_CHARS = 64 * 1024;
const TRUNCATED_MARK = "\n[…truncated]";

const engine = new Liquid({
  strictVariables: false,
  strictFilters: false,
  ownPropertyOnly: true,
  templates: {},
  parseLimit: 100_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
});

/** liquidjs' first line names the problem and its place ("…, line:2, col:1"); worded for people. */
function describe(error: unknown): string {
  const first = error instanceof Error ? error.message.split("\n")[0]! : String(error);
  return first.replace(/, line:(\d+), col:(\d+)$/, " at line $1, column $2");
}

/** The template's syntax problem, or null when it parses (nothing is rendered). */
export function templateProblem(template: string, field: string): FieldError | null {
  try {
    engine.parse(template);
    return null;
  } catch (error) {
    if (error instanceof LiquidError)
      return { path: field, message: `The template does not parse: ${describe(error)}` };
    throw error;
  }
}

export function truncateRendered(text: string): string {
  return text.length > RENDERED_MAX_CHARS
    ? text.slice(0, RENDERED_MAX_CHARS - TRUNCATED_MARK.length) + TRUNCATED_MARK
    : text;
}

/** Renders `template` with `scope` (variables, state, memories); throws InvalidInput naming `field` on a syntax error. */
export async function renderTemplate(
  template: string,
  scope: Record<string, unknown>,
  field = "template",
): Promise<string> {
  let parsed;
  try {
    parsed = engine.parse(template);
  } catch (error) {
    if (error instanceof LiquidError)
      throw InvalidInput.field(field, `The template does not parse: ${describe(error)}`);
    throw error;
  }
  try {
    return truncateRendered(String(await engine.render(parsed, scope)));
  } catch (error) {
    // Over the render-time or memory limit, or an include of a file that is not there: still the template's fault.
    if (error instanceof LiquidError)
      throw InvalidInput.field(field, `The template does not render: ${describe(error)}`);
    throw error;
  }
}
