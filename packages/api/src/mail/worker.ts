/**
 * The outbox worker: started by the server after it listens (stopped at shutdown), and run a pass at a time by tests
 * with their own clock. A pass:
 *
 * 1. gives up on messages whose lease expired while `sending` (a worker died between claiming a message and
 *    recording the outcome, maybe after the SMTP server accepted it): they become `failed` saying so, and are
 *    never sent again on their own: **at most once** per message. An admin who checks that it did not arrive
 *    sends it again with `mail.retry`;
 * 2. with no SMTP server configured, holds every queued message (`held`: nothing is sent by surprise);
 * 3. claims up to `batchSize` due messages (`FOR UPDATE SKIP LOCKED`, so workers in several processes never share
 *    one) and marks them `sending` under a lease longer than the batch's SMTP timeouts;
 * 4. sends each and records the outcome: `sent`; a retry at `now + backoff` (doubling, capped) while attempts remain;
 *    or `failed` (refused by the server, attempts used up, or an ambiguous failure: see transport.ts).
 *
 * Outcomes are audited as the system's events (entity `mail_message`, subject = the candidate).
 */
import {
  appendEvents,
  type AuditEventInput,
  type EntityManager,
  type Keyring,
  type MikroORM,
  type Sealed,
} from "@shortlist/db";
import type { MailContent } from "@shortlist/db";
import type { Config } from "@shortlist/config";
import type { Logger } from "pino";
import { chainCommitted } from "../audit-trail";
import { dbRows } from "../db-rows";
import { DEFAULT_SMTP_TIMEOUTS, smtpTransport, type MailTransport, type SmtpTimeouts } from "./transport";

export interface MailWorkerOptions {
  /** Messages claimed per pass. */
  batchSize?: number;
  /** How often the started worker runs a pass. */
  pollMs?: number;
  /** Sending attempts before a message is given up as failed. */
  maxAttempts?: number;
  /** Wait before attempt n+1: baseMs × 2^(n−1), at most capMs. */
  backoff?: { baseMs: number; capMs: number };
  smtpTimeouts?: SmtpTimeouts;
  /** The worker's clock (tests pass their own to `runOnce` instead). */
  now?: () => Date;
}

export interface MailPassResult {
  sent: number;
  retried: number;
  failed: number;
  held: number;
  interrupted: number;
}

