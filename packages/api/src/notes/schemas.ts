/**
 * Notes, notifications and the timeline: inputs (browser-safe, shared with the SPA). Objects are strict: an unknown
 * field is refused.
 */
import { NOTE_BODY_MAX } from "@shortlist/db/constants";
import { z } from "zod";
import { recordVersion, uuid } from "../shared/ids";
import { multiLineText, singleLineText } from "../shared/text";

export { NOTE_BODY_MAX, NOTIFICATION_KINDS, type NotificationKind } from "@shortlist/db/constants";
export * from "./logic/mentions";
export * from "./logic/timeline-summary";

/** A note's text, mentions as `@[Name](user:<id>)` tokens; trimmed, not empty. */
export const noteBody = multiLineText(NOTE_BODY_MAX)
  .transform((s) => s.trim())
  .pipe(z.string().min(1, "Write something first"));

export const createNoteInput = z.strictObject({ candidateId: uuid, body: noteBody });
export type CreateNoteInput = z.input<typeof createNoteInput>;

export const updateNoteInput = z.strictObject({ id: uuid, version: recordVersion, body: noteBody });
export type UpdateNoteInput = z.input<typeof updateNoteInput>;

export const noteIdInput = z.strictObject({ id: uuid });
export const deleteNoteInput = z.strictObject({ id: uuid, version: recordVersion.optional() });

/** Who can be @mentioned: active users whose name or email holds the text. */
export const mentionableInput = z.strictObject({
  search: singleLineText(100)
    .transform((s) => s.trim())
    .default(""),
  limit: z.int().min(1).max(20).default(8),
});
export type MentionableInput = z.input<typeof mentionableInput>;

/** Sent by tRPC's infinite queries beside the cursor; pages only go forward. */
const direction = z.literal("forward", { error: "Only forward: pages go from newest to oldest" }).optional();
const cursor = (what: string) =>
  z
    .string()
    .max(300)
    .regex(/^[A-Za-z0-9_-]+$/, `Must be the nextCursor of a previous ${what} page`)
    .nullish();

export const notificationsListInput = z
  .strictObject({
    limit: z.int().min(1).max(100).default(20),
    unreadOnly: z.boolean().default(false),
    cursor: cursor("notifications"),
    direction,
  })
  .default({ limit: 20, unreadOnly: false });
export type NotificationsListInput = z.input<typeof notificationsListInput>;

export const markReadInput = z.strictObject({
  ids: z.array(uuid).min(1, "Name at least one notification").max(200, "At most 200 at a time"),
});
export type MarkReadInput = z.input<typeof markReadInput>;

export const timelineInput = z.strictObject({
  candidateId: uuid,
  limit: z.int().min(1).max(100).default(30),
  cursor: cursor("timeline"),
  direction,
});
export type TimelineInput = z.input<typeof timelineInput>;
