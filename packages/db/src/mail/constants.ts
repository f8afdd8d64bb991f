/** Mail constants with no runtime dependencies (safe for the SPA bundle, re-exported by `@shortlist/db/constants`). */

/**
 * queued: waiting for the worker (or its next attempt); sending: claimed by a worker, under a lease;
 * sent: accepted by the SMTP server; failed: given up (or interrupted mid-send, see mail/worker.ts);
 * held: no SMTP server configured, kept in the outbox to be read in the Mailbox.
 */
export const MAIL_STATUSES = ["queued", "sending", "sent", "failed", "held"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** The templates Shortlist ships defaults for; an admin may override each (mail_templates). */
export const MAIL_TEMPLATE_KEYS = [
  "assessment_invitation",
  "rejection",
  "stage_change",
  "interview_invitation",
] as const;
export type MailTemplateKey = (typeof MAIL_TEMPLATE_KEYS)[number];
