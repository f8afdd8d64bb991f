/**
 * Notes about a candidate: written by writers, edited only by their author (each earlier version kept in
 * note_revisions), deleted by their author or an admin. The body is sealed with the candidate's data key.
 */
import { LockMode } from "@mikro-orm/core";
import { Note, NoteRevision, User, type EntityManager, type INote, type Keyring, type Sealed } from "@shortlist/db";
import { assertNotErased, findCandidateSummary } from "../candidates";
import type { AuthUser, ProcedureContext } from "../context";
import { DomainError, InvalidInput, StaleVersion } from "../errors";
import { mentionedUserIds } from "./logic/mentions";
import { toNoteDTO, type NoteDTO, type NoteVersionDTO, type UserRef } from "./mappers";
import { notifyMentioned } from "./notifications.service";
import type { createNoteInput, deleteNoteInput, mentionableInput, updateNoteInput } from "./schemas";
import type { z } from "zod";

export type NotesTx = Pick<ProcedureContext, "em" | "audit" | "keyring">;

class NotTheAuthor extends DomainError {
  constructor(what: string) {
    super("forbidden", `Only the note's author may ${what} it`);
  }
}

/** The body as text, or null once the person was erased (their key destroyed). */
export async function openBody(em: EntityManager, keyring: Keyring, sealed: Sealed): Promise<string | null> {
  const opened = await keyring.open(em, sealed);
  return opened.ok ? (opened.value as string) : null;
}

const noteRow = (note: INote) => ({
  id: note.id,
  candidateId: note.candidate.id,
  authorId: note.author?.id ?? null,
  authorName: note.author?.name ?? null,
  mentionIds: note.mentionIds,
  createdAt: note.createdAt,
  updatedAt: note.updatedAt,
  version: note.version,
});

export async function noteDTO(em: EntityManager, keyring: Keyring, note: INote): Promise<NoteDTO> {
  return toNoteDTO(noteRow(note), await openBody(em, keyring, note.body));
}

/** Users newly mentioned must be active users; a mention kept from an earlier version is not checked again. */
async function assertMentionable(em: EntityManager, ids: readonly string[]) {
  if (!ids.length) return;
  const found = await em.find(User, { id: { $in: [...ids] }, disabledAt: null }, { fields: ["id"] });
  const missing = ids.filter((id) => !found.some((u) => u.id === id));
  if (missing.length)
    throw InvalidInput.field("body", `Mentions someone who is not an active user (user ${missing.join(", ")})`);
}

function recordNote(
  ctx: NotesTx,
  note: { id: string; candidateId: string },
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) {
  ctx.audit.record({
    entity: { kind: "note", id: note.id },
    subjectId: note.candidateId,
    before,
    after,
    personal: ["body"],
  });
}

export async function createNote(ctx: NotesTx, author: AuthUser, input: z.output<typeof createNoteInput>) {
  const { em } = ctx;
  await findCandidateSummary(em, input.candidateId);
  await assertNotErased(em, input.candidateId);
  const mentionIds = mentionedUserIds(input.body);
  await assertMentionable(em, mentionIds);
  const note = em.create(Note, {
    candidate: input.candidateId,
    author: author.id,
    body: await ctx.keyring.seal(em, input.candidateId, input.body),
    mentionIds,
  });
  await em.flush();
  await em.populate(note, ["author"]);
  await notifyMentioned(em, {
    candidateId: input.candidateId,
    noteId: note.id,
    actorId: author.id,
    userIds: mentionIds,
  });
  recordNote(ctx, { id: note.id, candidateId: input.candidateId }, null, {
    candidateId: input.candidateId,
    body: input.body,
    mentionIds,
  });
  return toNoteDTO(noteRow(note), input.body);
}

/** The note, its row locked for the rest of the transaction (edits and deletions queue). */
const lockNote = (em: EntityManager, id: string) =>
  em.findOneOrFail(Note, id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, populate: ["author"] });

