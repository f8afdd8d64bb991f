/**
 * mail's personal-data holder (personal-data.ts): the messages to (or about) a candidate. Erasure keeps the rows,
 * so the Mailbox and the counts stay right, but their content is sealed with the candidate's key, which the
 * erasure destroys: they read as erased. A message not yet sent is given up, and stored errors (which may quote
 * the address) are cleared.
 */
import type { PersonalDataHolder } from "../personal-data";
import { listMessages } from "./mailbox.service";
import type { MailMessageDTO } from "./mappers";

export const ERASED_ERROR = "The recipient was erased before the message was sent";

export const mailPersonalData: PersonalDataHolder = {
  async export(ctx, subjectId) {
    const mailMessages: MailMessageDTO[] = [];
    let cursor: string | null = null;
    do {
      const page = await listMessages(ctx, { subjectId, limit: 100, cursor });
      mailMessages.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return { mailMessages: mailMessages.reverse() };
  },
  async erase(ctx, subjectId) {
    await ctx.em.execute(
      `update mail_messages
          set status = case when status in ('queued', 'sending', 'held') then 'failed'::mail_status else status end,
              last_error = case when status in ('queued', 'sending', 'held') then ? else null end,
              lease_until = null, updated_at = now()
        where subject_id = ?`,
      [ERASED_ERROR, subjectId],
    );
  },
};
