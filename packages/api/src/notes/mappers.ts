import type { NotificationKind } from "@shortlist/db";
import type { TimelineCategory } from "./logic/timeline-summary";

/** A user as notes name them: who wrote, who acted. */
export interface UserRef {
  id: string;
  name: string;
}

export interface NoteDTO {
  id: string;
  candidateId: string;
  /** Null once the author's user record is gone. */
  author: UserRef | null;
  /** The text with `@[Name](user:<id>)` mention tokens; null once the person was erased (their key is gone). */
  body: string | null;
  mentionIds: string[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** Whether the author changed it after writing it (`notes.history` has the earlier versions). */
  edited: boolean;
}

/** One version of a note, the current one included. */
export interface NoteVersionDTO {
  version: number;
  body: string | null;
  mentionIds: string[];
  writtenAt: Date;
}

/** Points at what happened; the candidate's name is read when the list is, never stored with it. */
export interface NotificationDTO {
  id: string;
  kind: NotificationKind;
  candidate: { id: string; name: string };
  noteId: string | null;
  actor: UserRef | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface TimelineItemBase {
  /** Unique in the timeline (`note:<id>`, `event:<seq>`): a list key. */
  key: string;
  at: Date;
  category: TimelineCategory;
  /** Who did it, as people read it: the user's name, or the trail's label for a token or the system. */
  actor: { id: string | null; label: string };
}

export type TimelineItemDTO =
  | (TimelineItemBase & { type: "note"; note: NoteDTO })
  | (TimelineItemBase & { type: "event"; seq: number; action: string; summary: string });

export interface NoteRow {
  id: string;
  candidateId: string;
  authorId: string | null;
  authorName: string | null;
  mentionIds: string[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const toNoteDTO = (row: NoteRow, body: string | null): NoteDTO => ({
  id: row.id,
  candidateId: row.candidateId,
  author: row.authorId ? { id: row.authorId, name: row.authorName ?? "" } : null,
  body,
  mentionIds: [...row.mentionIds],
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  version: row.version,
  edited: row.version > 1,
});
