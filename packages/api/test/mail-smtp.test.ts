/**
 * Delivery through a real SMTP server on 127.0.0.1 (smtp-server; what arrives read with mailparser). The worker
 * runs one pass at a time on a clock the test drives, so backoff is checked without waiting.
 */
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "@shortlist/db/net";
import { createMailWorker, enqueueMail, type MailWorkerOptions } from "@shortlist/api";
import { testConfig, useTestApi } from "./helpers";
import { inUnitOfWork, startSmtpSink, type SmtpSink } from "./mail-fixtures";

const smtpPort = await freePort();
const api = useTestApi({
  env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: "Acme Hiring <jobs@acme.test>" },
});

const T0 = new Date("2030-01-01T09:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const BACKOFF = { baseMs: 30_000, capMs: 120_000 };
const FAST_TIMEOUTS = { connectionMs: 2_000, greetingMs: 2_000, socketMs: 5_000 };

let sinks: SmtpSink[] = [];
afterEach(async () => {
  for (const sink of sinks) await sink.close();
  sinks = [];
});
async function sink(options?: Parameters<typeof startSmtpSink>[1]) {
  const started = await startSmtpSink(smtpPort, options);
  sinks.push(started);
  return started;
}

const worker = (options: MailWorkerOptions = {}) =>
  createMailWorker(api.deps, { backoff: BACKOFF, maxAttempts: 4, smtpTimeouts: FAST_TIMEOUTS, ...options });

let admin: Awaited<ReturnType<typeof api.signedIn>>["caller"];
beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
});

let seq = 0;
async function candidateAndMessage(name = "Ada Lovelace") {
  const n = ++seq;
  const email = `smtp-${n}@example.org`;
  const candidate = await admin.candidates.create({ name, email, role: "Backend Engineer", company: "Acme" });
  const message = await inUnitOfWork(api.deps, api.deps.config, (ctx) =>
    enqueueMail(ctx, {
      template: "rejection",
      subjectId: candidate.id,
      to: { email, name },
      variables: { job: { title: "Backend Engineer", company: "Acme" }, sender: { name: "Rita Recruiter" } },
      idempotencyKey: `test-rejection:${candidate.id}`,
    }),
  );
  return { candidate, email, id: message.id };
}

const messageRow = async (id: string) =>
  (
    await api.db.orm.em.fork().execute<
      {
        status: string;
        attempts: number;
        next_attempt_at: string;
        last_error: string | null;
        sent_at: string | null;
      }[]
    >("select status, attempts, next_attempt_at, last_error, sent_at from mail_messages where id = ?", [id])
  )[0]!;