export async function updateNote(ctx: NotesTx, actor: AuthUser, input: z.output<typeof updateNoteInput>) {
  const { em } = ctx;
  const note = await lockNote(em, input.id);
  if (note.author?.id !== actor.id) throw new NotTheAuthor("edit");
  if (note.version !== input.version) throw new StaleVersion("note", { id: note.id, version: note.version });
  const candidateId = note.candidate.id;
  await assertNotErased(em, candidateId);
  const previousBody = await openBody(em, ctx.keyring, note.body);
  const mentionIds = mentionedUserIds(input.body);
  if (previousBody === input.body) {
    // Saved without a change: no new version, and the trail says so.
    recordNote(ctx, { id: note.id, candidateId }, null, { unchanged: true });
    return toNoteDTO(noteRow(note), previousBody);
  }
  const added = mentionIds.filter((id) => !note.mentionIds.includes(id));
  await assertMentionable(em, added);

  // The version as it was, kept whole (its sealed body as stored).
  em.create(NoteRevision, {
    note: note.id,
    version: note.version,
    body: note.body,
    mentionIds: note.mentionIds,
    writtenAt: note.updatedAt,
  });
  const before = { body: previousBody, mentionIds: note.mentionIds };
  note.body = await ctx.keyring.seal(em, candidateId, input.body);
  note.mentionIds = mentionIds;
  await em.flush();
  await notifyMentioned(em, { candidateId, noteId: note.id, actorId: actor.id, userIds: added });
  recordNote(ctx, { id: note.id, candidateId }, before, { body: input.body, mentionIds });
  return toNoteDTO(noteRow(note), input.body);
}

export async function deleteNote(ctx: NotesTx, actor: AuthUser, input: z.output<typeof deleteNoteInput>) {
  const { em } = ctx;
  const note = await lockNote(em, input.id);
  if (note.author?.id !== actor.id && actor.role !== "admin") throw new NotTheAuthor("delete");
  if (input.version !== undefined && note.version !== input.version)
    throw new StaleVersion("note", { id: note.id, version: note.version });
  const candidateId = note.candidate.id;
  const body = await openBody(em, ctx.keyring, note.body);
  // Its earlier versions and the notifications pointing at it go with it (on delete cascade).
  em.remove(note);
  await em.flush();
  recordNote(
    ctx,
    { id: note.id, candidateId },
    { authorId: note.author?.id ?? null, mentionIds: note.mentionIds, ...(body === null ? {} : { body }) },
    null,
  );
  return { id: note.id, deleted: true as const };
}

/** Every version of a note, newest first (the current one included). */
export async function noteHistory(em: EntityManager, keyring: Keyring, id: string): Promise<NoteVersionDTO[]> {
  const note = await em.findOneOrFail(Note, id);
  const revisions = await em.find(NoteRevision, { note: id }, { orderBy: { version: "desc" } });
  const versions: NoteVersionDTO[] = [
    {
      version: note.version,
      body: await openBody(em, keyring, note.body),
      mentionIds: [...note.mentionIds],
      writtenAt: note.updatedAt,
    },
  ];
  for (const r of revisions)
    versions.push({
      version: r.version,
      body: await openBody(em, keyring, r.body),
      mentionIds: [...r.mentionIds],
      writtenAt: r.writtenAt,
    });
  return versions;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Active users whose name or email holds the text (case-insensitive), by name: whom the editor offers after `@`. */
export async function mentionableUsers(
  em: EntityManager,
  input: z.output<typeof mentionableInput>,
): Promise<(UserRef & { email: string })[]> {
  const where = input.search
    ? {
        disabledAt: null,
        $or: [{ name: { $ilike: likePattern(input.search) } }, { email: { $ilike: likePattern(input.search) } }],
      }
    : { disabledAt: null };
  const users = await em.find(User, where, {
    fields: ["id", "name", "email"],
    orderBy: { name: "asc", id: "asc" },
    limit: input.limit,
  });
  return users.map((u) => ({ id: u.id, name: u.name, email: u.email }));
}
