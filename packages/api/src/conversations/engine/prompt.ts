/** Liquid rendering of personas' system templates and modules' content: no code execution, bounded output. */

/** Renders `template` with `scope` (variables, state, memories); throws InvalidInput naming `field` on a syntax error. */
export async function renderTemplate(
  _template: string,
  _scope: Record<string, unknown>,
  _field = "template",
): Promise<string> {
  throw new Error("not implemented yet");
}