describe("with a mail server", () => {
  test("a queued message arrives once, as rendered, and is marked sent", async () => {
    const server = await sink();
    const { id, email } = await candidateAndMessage();
    expect((await messageRow(id)).status).toBe("queued");

    expect(await worker().runOnce({ now: at(0) })).toMatchObject({ sent: 1, retried: 0, failed: 0 });
    expect(await worker().runOnce({ now: at(3600) })).toMatchObject({ sent: 0 });

    expect(server.received).toHaveLength(1);
    const mail = server.received[0]!;
    expect(server.recipients).toEqual([[email]]);
    expect(mail.subject).toBe("Your application for Backend Engineer at Acme");
    expect(mail.from?.text).toBe('"Acme Hiring" <jobs@acme.test>');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : null).toEqual([
      { address: email, name: "Ada Lovelace" },
    ]);
    expect(mail.text).toContain("Hello Ada Lovelace,");
    expect(mail.html).toContain("<p>Hello Ada Lovelace,</p>");
    expect(mail.messageId).toBe(`<${id}@acme.test>`);

    const row = await messageRow(id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, last_error: null });
    expect(row.sent_at).not.toBeNull();
    const dto = await admin.mail.get({ id });
    expect(dto.providerMessageId).toMatch(/^250 Ok: queued as /);

    // The trail has the enqueue (in the causing transaction) and the worker's outcome, as the system's.
    const events = await api.db.orm.em
      .fork()
      .execute<{ action: string; actor_type: string; change: { after: Record<string, unknown> } }[]>(
        "select action, actor_type, change from audit_events where entity_kind = 'mail_message' and entity_id = ? order by id",
        [id],
      );
    expect(events.map((e) => [e.action, e.actor_type])).toEqual([
      ["test.unitOfWork", "anonymous"],
      ["mail.sent", "system"],
    ]);
  });

  test("server down: retries with doubling backoff; server back: the message arrives once, none lost", async () => {
    const { id, email } = await candidateAndMessage();
    const w = worker();

    expect(await w.runOnce({ now: at(0) })).toMatchObject({ retried: 1 });
    let row = await messageRow(id);
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
    expect(row.last_error).toMatch(/ECONNECTION|ECONNREFUSED/);
    expect(new Date(row.next_attempt_at)).toEqual(at(30));

    // Not due yet: nothing is tried.
    expect(await w.runOnce({ now: at(29) })).toMatchObject({ retried: 0, sent: 0 });
    expect(await w.runOnce({ now: at(30) })).toMatchObject({ retried: 1 });
    row = await messageRow(id);
    expect(row.attempts).toBe(2);
    expect(new Date(row.next_attempt_at)).toEqual(at(30 + 60));

    const server = await sink();
    expect(await w.runOnce({ now: at(89) })).toMatchObject({ sent: 0 });
    expect(await w.runOnce({ now: at(90) })).toMatchObject({ sent: 1 });
    expect(await w.runOnce({ now: at(10_000) })).toMatchObject({ sent: 0, retried: 0 });
    expect(server.recipients).toEqual([[email]]);
    expect(await messageRow(id)).toMatchObject({ status: "sent", attempts: 3 });
  });

  test("the backoff is capped, and a message is given up after the last attempt", async () => {
    const { id } = await candidateAndMessage();
    const w = worker({ maxAttempts: 5 });
    const due: number[] = [];
    let now = at(0);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await w.runOnce({ now });
      const row = await messageRow(id);
      expect(row.attempts).toBe(attempt);
      if (attempt < 5) {
        expect(row.status).toBe("queued");
        now = new Date(row.next_attempt_at);
        due.push(now.getTime());
      } else {
        expect(row.status).toBe("failed");
        expect(row.last_error).toMatch(/^Gave up after 5 attempts/);
      }
    }
    const waits = due.map((t, i) => (t - (i ? due[i - 1]! : T0.getTime())) / 1000);
    // Doubling from 30 s, capped at 120 s (BACKOFF).
    expect(waits).toEqual([30, 60, 120, 120]);
    expect(await w.runOnce({ now: at(100_000) })).toMatchObject({ sent: 0, retried: 0, failed: 0 });
  });

  test("a recipient the server refuses (5xx) fails at once, without retries, the address not kept in the error", async () => {
    await sink({ rejectRcpt: { code: 550, message: "No such user here" } });
    const { id, email } = await candidateAndMessage();
    expect(await worker().runOnce({ now: at(0) })).toMatchObject({ failed: 1 });
    const row = await messageRow(id);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.last_error).toMatch(/^Refused by the mail server: .*550.*No such user here/);
    expect(row.last_error).not.toContain(email);
  });

  test("a connection lost after the server read the message: failed as maybe delivered, never sent again on its own", async () => {
    const server = await sink({ dropAfterData: true });
    const { id } = await candidateAndMessage();
    expect(await worker().runOnce({ now: at(0) })).toMatchObject({ failed: 1, retried: 0 });
    const row = await messageRow(id);
    expect(row.status).toBe("failed");
    expect(row.last_error).toMatch(/may have arrived/);
    expect(await worker().runOnce({ now: at(100_000) })).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    expect(server.received).toHaveLength(0);
  });

  test("a worker that died mid-send (lease expired while sending): failed as interrupted, not sent again; Retry sends it", async () => {
    const server = await sink();
    const { id, email } = await candidateAndMessage();
    // What a crash leaves: claimed (sending, attempt counted) with a lease, and no outcome recorded.
    await api.db.orm.em
      .fork()
      .execute("update mail_messages set status = 'sending', attempts = 1, lease_until = ? where id = ?", [at(60), id]);
    expect(await worker().runOnce({ now: at(30) })).toMatchObject({ interrupted: 0, sent: 0 });
    expect((await messageRow(id)).status).toBe("sending");
    expect(await worker().runOnce({ now: at(61) })).toMatchObject({ interrupted: 1, sent: 0 });
    expect(await messageRow(id)).toMatchObject({ status: "failed", attempts: 1 });
    expect((await messageRow(id)).last_error).toMatch(/^Interrupted while sending/);
    expect(server.received).toHaveLength(0);

    // A person decides to send it again.
    const retried = await admin.mail.retry({ id });
    expect(retried).toMatchObject({ status: "queued", attempts: 0, lastError: null });
    await worker().runOnce({ now: new Date(Date.now() + 1000) });
    expect(server.recipients).toEqual([[email]]);
  });

  test("two workers at once (SKIP LOCKED): each message is sent by one of them, once", async () => {
    const server = await sink();
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await candidateAndMessage(`Person ${i}`)).id);
    const [a, b] = await Promise.all([
      worker({ batchSize: 3 }).runOnce({ now: at(0) }),
      worker({ batchSize: 3 }).runOnce({ now: at(0) }),
    ]);
    expect(a.sent + b.sent).toBe(6);
    expect(await worker({ batchSize: 10 }).runOnce({ now: at(0) })).toMatchObject({ sent: 0 });
    expect(server.received).toHaveLength(ids.length);
    expect(new Set(server.received.map((m) => m.messageId)).size).toBe(ids.length);
    for (const id of ids) expect((await messageRow(id)).status).toBe("sent");
  });
});

test("retry refuses a message that is not failed or held", async () => {
  const server = await sink();
  const { id } = await candidateAndMessage();
  await worker().runOnce({ now: at(0) });
  expect(server.received).toHaveLength(1);
  const error = await admin.mail.retry({ id }).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: "CONFLICT", cause: { reason: "precondition_failed" } });
});

test("the config takes SMTP_URL as smtp:// or smtps:// only", () => {
  expect(() => testConfig(api.db.config, { SMTP_URL: "http://mail.example.org" })).toThrow(/SMTP_URL/);
  expect(testConfig(api.db.config, { SMTP_URL: "smtps://u:p@mail.example.org:465" }).mail.smtpUrl).toBe(
    "smtps://u:p@mail.example.org:465",
  );
  expect(testConfig(api.db.config).mail.smtpUrl).toBeUndefined();
});
