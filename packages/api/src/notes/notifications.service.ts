/**
 * In-app notifications: a row per user and event (today: mentions), holding only ids. The list reads the
 * candidate's name and the actor's name as they are now.
 */
import type { EntityManager } from "@shortlist/db";
import { dbRows } from "../db-rows";
import { InvalidInput } from "../errors";
import type { NotificationDTO, Page } from "./mappers";
import type { markReadInput, notificationsListInput } from "./schemas";
import type { z } from "zod";

/**
 * Tells each user that they were mentioned in the note, in the caller's transaction: once per note and user (a later
 * edit that keeps or re-adds the mention tells nobody again), never the author themselves.
 */
export async function notifyMentioned(
  em: EntityManager,
  {
    candidateId,
    noteId,
    actorId,
    userIds,
  }: { candidateId: string; noteId: string; actorId: string; userIds: readonly string[] },
) {
  const recipients = userIds.filter((id) => id !== actorId);
  if (!recipients.length) return;
  await em.execute(
    `insert into notifications (user_id, kind, candidate_id, note_id, actor_id)
     select u, 'mention', ?, ?, ? from unnest(?::uuid[]) as u
     on conflict (note_id, user_id) where kind = 'mention' do nothing`,
    [candidateId, noteId, actorId, `{${recipients.join(",")}}`],
  );
}

interface NotificationRow {
  id: string;
  kind: NotificationDTO["kind"];
  candidateId: string;
  candidateName: string;
  noteId: string | null;
  actorId: string | null;
  actorName: string | null;
  createdAt: Date;
  readAt: Date | null;
}

const toDTO = (r: NotificationRow): NotificationDTO => ({
  id: r.id,
  kind: r.kind,
  candidate: { id: r.candidateId, name: r.candidateName },
  noteId: r.noteId,
  actor: r.actorId ? { id: r.actorId, name: r.actorName ?? "" } : null,
  createdAt: r.createdAt,
  readAt: r.readAt,
});

const encodeCursor = (r: NotificationRow) =>
  Buffer.from(`${r.createdAt.toISOString()}|${r.id}`, "utf8").toString("base64url");

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(at ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(date.getTime()))
    throw InvalidInput.field("cursor", "Must be the nextCursor of a previous notifications page");
  return { at: date, id };
}

/** The caller's notifications, newest first. */
export async function listNotifications(
  em: EntityManager,
  userId: string,
  input: z.output<typeof notificationsListInput>,
): Promise<Page<NotificationDTO>> {
  const where = ["n.user_id = ?"];
  const params: unknown[] = [userId];
  if (input.unreadOnly) where.push("n.read_at is null");
  if (input.cursor) {
    const { at, id } = decodeCursor(input.cursor);
    where.push("(n.created_at, n.id) < (?, ?)");
    params.push(at.toISOString(), id);
  }
  const rows = dbRows<NotificationRow>(
    await em.execute(
      `select n.id, n.kind, n.candidate_id, c.name as candidate_name, n.note_id, n.actor_id, u.name as actor_name,
              n.created_at, n.read_at
         from notifications n
         join candidates c on c.id = n.candidate_id
         left join users u on u.id = n.actor_id
        where ${where.join(" and ")}
        order by n.created_at desc, n.id desc
        limit ?`,
      [...params, input.limit + 1],
    ),
    { dates: ["createdAt", "readAt"] },
  );
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(toDTO),
    nextCursor: rows.length > input.limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}

export async function unreadCount(em: EntityManager, userId: string): Promise<{ unread: number }> {
  const [row] = await em.execute<{ n: string }[]>(
    "select count(*) as n from notifications where user_id = ? and read_at is null",
    [userId],
  );
  return { unread: Number(row?.n ?? 0) };
}

/** Marks the caller's own notifications read (another user's ids are ignored); answers how many changed. */
export async function markRead(em: EntityManager, userId: string, input: z.output<typeof markReadInput>) {
  const rows = await em.execute<{ id: string }[]>(
    `update notifications set read_at = now()
      where user_id = ? and read_at is null and id = any(?::uuid[])
      returning id`,
    [userId, `{${input.ids.join(",")}}`],
  );
  return { marked: rows.length, ...(await unreadCount(em, userId)) };
}

export async function markAllRead(em: EntityManager, userId: string) {
  const rows = await em.execute<{ id: string }[]>(
    "update notifications set read_at = now() where user_id = ? and read_at is null returning id",
    [userId],
  );
  return { marked: rows.length, unread: 0 };
}
