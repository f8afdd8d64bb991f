/**
 * Renders a template with liquidjs, locked down: strict variables and filters (a typo is an error, not a blank),
 * own properties only, no file system (in-memory `templates`: include/render find nothing), and limits on template
 * size, render time and memory. Liquid runs no code; values are never re-parsed as templates.
 */
import { Liquid } from "liquidjs";
import { textToHtml, type MailTemplateText } from "./logic/templates";

const engine = new Liquid({
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  templates: {},
  parseLimit: 100_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
});

// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\s\u0000-\u001f\u007f]+/g;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export class TemplateError extends Error {
  constructor(
    readonly field: "subject" | "body",
    message: string,
  ) {
    super(message);
    this.name = "TemplateError";
  }
}

async function renderField(field: "subject" | "body", source: string, variables: object): Promise<string> {
  try {
    return String(await engine.parseAndRender(source, variables));
  } catch (error) {
    // liquidjs' messages name the line and column and the variable or filter at fault.
    const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    throw new TemplateError(field, message);
  }
}

/** The subject is one line; the HTML part is the text, escaped. */
export async function renderMail(template: MailTemplateText, variables: object): Promise<RenderedMail> {
  // One header line: line breaks and other control characters become spaces.
  const subject = (await renderField("subject", template.subject, variables)).replace(CONTROL_OR_SPACE, " ").trim();
  const text = (await renderField("body", template.body, variables)).replace(/\r\n?/g, "\n");
  return { subject, text, html: textToHtml(text) };
}
