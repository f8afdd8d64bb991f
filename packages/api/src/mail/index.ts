/** mail: the transactional outbox, its worker, templates and the Mailbox. The only entry point for other modules and the server. */
import { mailPersonalData } from "./personal-data.service";
import { routes } from "./router";

export const mailModule = { name: "mail", routes, personalData: mailPersonalData } as const;

export { enqueueMail, type EnqueueMailInput, type EnqueuedMail, type MailContext } from "./outbox.service";
export {
  createMailWorker,
  startMailWorker,
  type MailPassResult,
  type MailWorker,
  type MailWorkerDeps,
  type MailWorkerOptions,
} from "./worker";
export type { MailTemplateKey, MailTemplateVariables } from "./logic/templates";
export type { MailMessageDTO, MailTemplateDTO } from "./mappers";
