import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Candidate } from "../candidates/entities";
import { baseProperties, versionProperty } from "../common";
import type { Sealed } from "../privacy/keyring";
import { MAIL_STATUSES } from "./constants";

/** The message as rendered at enqueue time; stored sealed (`sealed`) or, with no subject, as it is (`plain`). */
export interface MailContent {
  to: { email: string; name: string };
  subject: string;
  text: string;
  html?: string;
}

/**
 * The transactional outbox: a message is inserted in the transaction of the action that causes it and sent
 * after commit by the worker (packages/api/src/mail/worker.ts). At most one row per idempotency key.
 */
export const MailMessage = defineEntity({
  name: "MailMessage",
  tableName: "mail_messages",
  properties: {
    ...baseProperties,
    template: p.string().length(100),
    idempotencyKey: p.string().length(255).unique("mail_messages_idempotency_key_unique"),
    /** The person the message is about (the candidate it goes to): their data key seals it; erasure shreds it. */
    subject: () => p.manyToOne(Candidate).nullable().deleteRule("cascade").index(),
    status: p.enum(MAIL_STATUSES).nativeEnumName("mail_status"),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime(3),
    /** While `sending`: until when the claiming worker owns it. An expired lease means the worker died mid-send. */
    leaseUntil: p.datetime(3).nullable(),
    lastError: p.text().nullable(),
    sentAt: p.datetime(3).nullable(),
    providerMessageId: p.string().length(998).nullable(),
    /** `MailContent` sealed with the subject's data key (set when `subject` is). */
    sealed: p.json<Sealed>().nullable(),
    /** `MailContent` in the clear: only for mail with no subject (to a user, holding no candidate's data). */
    plain: p.json<MailContent>().nullable(),
  },
  indexes: [
    { name: "mail_messages_created_idx", properties: ["createdAt", "id"] },
    {
      name: "mail_messages_due_idx",
      expression:
        "create index mail_messages_due_idx on mail_messages (next_attempt_at) where status in ('queued', 'sending')",
    },
  ],
  checks: [
    {
      name: "mail_messages_content_check",
      expression:
        "(subject_id is not null and sealed is not null and plain is null) or (subject_id is null and sealed is null and plain is not null)",
    },
  ],
});
export type IMailMessage = InferEntity<typeof MailMessage>;

/** An admin's version of a built-in template (the defaults live in code: packages/api/src/mail/templates.ts). */
export const MailTemplate = defineEntity({
  name: "MailTemplate",
  tableName: "mail_templates",
  properties: {
    ...baseProperties,
    ...versionProperty,
    key: p.string().length(100).unique("mail_templates_key_unique"),
    subject: p.text(),
    body: p.text(),
    updatedById: p.uuid().nullable(),
  },
});
export type IMailTemplate = InferEntity<typeof MailTemplate>;

/** The mail module's tables, for the ORM's list in ../entities.ts. */
export const mailEntities = [MailMessage, MailTemplate];
