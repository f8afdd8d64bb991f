import { procedureFor, ROLES, router } from "../trpc";
import { getMessage, listMessages, retryMessage } from "./mailbox.service";
import { mailIdInput, mailListInput, previewTemplateInput, templateKeyInput, updateTemplateInput } from "./schemas";
import { getTemplate, listTemplates, previewTemplate, resetTemplate, updateTemplate } from "./templates.service";

const templates = router({
  list: procedureFor(ROLES.writers).query(({ ctx }) => listTemplates(ctx.em)),
  get: procedureFor(ROLES.writers)
    .input(templateKeyInput)
    .query(({ ctx, input }) => getTemplate(ctx.em, input.key)),
  /**
   * Renders a draft with the template's sample variables (nothing saved); refuses one that does not render.
   * A mutation only so that a long draft travels in the body, not the URL.
   */
  preview: procedureFor(ROLES.admin)
    .meta({ audit: { skip: "renders a draft with sample variables; saves nothing" } })
    .input(previewTemplateInput)
    .mutation(({ input }) => previewTemplate(input)),
  update: procedureFor(ROLES.admin)
    .input(updateTemplateInput)
    .mutation(({ ctx, input }) => updateTemplate(ctx, input)),
  reset: procedureFor(ROLES.admin)
    .input(templateKeyInput)
    .mutation(({ ctx, input }) => resetTemplate(ctx, input.key)),
});

const mail = router({
  /** The outbox, newest first: every message with its status, opened (an erased person's read as erased). */
  list: procedureFor(ROLES.writers)
    .input(mailListInput)
    .query(async ({ ctx, input }) => ({
      ...(await listMessages(ctx, input)),
      /** False: no SMTP_URL, so messages are held here and never sent. */
      smtpConfigured: Boolean(ctx.config.mail.smtpUrl),
    })),
  get: procedureFor(ROLES.writers)
    .input(mailIdInput)
    .query(({ ctx, input }) => getMessage(ctx, input.id)),
  /** Queues a failed (or held, once SMTP is configured) message again: a person decides to send it twice. */
  retry: procedureFor(ROLES.writers)
    .input(mailIdInput)
    .mutation(({ ctx, input }) => retryMessage(ctx, input.id)),
  templates,
});

/** Keyed by top-level API namespace: procedure paths are mail.* and mail.templates.*. */
export const routes = { mail };
