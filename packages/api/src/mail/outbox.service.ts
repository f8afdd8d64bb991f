/**
 * The outbox's port: other modules call `enqueueMail` inside their own transaction. The message is rendered now
 * (a later template edit does not change it), sealed with the subject's key, and inserted; the worker sends it
 * after the commit. A rolled-back transaction leaves no message; a second call with the same idempotency key
 * changes nothing and answers the first message's id.
 */
import type { MailContent } from "@shortlist/db";
import type { ProcedureContext } from "../context";
import { InvalidInput } from "../errors";
import { email as emailSchema } from "../shared/email";
import { MAIL_TEMPLATES, type MailTemplateKey, type MailTemplateVariables } from "./logic/templates";
import { renderMail } from "./render";
import { currentTemplate } from "./templates.service";

export interface EnqueueMailInput<K extends MailTemplateKey = MailTemplateKey> {
  template: K;
  /**
   * The candidate the message goes to (or is about): their data key seals it, and their erasure makes it unreadable.
   * Null only for mail to a user that holds no candidate's data: stored as it is (see docs/modules.md, mail).
   */
  subjectId: string | null;
  to: { email: string; name: string };
  variables: MailTemplateVariables[K];
  /** At most one message per key, ever: e.g. `rejection:<applicationId>:<rejectedAt>`. At most 255 characters. */
  idempotencyKey: string;
}

export interface EnqueuedMail {
  id: string;
  /** False when a message with this idempotency key existed already (nothing was written). */
  created: boolean;
}

/** What `enqueueMail` needs of the caller's context: a procedure's `ctx` as it is. */
export type MailContext = Pick<ProcedureContext, "em" | "audit" | "keyring" | "config">;

async function existingId(ctx: MailContext, idempotencyKey: string): Promise<string | null> {
  const [row] = await ctx.em.execute<{ id: string }[]>("select id from mail_messages where idempotency_key = ?", [
    idempotencyKey,
  ]);
  return row?.id ?? null;
}

export async function enqueueMail<K extends MailTemplateKey>(
  ctx: MailContext,
  input: EnqueueMailInput<K>,
): Promise<EnqueuedMail> {
  if (!MAIL_TEMPLATES[input.template]) throw InvalidInput.field("template", `No mail template "${input.template}"`);
  const key = input.idempotencyKey;
  if (!key || key.length > 255) throw InvalidInput.field("idempotencyKey", "Must be 1 to 255 characters");
  const address = emailSchema.safeParse(input.to.email);
  if (!address.success) throw InvalidInput.field("to.email", address.error.issues[0]!.message);

  // The caller's pending changes first (the candidate this message is about may be one of them).
  await ctx.em.flush();
  const existing = await existingId(ctx, key);
  if (existing) return { id: existing, created: false };

  const to = { email: address.data, name: input.to.name.trim() };
  const rendered = await renderMail(await currentTemplate(ctx.em, input.template), {
    ...input.variables,
    recipient: to,
  });
  const content: MailContent = { to, ...rendered };
  const sealed = input.subjectId ? await ctx.keyring.seal(ctx.em, input.subjectId, content) : null;
  // With no SMTP server configured nothing is ever sent: the message is held for the Mailbox.
  const status = ctx.config.mail.smtpUrl ? "queued" : "held";
  const [row] = await ctx.em.execute<{ id: string }[]>(
    `insert into mail_messages (template, idempotency_key, subject_id, status, next_attempt_at, sealed, plain)
     values (?, ?, ?, ?, now(), ?, ?)
     on conflict (idempotency_key) do nothing
     returning id`,
    [
      input.template,
      key,
      input.subjectId,
      status,
      sealed ? JSON.stringify(sealed) : null,
      sealed ? null : JSON.stringify(content),
    ],
  );
  // Another transaction inserted the key between the check and the insert (and committed: the insert waited).
  if (!row) return { id: (await existingId(ctx, key))!, created: false };

  ctx.audit.record({
    entity: { kind: "mail_message", id: row.id },
    subjectId: input.subjectId,
    after: { template: input.template, status, to: to.email, subject: rendered.subject },
    personal: input.subjectId ? ["to", "subject"] : [],
  });
  return { id: row.id, created: true };
}
