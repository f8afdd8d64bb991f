import { procedureFor, ROLES, router } from "../trpc";
import { createNote, deleteNote, mentionableUsers, noteHistory, updateNote } from "./notes.service";
import { listNotifications, markAllRead, markRead, unreadCount } from "./notifications.service";
import {
  createNoteInput,
  deleteNoteInput,
  markReadInput,
  mentionableInput,
  noteIdInput,
  notificationsListInput,
  timelineInput,
  updateNoteInput,
} from "./schemas";
import { candidateTimeline } from "./timeline.service";

const notes = router({
  /** A note about a candidate; each user it newly @mentions is notified. */
  create: procedureFor(ROLES.writers)
    .input(createNoteInput)
    .mutation(({ ctx, input }) => createNote(ctx, ctx.auth.user, input)),
  /** Its author only; the version before is kept (`notes.history`). */
  update: procedureFor(ROLES.writers)
    .input(updateNoteInput)
    .mutation(({ ctx, input }) => updateNote(ctx, ctx.auth.user, input)),
  /** Its author, or an admin. */
  delete: procedureFor(ROLES.writers)
    .input(deleteNoteInput)
    .mutation(({ ctx, input }) => deleteNote(ctx, ctx.auth.user, input)),
  /** Every version of a note, newest first. */
  history: procedureFor(ROLES.any)
    .input(noteIdInput)
    .query(({ ctx, input }) => noteHistory(ctx.em, ctx.keyring, input.id)),
  /** Whom a note may @mention: active users (id, name and email only). */
  mentionable: procedureFor(ROLES.writers)
    .input(mentionableInput)
    .query(({ ctx, input }) => mentionableUsers(ctx.em, input)),
});

const notifications = router({
  /** The caller's own, newest first. */
  list: procedureFor(ROLES.any)
    .input(notificationsListInput)
    .query(({ ctx, input }) => listNotifications(ctx.em, ctx.auth.user.id, input)),
  unreadCount: procedureFor(ROLES.any).query(({ ctx }) => unreadCount(ctx.em, ctx.auth.user.id)),
  markRead: procedureFor(ROLES.any)
    .meta({ audit: { skip: "the caller's own read marks; nobody's data changes" } })
    .input(markReadInput)
    .mutation(({ ctx, input }) => markRead(ctx.em, ctx.auth.user.id, input)),
  markAllRead: procedureFor(ROLES.any)
    .meta({ audit: { skip: "the caller's own read marks; nobody's data changes" } })
    .mutation(({ ctx }) => markAllRead(ctx.em, ctx.auth.user.id)),
});

const timeline = router({
  /** Notes and every audited event about the candidate, newest first, keyset-paged. */
  forCandidate: procedureFor(ROLES.any)
    .input(timelineInput)
    .query(({ ctx, input }) => candidateTimeline(ctx, input)),
});

/** Keyed by top-level API namespace: notes.*, notifications.*, timeline.*. */
export const routes = { notes, notifications, timeline };
