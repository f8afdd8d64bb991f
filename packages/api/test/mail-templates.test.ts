/**
 * Mail templates: Liquid, strict and without code or file access; text rendered as written, HTML escaped; admins
 * edit (with a preview that refuses what does not render) and reset to the built-in default.
 */
import { beforeAll, expect, test } from "vitest";
import { enqueueMail } from "@shortlist/api";
import { errorShape, rejection, useTestApi } from "./helpers";
import { inUnitOfWork } from "./mail-fixtures";

const api = useTestApi();

let admin: Awaited<ReturnType<typeof api.signedIn>>["caller"];
let recruiter: Awaited<ReturnType<typeof api.signedIn>>["caller"];
beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
  recruiter = (await api.signedIn("recruiter")).caller;
});

const HOSTILE_NAME = `<script>alert("x")</script> & {{ sender.name }} {% raw %}`;

test("values are never run as template code; the text part keeps them as written, the HTML part escapes them", async () => {
  const candidate = await recruiter.candidates.create({
    name: HOSTILE_NAME,
    email: "hostile@example.org",
    role: "Backend Engineer",
    company: "Acme",
  });
  const { id } = await inUnitOfWork(api.deps, api.deps.config, (ctx) =>
    enqueueMail(ctx, {
      template: "assessment_invitation",
      subjectId: candidate.id,
      to: { email: candidate.email, name: HOSTILE_NAME },
      variables: {
        job: { title: "Backend <Engineer>", company: "Acme & Co" },
        sender: { name: "Rita" },
        assessment: { domains: ["Python", "SQL"] },
      },
      idempotencyKey: `invite:${candidate.id}`,
    }),
  );
  const { content } = await recruiter.mail.get({ id });
  expect(content!.subject).toBe("Your assessment for Backend <Engineer> at Acme & Co");
  expect(content!.text).toContain(`Hello ${HOSTILE_NAME},`);
  expect(content!.text).toContain("covering Python, SQL.");
  expect(content!.html).not.toContain("<script>");
  expect(content!.html).toContain(
    "Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; {{ sender.name }} {% raw %},",
  );
  expect(content!.html).toContain("Backend &lt;Engineer&gt; position at Acme &amp; Co");
});

test("the built-in templates are listed with their variables; writers read, only admins edit", async () => {
  const list = await recruiter.mail.templates.list();
  expect(list.map((t) => [t.key, t.isDefault, t.version])).toEqual([
    ["assessment_invitation", true, 0],
    ["rejection", true, 0],
    ["stage_change", true, 0],
    ["interview_invitation", true, 0],
  ]);
  expect(list[2]!.variables.map((v) => v.name)).toContain("stage.name");
  const input = { key: "rejection" as const, subject: "S", body: "B", version: 0 };
  expect((await rejection(recruiter.mail.templates.update(input))).code).toBe("FORBIDDEN");
  expect((await rejection(recruiter.mail.templates.reset({ key: "rejection" }))).code).toBe("FORBIDDEN");
  expect((await rejection(recruiter.mail.templates.preview({ key: "rejection", subject: "S", body: "B" }))).code).toBe(
    "FORBIDDEN",
  );
});

test("preview renders a draft with sample variables; a typo, an unknown filter or an include is refused under its field", async () => {
  const preview = await admin.mail.templates.preview({
    key: "stage_change",
    subject: "Moved to {{ stage.name | upcase }}",
    body: "Dear {{ recipient.name }},\n\nfrom {{ stage.previous }} to {{ stage.name }}.",
  });
  expect(preview).toMatchObject({
    subject: "Moved to INTERVIEW",
    text: "Dear Ada Lovelace,\n\nfrom Screening to Interview.",
  });
  expect(preview.html).toContain("<p>Dear Ada Lovelace,</p>");

  const cases = [
    { subject: "Hi {{ recipient.nmae }}", body: "ok", field: "subject" },
    { subject: "ok", body: "{{ recipient.name | shout }}", field: "body" },
    { subject: "ok", body: "{% include 'secrets' %}", field: "body" },
    { subject: "ok", body: "{{ stage.name }}", field: "body" }, // the rejection template has no stage
    { subject: "ok", body: "{% if %}", field: "body" },
    { subject: "ok", body: "{{ recipient.constructor }}", field: "body" },
  ];
  for (const { subject, body, field } of cases) {
    const error = await rejection(admin.mail.templates.preview({ key: "rejection", subject, body }));
    expect(error.code, body).toBe("BAD_REQUEST");
    expect(
      errorShape(error).data.fieldErrors?.map((f) => f.path),
      body,
    ).toEqual([field]);
  }
});

test("a loop that would run forever is stopped by the render limits", async () => {
  const error = await rejection(
    admin.mail.templates.preview({
      key: "rejection",
      subject: "ok",
      body: "{% for i in (1..100000000) %}{{ recipient.name }}{% endfor %}",
    }),
  );
  expect(error.code).toBe("BAD_REQUEST");
});

test("update saves the admin's version (audited, versioned), reset goes back to the default", async () => {
  const before = await admin.mail.templates.get({ key: "assessment_invitation" });
  const saved = await admin.mail.templates.update({
    key: "assessment_invitation",
    subject: "Assessment: {{ job.title }}",
    body: "Hi {{ recipient.name }}",
    version: before.version,
  });
  expect(saved).toMatchObject({ isDefault: false, version: 1, subject: "Assessment: {{ job.title }}" });
  const stale = await rejection(
    admin.mail.templates.update({ key: "assessment_invitation", subject: "x", body: "y", version: 0 }),
  );
  expect(stale.code).toBe("CONFLICT");
  expect(errorShape(stale).data.reason).toBe("stale_version");
  const second = await admin.mail.templates.update({
    key: "assessment_invitation",
    subject: "Assessment: {{ job.title }}!",
    body: "Hi {{ recipient.name }}",
    version: 1,
  });
  expect(second.version).toBe(2);

  const reset = await admin.mail.templates.reset({ key: "assessment_invitation" });
  expect(reset).toMatchObject({ isDefault: true, version: 0, subject: before.defaults.subject });
  // Reset of a default is harmless.
  expect((await admin.mail.templates.reset({ key: "assessment_invitation" })).isDefault).toBe(true);

  const events = await api.db.orm.em
    .fork()
    .execute<{ action: string }[]>(
      "select action from audit_events where entity_kind = 'mail_template' and entity_id = 'assessment_invitation' order by id",
    );
  expect(events.map((e) => e.action)).toEqual([
    "mail.templates.update",
    "mail.templates.update",
    "mail.templates.reset",
    "mail.templates.reset",
  ]);
});

test("inputs are validated with the field named", async () => {
  const error = await rejection(
    admin.mail.templates.update({ key: "nope" as "rejection", subject: "", body: "b", version: 0 }),
  );
  expect(
    errorShape(error)
      .data.fieldErrors?.map((f) => f.path)
      .sort(),
  ).toEqual(["key", "subject"]);
});
