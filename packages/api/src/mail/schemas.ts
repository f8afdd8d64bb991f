/** The mail module's inputs (browser-safe). Objects are strict: an unknown field is refused. */
import { z } from "zod";
import { MAIL_STATUSES } from "@shortlist/db/constants";
import { multiLineText, singleLineText } from "../shared/text";
import { MAIL_TEMPLATE_KEYS } from "./logic/templates";

export {
  MAIL_TEMPLATES,
  MAIL_TEMPLATE_KEYS,
  type MailTemplateKey,
  type MailTemplateVariables,
  type TemplateVariableDoc,
} from "./logic/templates";
export { MAIL_STATUSES, type MailStatus } from "@shortlist/db/constants";

const templateKey = z.enum(MAIL_TEMPLATE_KEYS, { error: `Must be one of: ${MAIL_TEMPLATE_KEYS.join(", ")}` });
const messageId = z.uuid({ error: "Must be a UUID (the message's id)" });

export const mailListInput = z.strictObject({
  status: z.enum(MAIL_STATUSES, { error: `Must be one of: ${MAIL_STATUSES.join(", ")}` }).optional(),
  /** The person the messages are about (a candidate's id). */
  subjectId: z.uuid({ error: "Must be a UUID (the person's id)" }).optional(),
  limit: z.int().min(1).max(100).default(25),
  /** `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{13}:[0-9a-f-]{36}$/, "Must be the nextCursor of a previous page")
    .nullish(),
  /** Sent by tRPC's infinite queries beside the cursor; pages only go forward. */
  direction: z.literal("forward", { error: "Only forward: pages go from newest to oldest" }).optional(),
});
export type MailListInput = z.input<typeof mailListInput>;

export const mailIdInput = z.strictObject({ id: messageId });
export type MailIdInput = z.input<typeof mailIdInput>;

export const templateKeyInput = z.strictObject({ key: templateKey });

const subject = singleLineText(500).pipe(z.string().trim().min(1, "Must not be empty"));
const body = multiLineText(20_000).pipe(z.string().trim().min(1, "Must not be empty"));

export const previewTemplateInput = z.strictObject({ key: templateKey, subject, body });
export type PreviewTemplateInput = z.output<typeof previewTemplateInput>;

export const updateTemplateInput = z.strictObject({
  key: templateKey,
  subject,
  body,
  /** The version last read; 0 while the template is the built-in default. */
  version: z.int().min(0),
});
export type UpdateTemplateInput = z.output<typeof updateTemplateInput>;