export interface MailWorker {
  /** One pass now (a pass in progress is awaited instead); `now` replaces the clock for this pass. */
  runOnce(options?: { now?: Date }): Promise<MailPassResult>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

export interface MailWorkerDeps {
  orm: MikroORM;
  config: Pick<Config, "mail">;
  log: Logger;
  keyring: Keyring;
}

const DEFAULTS = {
  batchSize: 20,
  pollMs: 5_000,
  maxAttempts: 8,
  backoff: { baseMs: 30_000, capMs: 60 * 60_000 },
};

export const INTERRUPTED_ERROR =
  "Interrupted while sending (the worker stopped before recording the outcome): the message may or may not have " +
  "arrived. It is not sent again on its own; check with the recipient, then Retry to send it again.";

export function backoffMs(attempts: number, backoff: { baseMs: number; capMs: number }): number {
  return Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
}

interface ClaimedRow {
  id: string;
  subjectId: string | null;
  attempts: number;
  sealed: Sealed | string | null;
  plain: MailContent | string | null;
}

const parsed = <T>(value: T | string | null): T | null =>
  typeof value === "string" ? (JSON.parse(value) as T) : value;

/** An SMTP error may quote the recipient's address: it is personal data, and the error is stored in the clear. */
const redact = (text: string, content: MailContent | null) =>
  (content ? text.split(content.to.email).join("<recipient>") : text).slice(0, 2000);

function systemEvent(id: string, subjectId: string | null, after: Record<string, unknown>): AuditEventInput {
  return {
    actor: { type: "system", id: null, label: "mail worker" },
    action: `mail.${String(after.status)}`,
    entity: { kind: "mail_message", id },
    subjectId,
    requestId: null,
    ip: null,
    change: { before: { status: "sending" }, after },
  };
}

export function createMailWorker(deps: MailWorkerDeps, options: MailWorkerOptions = {}): MailWorker {
  const batchSize = options.batchSize ?? DEFAULTS.batchSize;
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
  const backoff = options.backoff ?? DEFAULTS.backoff;
  const timeouts = options.smtpTimeouts ?? DEFAULT_SMTP_TIMEOUTS;
  const clock = options.now ?? (() => new Date());
  // Longer than any batch can take to send: a live worker never loses its lease.
  const leaseMs = batchSize * (timeouts.connectionMs + timeouts.greetingMs + timeouts.socketMs * 2) + 60_000;
  const smtpUrl = deps.config.mail.smtpUrl;
  const from = deps.config.mail.from;

  /** Records outcomes and their events in one transaction, then chains the events. */
  async function record(em: EntityManager, work: (tx: EntityManager) => Promise<AuditEventInput[]>): Promise<number> {
    const events = await em.transactional(async (tx) => {
      const events = await work(tx);
      if (events.length) await appendEvents(tx, events);
      return events;
    });
    if (events.length)
      await chainCommitted(deps.orm).catch((error: unknown) =>
        deps.log.warn({ err: error }, "mail events committed, chaining them failed; the next run will"),
      );
    return events.length;
  }

  async function recoverInterrupted(em: EntityManager, now: Date): Promise<number> {
    return record(em, async (tx) => {
      const rows = await tx.execute<{ id: string; subject_id: string | null; attempts: number }[]>(
        `update mail_messages set status = 'failed', lease_until = null, last_error = ?, updated_at = ?
          where status = 'sending' and lease_until < ? returning id, subject_id, attempts`,
        [INTERRUPTED_ERROR, now, now],
      );
      return rows.map((r) =>
        systemEvent(r.id, r.subject_id, { status: "failed", attempts: r.attempts, interrupted: true }),
      );
    });
  }

  async function holdQueued(em: EntityManager, now: Date): Promise<number> {
    const rows = await em.execute<{ id: string }[]>(
      "update mail_messages set status = 'held', updated_at = ? where status = 'queued' returning id",
      [now],
    );
    return rows.length;
  }

  async function claim(em: EntityManager, now: Date): Promise<ClaimedRow[]> {
    const rows = await em.execute(
      `update mail_messages set status = 'sending', attempts = attempts + 1, lease_until = ?, updated_at = ?
        where id in (select id from mail_messages where status = 'queued' and next_attempt_at <= ?
                      order by next_attempt_at, id limit ? for update skip locked)
        returning id, subject_id, attempts, sealed, plain`,
      [new Date(now.getTime() + leaseMs), now, now, batchSize],
    );
    return dbRows<ClaimedRow>(rows);
  }

  /** The message, or why it cannot be read (its subject erased, or the sealed value damaged). */
  async function contentOf(em: EntityManager, row: ClaimedRow): Promise<MailContent | string> {
    const plain = parsed(row.plain);
    if (plain) return plain;
    try {
      const opened = await deps.keyring.open(em, parsed(row.sealed)!);
      return opened.ok ? (opened.value as MailContent) : "The recipient was erased: the message can no longer be read";
    } catch (error) {
      deps.log.error({ err: error, messageId: row.id }, "a sealed mail message does not open");
      return "The message does not open with its data key (damaged?); it was not sent";
    }
  }

  async function deliver(em: EntityManager, transport: MailTransport, row: ClaimedRow, now: Date) {
    const content = await contentOf(em, row);
    if (typeof content === "string") {
      await finish(em, row, { status: "failed", lastError: content }, now);
      return "failed" as const;
    }
    const outcome = await transport.send({ id: row.id, from, content });
    if (outcome.ok) {
      const providerMessageId = (outcome.response || outcome.providerMessageId || "").slice(0, 998) || null;
      await finish(em, row, { status: "sent", providerMessageId }, now);
      return "sent" as const;
    }
    const lastError = redact(outcome.error, content);
    if (outcome.kind === "transient" && row.attempts < maxAttempts) {
      const nextAttemptAt = new Date(now.getTime() + backoffMs(row.attempts, backoff));
      await finish(em, row, { status: "queued", lastError, nextAttemptAt }, now);
      return "retried" as const;
    }
    const why =
      outcome.kind === "ambiguous"
        ? `The connection failed while the server was receiving the message, so it may have arrived; not sent again on its own. ${lastError}`
        : outcome.kind === "permanent"
          ? `Refused by the mail server: ${lastError}`
          : `Gave up after ${row.attempts} attempts: ${lastError}`;
    await finish(em, row, { status: "failed", lastError: why }, now);
    return "failed" as const;
  }

  async function finish(
    em: EntityManager,
    row: ClaimedRow,
    outcome: {
      status: "sent" | "queued" | "failed";
      lastError?: string;
      nextAttemptAt?: Date;
      providerMessageId?: string | null;
    },
    now: Date,
  ) {
    await record(em, async (tx) => {
      const updated = await tx.execute<{ id: string }[]>(
        `update mail_messages
            set status = ?, lease_until = null, updated_at = ?, last_error = ?,
                next_attempt_at = coalesce(?, next_attempt_at),
                sent_at = case when ? = 'sent' then ?::timestamptz else sent_at end,
                provider_message_id = coalesce(?, provider_message_id)
          where id = ? and status = 'sending' returning id`,
        [
          outcome.status,
          now,
          outcome.status === "sent" ? null : (outcome.lastError ?? null),
          outcome.nextAttemptAt ?? null,
          outcome.status,
          now,
          outcome.providerMessageId ?? null,
          row.id,
        ],
      );
      // Retries are not events (the trail would fill with them); the outcome is.
      if (!updated.length || outcome.status === "queued") return [];
      return [systemEvent(row.id, row.subjectId, { status: outcome.status, attempts: row.attempts })];
    });
  }

  async function pass(now: Date): Promise<MailPassResult> {
    const result: MailPassResult = { sent: 0, retried: 0, failed: 0, held: 0, interrupted: 0 };
    const em = deps.orm.em.fork();
    result.interrupted = await recoverInterrupted(em, now);
    if (!smtpUrl) {
      result.held = await holdQueued(em, now);
      return result;
    }
    const claimed = await claim(em, now);
    if (!claimed.length) return result;
    const transport = smtpTransport(smtpUrl, timeouts);
    try {
      for (const row of claimed) result[await deliver(em, transport, row, now)]++;
    } finally {
      transport.close();
    }
    return result;
  }

  let inFlight: Promise<MailPassResult> | null = null;
  const runOnce = ({ now }: { now?: Date } = {}) =>
    (inFlight ??= pass(now ?? clock()).finally(() => (inFlight = null)));
  return {
    runOnce,
    async stop() {
      await inFlight?.catch(() => undefined);
    },
  };
}

/** The server's worker: a pass every `pollMs` (timer unref'd); a failed pass is logged and the next one tries again. */
export function startMailWorker(deps: MailWorkerDeps, options: MailWorkerOptions = {}): MailWorker {
  const worker = createMailWorker(deps, options);
  const tick = () =>
    void worker.runOnce().then(
      (r) => {
        if (r.sent || r.failed || r.interrupted) deps.log.info(r, "mail worker pass");
      },
      (error: unknown) => deps.log.error({ err: error }, "mail worker pass failed; will try again"),
    );
  const timer = setInterval(tick, options.pollMs ?? DEFAULTS.pollMs).unref();
  tick();
  return {
    runOnce: worker.runOnce,
    async stop() {
      clearInterval(timer);
      await worker.stop();
    },
  };
}
