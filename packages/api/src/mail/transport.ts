/**
 * Sending one message over SMTP (nodemailer), bounded by timeouts, and what a failure means for a retry:
 * whether the server could have accepted the message. The message is built first and handed to the connection
 * as a stream; if the connection fails once the server has started reading it (the DATA phase), the server may
 * have accepted it, so the worker must not send it again on its own (at most once).
 */
import { Readable } from "node:stream";
import nodemailer from "nodemailer";
import MailComposer from "nodemailer/lib/mail-composer";
import type { MailContent } from "@shortlist/db";

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 };

export type SendOutcome =
  | { ok: true; providerMessageId: string | null; response: string }
  /** permanent: the server refused it (5xx); ambiguous: it may have been accepted; else: safe to try again. */
  | { ok: false; kind: "transient" | "permanent" | "ambiguous"; error: string };

export interface MailTransport {
  send(message: { id: string; from: string; content: MailContent }): Promise<SendOutcome>;
  close(): void;
}

/** The Message-ID's domain: the From address's, or localhost. */
function messageIdDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
}

export function smtpTransport(smtpUrl: string, timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    // One connection per message: a broken connection never carries over to the next one.
    pool: false,
  });
  return {
    async send({ id, from, content }) {
      const raw = await new MailComposer({
        from,
        to: { name: content.to.name, address: content.to.email },
        subject: content.subject,
        text: content.text,
        ...(content.html ? { html: content.html } : {}),
        // Stable per outbox row: a message sent again by hand carries the same id, so clients can tell.
        messageId: `<${id}@${messageIdDomain(from)}>`,
      })
        .compile()
        .build();
      let reading = false;
      const stream = new Readable({
        read() {
          reading = true;
          this.push(raw);
          this.push(null);
        },
      });
      try {
        const info = await transporter.sendMail({ envelope: { from, to: [content.to.email] }, raw: stream });
        return { ok: true, providerMessageId: info.messageId ?? null, response: String(info.response ?? "") };
      } catch (error) {
        const err = error as { message?: string; responseCode?: number; code?: string };
        const text = [err.code, err.responseCode, err.message].filter(Boolean).join(" ");
        const kind =
          typeof err.responseCode === "number" && err.responseCode >= 500
            ? "permanent"
            : typeof err.responseCode === "number" && err.responseCode >= 400
              ? "transient"
              : reading
                ? "ambiguous"
                : "transient";
        return { ok: false, kind, error: text || String(error) };
      }
    },
    close() {
      transporter.close();
    },
  };
}
