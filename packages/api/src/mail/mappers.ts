import type { IMailTemplate, MailContent, MailStatus } from "@shortlist/db";
import { MAIL_TEMPLATES, type MailTemplateKey, type TemplateVariableDoc } from "./logic/templates";

export interface MailMessageDTO {
  id: string;
  template: string;
  /** The candidate the message is about, or null (mail to a user). */
  subjectId: string | null;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  sentAt: Date | null;
  providerMessageId: string | null;
  createdAt: Date;
  /** The rendered message; null once the person was erased (their key is shredded). */
  content: MailContent | null;
  erased: boolean;
}

export interface MailTemplateDTO {
  key: MailTemplateKey;
  label: string;
  subject: string;
  body: string;
  /** True while no admin changed it. */
  isDefault: boolean;
  /** 0 for the default; pass it back to `mail.templates.update`. */
  version: number;
  updatedAt: Date | null;
  defaults: { subject: string; body: string };
  variables: TemplateVariableDoc[];
}

export function toMailTemplateDTO(key: MailTemplateKey, row: IMailTemplate | null): MailTemplateDTO {
  const spec = MAIL_TEMPLATES[key];
  return {
    key,
    label: spec.label,
    subject: row?.subject ?? spec.defaults.subject,
    body: row?.body ?? spec.defaults.body,
    isDefault: !row,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
    defaults: { ...spec.defaults },
    variables: spec.variables,
  };
}
