/** Mail templates: the built-in defaults (logic/templates.ts), overridden per key by an admin's row in mail_templates. */
import { MailTemplate, type EntityManager } from "@shortlist/db";
import type { ProcedureContext } from "../context";
import { InvalidInput, StaleVersion } from "../errors";
import { renderMail, TemplateError, type RenderedMail } from "./render";
import { MAIL_TEMPLATE_KEYS, MAIL_TEMPLATES, type MailTemplateKey, type MailTemplateText } from "./logic/templates";
import { toMailTemplateDTO, type MailTemplateDTO } from "./mappers";
import type { PreviewTemplateInput, UpdateTemplateInput } from "./schemas";

/** The template as it is used now: the admin's version, else the default. */
export async function currentTemplate(em: EntityManager, key: MailTemplateKey): Promise<MailTemplateText> {
  const row = await em.findOne(MailTemplate, { key });
  return row ? { subject: row.subject, body: row.body } : MAIL_TEMPLATES[key].defaults;
}

export async function listTemplates(em: EntityManager): Promise<MailTemplateDTO[]> {
  const rows = new Map((await em.find(MailTemplate, {})).map((row) => [row.key, row]));
  return MAIL_TEMPLATE_KEYS.map((key) => toMailTemplateDTO(key, rows.get(key) ?? null));
}

export async function getTemplate(em: EntityManager, key: MailTemplateKey): Promise<MailTemplateDTO> {
  return toMailTemplateDTO(key, await em.findOne(MailTemplate, { key }));
}

/** Renders with the template's sample variables: a variable or filter it does not know is refused under its field. */
async function renderChecked(key: MailTemplateKey, text: MailTemplateText): Promise<RenderedMail> {
  try {
    return await renderMail(text, MAIL_TEMPLATES[key].sample);
  } catch (error) {
    if (error instanceof TemplateError)
      throw InvalidInput.field(error.field, `The template does not render: ${error.message}`);
    throw error;
  }
}

export function previewTemplate(input: PreviewTemplateInput): Promise<RenderedMail> {
  return renderChecked(input.key, { subject: input.subject, body: input.body });
}

/** Saves the admin's version (after a render with the sample variables); `version` is the one last read (0: the default). */
export async function updateTemplate(ctx: ProcedureContext, input: UpdateTemplateInput): Promise<MailTemplateDTO> {
  await renderChecked(input.key, input);
  const auth = await ctx.getAuth();
  const row = await ctx.em.findOne(MailTemplate, { key: input.key });
  if ((row?.version ?? 0) !== input.version) throw new StaleVersion("mail template", { key: input.key });
  const before = row
    ? { subject: row.subject, body: row.body }
    : { ...MAIL_TEMPLATES[input.key].defaults, default: true };
  let saved;
  if (row) {
    row.subject = input.subject;
    row.body = input.body;
    row.updatedById = auth?.user.id ?? null;
    saved = row;
  } else {
    saved = ctx.em.create(MailTemplate, {
      key: input.key,
      subject: input.subject,
      body: input.body,
      updatedById: auth?.user.id ?? null,
    });
  }
  await ctx.em.flush();
  ctx.audit.record({
    entity: { kind: "mail_template", id: input.key },
    before,
    after: { subject: input.subject, body: input.body },
  });
  return toMailTemplateDTO(input.key, saved);
}

/** Back to the built-in default (the admin's row deleted); recorded even when it was the default already. */
export async function resetTemplate(ctx: ProcedureContext, key: MailTemplateKey): Promise<MailTemplateDTO> {
  const row = await ctx.em.findOne(MailTemplate, { key });
  ctx.audit.record({
    entity: { kind: "mail_template", id: key },
    before: row ? { subject: row.subject, body: row.body } : { default: true },
    after: { default: true },
  });
  if (row) {
    ctx.em.remove(row);
    await ctx.em.flush();
  }
  return toMailTemplateDTO(key, null);
}
