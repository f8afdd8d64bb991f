/**
 * The outbox with no SMTP server configured (the embedded default): enqueueMail inside the caller's transaction
 * (nothing on a rollback, one message per idempotency key, rendered at enqueue), messages held and readable in the
 * Mailbox, sealed with the person's key (unreadable after erasure) and in their GDPR export.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { createMailWorker, enqueueMail, type EnqueueMailInput } from "@shortlist/api";
import { rejection, rowCounts, useTestApi } from "./helpers";
import { inUnitOfWork } from "./mail-fixtures";

const api = useTestApi();

let admin: Awaited<ReturnType<typeof api.signedIn>>["caller"];
let recruiter: Awaited<ReturnType<typeof api.signedIn>>["caller"];
let reviewer: Awaited<ReturnType<typeof api.signedIn>>["caller"];
beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
  recruiter = (await api.signedIn("recruiter")).caller;
  reviewer = (await api.signedIn("reviewer")).caller;
});

let seq = 0;
async function newCandidate(name = "Grace Hopper") {
  const email = `outbox-${++seq}@example.org`;
  const candidate = await recruiter.candidates.create({ name, email, role: "Backend Engineer", company: "Acme" });
  return { id: candidate.id, email, name };
}

const rejectionMail = (
  person: { id: string; email: string; name: string },
  key = `rejection:${person.id}`,
): EnqueueMailInput<"rejection"> => ({
  template: "rejection",
  subjectId: person.id,
  to: { email: person.email, name: person.name },
  variables: { job: { title: "Backend Engineer", company: "Acme" }, sender: { name: "Rita Recruiter" } },
  idempotencyKey: key,
});

const enqueue = (input: EnqueueMailInput) => inUnitOfWork(api.deps, api.deps.config, (ctx) => enqueueMail(ctx, input));

const rawRow = async (id: string) =>
  (
    await api.db.orm.em
      .fork()
      .execute<{ status: string; sealed: unknown; plain: unknown }[]>(
        "select status, sealed, plain from mail_messages where id = ?",
        [id],
      )
  )[0];

test("enqueued in a transaction that rolls back: no message, no event", async () => {
  const person = await newCandidate();
  const before = await rowCounts(api.db.orm, ["mail_messages", "audit_events"]);
  const failure = new Error("the causing action failed");
  await expect(
    inUnitOfWork(api.deps, api.deps.config, async (ctx) => {
      const { id } = await enqueueMail(ctx, rejectionMail(person));
      expect(id).toBeTruthy();
      throw failure;
    }),
  ).rejects.toBe(failure);
  expect(await rowCounts(api.db.orm, ["mail_messages", "audit_events"])).toEqual(before);
});

test("one message per idempotency key: a second enqueue (even in the same transaction) is a no-op answering the first id", async () => {
  const person = await newCandidate();
  const first = await enqueue(rejectionMail(person));
  expect(first.created).toBe(true);
  const again = await enqueue({ ...rejectionMail(person), to: { email: person.email, name: "Someone Else" } });
  expect(again).toEqual({ id: first.id, created: false });
  const both = await inUnitOfWork(api.deps, api.deps.config, async (ctx) => [
    await enqueueMail(ctx, rejectionMail(person, `twice:${person.id}`)),
    await enqueueMail(ctx, rejectionMail(person, `twice:${person.id}`)),
  ]);
  expect(both[1]).toEqual({ id: both[0]!.id, created: false });
  const { items } = await recruiter.mail.list({ subjectId: person.id });
  expect(items.map((m) => m.id).sort()).toEqual([first.id, both[0]!.id].sort());
  expect(items.find((m) => m.id === first.id)!.content!.to.name).toBe(person.name);
});

test("concurrent enqueues with one key: one message", async () => {
  const person = await newCandidate();
  const results = await Promise.all(
    Array.from({ length: 4 }, () => enqueue(rejectionMail(person, `race:${person.id}`))),
  );
  expect(new Set(results.map((r) => r.id)).size).toBe(1);
  expect(results.filter((r) => r.created)).toHaveLength(1);
});

test("no SMTP server: the message is held, sealed, readable in the Mailbox; the worker sends nothing and keeps it", async () => {
  const person = await newCandidate("Katherine Johnson");
  const { id } = await enqueue(rejectionMail(person));
  const row = await rawRow(id);
  expect(row!.status).toBe("held");
  expect(row!.plain).toBeNull();
  expect(JSON.stringify(row!.sealed)).not.toContain("Katherine");

  expect(await createMailWorker(api.deps).runOnce()).toEqual({
    sent: 0,
    retried: 0,
    failed: 0,
    held: 0,
    interrupted: 0,
  });
  expect((await rawRow(id))!.status).toBe("held");

  const message = await recruiter.mail.get({ id });
  expect(message).toMatchObject({ status: "held", template: "rejection", subjectId: person.id, erased: false });
  expect(message.content).toMatchObject({
    to: { email: person.email, name: "Katherine Johnson" },
    subject: "Your application for Backend Engineer at Acme",
  });
  expect(message.content!.text).toContain("Hello Katherine Johnson,");
  expect(message.content!.html).toContain("<p>Hello Katherine Johnson,</p>");

  // Held means nothing will be sent: retrying needs a mail server.
  const refused = await rejection(recruiter.mail.retry({ id }));
  expect(refused.code).toBe("CONFLICT");
  expect(refused.cause).toMatchObject({ reason: "precondition_failed", details: { smtpConfigured: false } });
});

test("a message queued before a restart without SMTP_URL is held by the worker", async () => {
  const person = await newCandidate();
  const { id } = await enqueue(rejectionMail(person));
  await api.db.orm.em.fork().execute("update mail_messages set status = 'queued' where id = ?", [id]);
  expect(await createMailWorker(api.deps).runOnce()).toMatchObject({ held: 1 });
  expect((await rawRow(id))!.status).toBe("held");
});

test("rendered at enqueue: a later template edit does not change a queued message", async () => {
  const person = await newCandidate();
  const { id } = await enqueue(rejectionMail(person, `edit:${person.id}`));
  const template = await admin.mail.templates.get({ key: "rejection" });
  await admin.mail.templates.update({
    key: "rejection",
    subject: "Changed subject for {{ job.title }}",
    body: "Changed body, {{ recipient.name }}",
    version: template.version,
  });
  expect((await recruiter.mail.get({ id })).content!.subject).toBe("Your application for Backend Engineer at Acme");
  const later = await enqueue(rejectionMail(person, `edit-after:${person.id}`));
  const content = (await recruiter.mail.get({ id: later.id })).content!;
  expect(content.subject).toBe("Changed subject for Backend Engineer");
  expect(content.text).toBe(`Changed body, ${person.name}`);
  await admin.mail.templates.reset({ key: "rejection" });
});

test("mail to a user (no subject) is stored in the clear", async () => {
  const { id } = await enqueue({
    template: "stage_change",
    subjectId: null,
    to: { email: "hiring.manager@example.com", name: "Hiro Manager" },
    variables: {
      job: { title: "Backend Engineer", company: "Acme" },
      sender: { name: "Rita Recruiter" },
      stage: { name: "Interview", previous: "Screening" },
    },
    idempotencyKey: "user-notice:1",
  });
  const row = await rawRow(id);
  expect(row!.sealed).toBeNull();
  expect(row!.plain).toMatchObject({ to: { email: "hiring.manager@example.com" } });
  expect((await recruiter.mail.get({ id })).content!.subject).toBe(
    "An update on your application for Backend Engineer",
  );
});

test("enqueueMail refuses a bad address or idempotency key", async () => {
  const person = await newCandidate();
  await expect(enqueue({ ...rejectionMail(person), to: { email: "not an address", name: "X" } })).rejects.toMatchObject(
    {
      reason: "invalid_input",
      fieldErrors: [{ path: "to.email" }],
    },
  );
  await expect(enqueue({ ...rejectionMail(person), idempotencyKey: "" })).rejects.toMatchObject({
    fieldErrors: [{ path: "idempotencyKey" }],
  });
});

describe("the Mailbox", () => {
  test("newest first, in keyset pages, filtered by status and person; writers only", async () => {
    const person = await newCandidate();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await enqueue(rejectionMail(person, `page:${person.id}:${i}`))).id);
    const first = await recruiter.mail.list({ subjectId: person.id, limit: 2 });
    const second = await recruiter.mail.list({ subjectId: person.id, limit: 2, cursor: first.nextCursor });
    const third = await recruiter.mail.list({ subjectId: person.id, limit: 2, cursor: second.nextCursor });
    expect(third.nextCursor).toBeNull();
    expect([...first.items, ...second.items, ...third.items].map((m) => m.id)).toEqual([...ids].reverse());
    expect((await recruiter.mail.list({ status: "sent" })).items).toEqual([]);
    expect((await recruiter.mail.list({ status: "held", limit: 100 })).items.length).toBeGreaterThanOrEqual(5);

    expect((await rejection(reviewer.mail.list({}))).code).toBe("FORBIDDEN");
    expect((await rejection(reviewer.mail.get({ id: ids[0]! }))).code).toBe("FORBIDDEN");
    expect((await rejection(recruiter.mail.list({ cursor: "nope" }))).code).toBe("BAD_REQUEST");
    const missing = await rejection(recruiter.mail.get({ id: "00000000-0000-4000-8000-000000000000" }));
    expect(missing.code).toBe("NOT_FOUND");
  });

  test("an erased person's messages stay listed, read as erased, and are no longer pending", async () => {
    const person = await newCandidate("Erin Erasable");
    const { id } = await enqueue(rejectionMail(person));
    const exported = await admin.candidates.exportPersonalData({ id: person.id });
    const mailMessages = (exported as unknown as { mailMessages: { id: string; content: { to: { name: string } } }[] })
      .mailMessages;
    expect(mailMessages.map((m) => [m.id, m.content.to.name])).toEqual([[id, "Erin Erasable"]]);

    await admin.candidates.erase({ id: person.id });
    const message = await recruiter.mail.get({ id });
    expect(message).toMatchObject({ erased: true, content: null, status: "failed" });
    expect(message.lastError).toMatch(/erased/);
    const listed = await recruiter.mail.list({ subjectId: person.id });
    expect(listed.items.map((m) => [m.id, m.erased])).toEqual([[id, true]]);
    const refused = await rejection(recruiter.mail.retry({ id }));
    expect(refused.code).toBe("CONFLICT");
  });
});
