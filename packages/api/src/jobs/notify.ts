/**
 * The emails an application change sends its candidate, queued in the change's transaction through the mail outbox
 * (sent after the commit). The idempotency key names the application's version after the change, so a retried
 * call sends nothing twice and a later change of the same kind sends again.
 */
import { findCandidateSummary } from "../candidates";
import type { ProcedureContext } from "../context";
import { Conflict } from "../errors";
import { enqueueMail, type MailTemplateKey, type MailTemplateVariables } from "../mail";
import type { JobsTx } from "./audit";
import type { ApplicationDTO } from "./mappers";

/** A change that may send mail needs the configuration too (is SMTP set up?). */
export type MailingTx = JobsTx & Pick<ProcedureContext, "config">;

type Extra<K extends MailTemplateKey> = Omit<MailTemplateVariables[K], "job" | "sender">;

/** Refuses before anything is written: an erased person has no address left to write to. */
export async function assertReachable(ctx: JobsTx, candidateId: string) {
  if (await ctx.keyring.isErased(ctx.em, candidateId))
    throw new Conflict(`Candidate ${candidateId} was erased; no email can be sent to them`, "precondition_failed", {
      id: candidateId,
      erased: true,
    });
}

export interface Recipient {
  name: string;
  email: string;
}

/** `recipient`: the person's name and address when the caller read them already (a bulk action reads them at once). */
export async function notifyCandidate<K extends MailTemplateKey>(
  ctx: MailingTx,
  app: ApplicationDTO,
  template: K,
  extra: Extra<K>,
  recipient?: Recipient,
) {
  await assertReachable(ctx, app.candidateId);
  const candidate = recipient ?? (await findCandidateSummary(ctx.em, app.candidateId));
  const sender = (await ctx.getAuth())?.user.name ?? app.company;
  const variables = { ...extra, job: { title: app.jobTitle, company: app.company }, sender: { name: sender } };
  return enqueueMail(ctx, {
    template,
    subjectId: app.candidateId,
    to: { email: candidate.email, name: candidate.name },
    variables: variables as unknown as MailTemplateVariables[K],
    idempotencyKey: `${template}:${app.id}:${app.version}`,
  });
}
