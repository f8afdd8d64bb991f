import { MAIL_TEMPLATES, type MailStatus } from "@shortlist/api/schemas";

export const STATUS_LABEL: Record<MailStatus, string> = {
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  held: "Held",
};

export const STATUS_COLOR: Record<MailStatus, string> = {
  queued: "blue",
  sending: "blue",
  sent: "green",
  failed: "red",
  held: "gray",
};

export const STATUS_HINT: Record<MailStatus, string> = {
  queued: "Waiting to be sent (or for its next attempt)",
  sending: "Being handed to the mail server",
  sent: "Accepted by the mail server",
  failed: "Not sent: see the error; a writer may send it again",
  held: "Kept here: no mail server is configured, so nothing is sent",
};

export const templateLabel = (key: string) =>
  key in MAIL_TEMPLATES ? MAIL_TEMPLATES[key as keyof typeof MAIL_TEMPLATES].label : key;
