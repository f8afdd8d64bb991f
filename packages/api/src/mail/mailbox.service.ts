/** The Mailbox: the outbox's messages, newest first, opened with their subject's key; a failed or held one sent again. */
import type { EntityManager, Keyring, MailContent, MailStatus, Sealed } from "@shortlist/db";
import type { ProcedureContext } from "../context";
import { dbRow, dbRows } from "../db-rows";
import { Conflict, NotFound } from "../errors";
import type { MailMessageDTO } from "./mappers";
import type { mailListInput } from "./schemas";
import type { z } from "zod";

interface MessageRow {
  id: string;
  template: string;
  subjectId: string | null;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  providerMessageId: string | null;
  createdAt: Date;
  sealed: Sealed | string | null;
  plain: MailContent | string | null;
}

const COLUMNS = `id, template, subject_id, status, attempts, next_attempt_at, last_error, sent_at, provider_message_id,
  created_at, sealed, plain`;
const DATES = ["nextAttemptAt", "sentAt", "createdAt"] as const;

const json = <T>(value: T | string | null): T | null => (typeof value === "string" ? (JSON.parse(value) as T) : value);

async function toDTO(em: EntityManager, keyring: Keyring, row: MessageRow): Promise<MailMessageDTO> {
  let content = json(row.plain);
  let erased = false;
  const sealed = json(row.sealed);
  if (sealed) {
    const opened = await keyring.open(em, sealed);
    if (opened.ok) content = opened.value as MailContent;
    else erased = true;
  }
  return {
    id: row.id,
    template: row.template,
    subjectId: row.subjectId,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === "queued" ? row.nextAttemptAt : null,
    lastError: row.lastError,
    sentAt: row.sentAt,
    providerMessageId: row.providerMessageId,
    createdAt: row.createdAt,
    content,
    erased,
  };
}

/** Keyset pages by (created_at, id), newest first; `nextCursor` is `<ms>:<id>` of the page's last row, null at the end. */
export async function listMessages(
  ctx: Pick<ProcedureContext, "em" | "keyring">,
  input: z.output<typeof mailListInput>,
): Promise<{ items: MailMessageDTO[]; nextCursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (input.status) add("status = ?", input.status);
  if (input.subjectId) add("subject_id = ?", input.subjectId);
  if (input.cursor) {
    const [ms, id] = input.cursor.split(":");
    add("(created_at, id) < (?, ?)", new Date(Number(ms)), id);
  }
  const rows = dbRows<MessageRow>(
    await ctx.em.execute(
      `select ${COLUMNS} from mail_messages ${where.length ? `where ${where.join(" and ")}` : ""}
        order by created_at desc, id desc limit ?`,
      [...params, input.limit + 1],
    ),
    { dates: DATES },
  );
  const page = rows.slice(0, input.limit);
  const items: MailMessageDTO[] = [];
  for (const row of page) items.push(await toDTO(ctx.em, ctx.keyring, row));
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: rows.length > input.limit && last ? `${last.createdAt.getTime()}:${last.id}` : null,
  };
}

async function readMessage(em: EntityManager, id: string, lock = false): Promise<MessageRow> {
  const [row] = await em.execute(`select ${COLUMNS} from mail_messages where id = ?${lock ? " for update" : ""}`, [id]);
  if (!row) throw new NotFound("mail_message", id);
  return dbRow<MessageRow>(row, { dates: DATES });
}

export async function getMessage(ctx: Pick<ProcedureContext, "em" | "keyring">, id: string): Promise<MailMessageDTO> {
  return toDTO(ctx.em, ctx.keyring, await readMessage(ctx.em, id));
}

const RETRYABLE: readonly MailStatus[] = ["failed", "held"];

/**
 * Sends a failed message again (or a held one, once SMTP is configured): queued now, its attempts counted afresh.
 * The only way a message is sent twice, and a person decides it.
 */
export async function retryMessage(ctx: ProcedureContext, id: string): Promise<MailMessageDTO> {
  const row = await readMessage(ctx.em, id, true);
  if (!RETRYABLE.includes(row.status))
    throw new Conflict(
      `Only a failed or held message can be sent again; this one is ${row.status}`,
      "precondition_failed",
      {
        status: row.status,
      },
    );
  if (!ctx.config.mail.smtpUrl)
    throw new Conflict("No mail server is configured (SMTP_URL): the message stays held", "precondition_failed", {
      status: row.status,
      smtpConfigured: false,
    });
  const dto = await toDTO(ctx.em, ctx.keyring, row);
  if (dto.erased)
    throw new Conflict("The recipient was erased: the message can no longer be read or sent", "precondition_failed", {
      status: row.status,
      erased: true,
    });
  await ctx.em.execute(
    `update mail_messages set status = 'queued', attempts = 0, next_attempt_at = now(), last_error = null,
        lease_until = null, updated_at = now() where id = ?`,
    [id],
  );
  ctx.audit.record({
    entity: { kind: "mail_message", id },
    subjectId: row.subjectId,
    before: { status: row.status, attempts: row.attempts },
    after: { status: "queued", attempts: 0 },
  });
  return { ...dto, status: "queued", attempts: 0, lastError: null, nextAttemptAt: new Date() };
}
