/** mail: the transactional outbox, its worker, templates and the Mailbox. The only entry point for other modules and the server. */
export { enqueueMail, type EnqueueMailInput, type EnqueuedMail, type MailContext } from "./outbox.service";
export type { MailTemplateKey, MailTemplateVariables } from "./logic/templates";
export type { MailMessageDTO, MailTemplateDTO } from "./mappers";
