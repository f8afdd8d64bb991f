import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Candidate } from "../candidates/entities";
import { baseProperties, versionProperty } from "../common";
import { User } from "../identity/entities";
import type { Sealed } from "../privacy";
import { NOTIFICATION_KINDS } from "./constants";

/**
 * A note about a candidate. The body is personal data about the candidate: stored only sealed with the candidate's
 * data key, so erasing the person (destroying the key) leaves nothing readable. `mentionIds` are users, in plaintext.
 */
export const Note = defineEntity({
  name: "Note",
  tableName: "notes",
  properties: {
    ...baseProperties,
    ...versionProperty,
    candidate: () => p.manyToOne(Candidate).deleteRule("cascade"),
    /** Null once the author's user record is gone; nobody can edit it then. */
    author: () => p.manyToOne(User).nullable().deleteRule("set null").index(),
    body: p.json<Sealed>(),
    mentionIds: p
      .array()
      .columnType("uuid[]")
      .defaultRaw("'{}'")
      .onCreate(() => []),
  },
  indexes: [{ name: "notes_candidate_created_idx", properties: ["candidate", "createdAt", "id"] }],
});
export type INote = InferEntity<typeof Note>;

/** An earlier version of a note, kept when its author edits it: the body as it was, sealed like the note's. */
export const NoteRevision = defineEntity({
  name: "NoteRevision",
  tableName: "note_revisions",
  properties: {
    id: baseProperties.id,
    note: () => p.manyToOne(Note).deleteRule("cascade"),
    /** The note's version this body had. */
    version: p.integer(),
    body: p.json<Sealed>(),
    mentionIds: p
      .array()
      .columnType("uuid[]")
      .defaultRaw("'{}'")
      .onCreate(() => []),
    /** When this version was written (the note's creation or its previous edit). */
    writtenAt: p.datetime(3),
  },
  uniques: [{ name: "note_revisions_note_version_unique", properties: ["note", "version"] }],
});
export type INoteRevision = InferEntity<typeof NoteRevision>;

/**
 * Something for a user to look at, e.g. that they were mentioned. Holds no personal text: it points to the candidate
 * (and the note), whose name the reader sees as it is when they look.
 */
export const Notification = defineEntity({
  name: "Notification",
  tableName: "notifications",
  properties: {
    id: baseProperties.id,
    createdAt: baseProperties.createdAt,
    user: () => p.manyToOne(User).deleteRule("cascade"),
    kind: p.enum(NOTIFICATION_KINDS).nativeEnumName("notification_kind"),
    candidate: () => p.manyToOne(Candidate).deleteRule("cascade").index(),
    note: () => p.manyToOne(Note).nullable().deleteRule("cascade").index(),
    actor: () => p.manyToOne(User).nullable().deleteRule("set null").index(),
    readAt: p.datetime(3).nullable(),
  },
  indexes: [
    { name: "notifications_user_created_idx", properties: ["user", "createdAt", "id"] },
    {
      name: "notifications_user_unread_idx",
      expression: "create index notifications_user_unread_idx on notifications (user_id) where read_at is null",
    },
  ],
  uniques: [
    {
      // A user hears of a mention in a note once, however often the note is edited.
      name: "notifications_mention_once",
      expression:
        "create unique index notifications_mention_once on notifications (note_id, user_id) where kind = 'mention'",
    },
  ],
});
export type INotification = InferEntity<typeof Notification>;

/** The notes module's tables, for the ORM's list in ../entities.ts. */
export const notesEntities = [Note, NoteRevision, Notification];
