/** Notes and notifications constants (browser-safe, re-exported by `@shortlist/db/constants`). */

/** What a notification is about: `mention`, someone named the user in a note about a candidate. */
export const NOTIFICATION_KINDS = ["mention"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The longest note body, in characters. */
export const NOTE_BODY_MAX = 20_000;
