/**
 * The public application form through the router, without signing in: the form of a cycle, a submission (sealed
 * at once, answered with a receipt), the status by receipt through the phases, one application per email (also
 * when sent at once), the honeypot, closed cycles and dates, answers checked against the questions, the phone, the
 * rate limit per client address (refused attempts count too), and what the database keeps: nothing in plaintext.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import type { Sealed } from "@shortlist/db";
import { APPLY_RATE_LIMIT } from "@shortlist/db/constants";
import { errorShape, rejection, useTestApi, type Caller } from "./helpers";
import {
  applicantCaller,
  createCycle,
  cycleWithApplicants,
  openCycle,
  SAMPLE_APPLICANTS,
  type SampleApplicant,
} from "./admissions-support";

const api = useTestApi();
let admin: Caller;
let anonymous: Caller;

beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
  anonymous = applicantCaller(api);
});

const refusal = async (call: Promise<unknown>) => errorShape(await rejection(call));

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

const setPhase = (cycleId: string, phase: string) =>
  sql("update admission_cycles set phase = ? where id = ?", [phase, cycleId]);

const countApplications = async (cycleId: string) =>
  Number(
    (await sql<{ n: string }>("select count(*) as n from admission_applications where cycle_id = ?", [cycleId]))[0]!.n,
  );

const amara = SAMPLE_APPLICANTS[0]!;
const priya = SAMPLE_APPLICANTS[2]!;

async function openedCycle(overrides: Parameters<typeof createCycle>[1] = {}) {
  const cycle = await createCycle(admin, overrides);
  await openCycle(admin, cycle.id);
  return cycle;
}

describe("the form", () => {
  test("shows an open cycle's questions; a draft or unknown address is not found", async () => {
    const cycle = await createCycle(admin);
    const draft = await refusal(anonymous.applicants.form({ slug: cycle.slug }));
    const unknown = await refusal(anonymous.applicants.form({ slug: "no-such-cycle" }));
    expect([draft.data.reason, unknown.data.reason]).toEqual(["not_found", "not_found"]);

    await openCycle(admin, cycle.id);
    expect(await anonymous.applicants.form({ slug: cycle.slug })).toEqual({
      slug: cycle.slug,
      name: cycle.name,
      description: cycle.description,
      questions: cycle.questions,
      open: true,
      opensAt: null,
      closesAt: null,
    });
    await admin.admissions.freeze({ cycleId: cycle.id });
    expect(await anonymous.applicants.form({ slug: cycle.slug })).toMatchObject({ open: false });
  });

  test("is closed before its opening date and after its closing date", async () => {
    const day = 24 * 3600 * 1000;
    const later = await openedCycle({ opensAt: new Date(Date.now() + day), closesAt: new Date(Date.now() + 2 * day) });
    const past = await openedCycle({ opensAt: new Date(Date.now() - 2 * day), closesAt: new Date(Date.now() - day) });
    for (const cycle of [later, past]) {
      expect(await anonymous.applicants.form({ slug: cycle.slug })).toMatchObject({ open: false });
      const closed = await refusal(anonymous.applicants.submit({ slug: cycle.slug, ...amara }));
      expect(closed.message).toBe("Applications are closed");
      expect(closed.data).toMatchObject({ code: "CONFLICT", reason: "precondition_failed" });
    }
  });
});

describe("a submission", () => {
  test("answers a receipt that shows the status as the cycle moves on; a wrong receipt is an unknown application", async () => {
    const cycle = await openedCycle();
    const receipt = await anonymous.applicants.submit({ slug: cycle.slug, ...amara });
    expect(receipt).toEqual({
      applicationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      receipt: expect.stringMatching(/^[0-9a-f]{64}$/),
      cycleName: cycle.name,
      submittedAt: expect.any(Date),
    });
    const key = { applicationId: receipt.applicationId, receipt: receipt.receipt };
    const stage = async () => anonymous.applicants.status(key);
    expect(await stage()).toEqual({
      cycleName: cycle.name,
      submittedAt: receipt.submittedAt,
      stage: "received",
      outcome: null,
    });

    const pasted = { applicationId: ` ${key.applicationId.toUpperCase()} `, receipt: `  ${key.receipt.toUpperCase()}` };
    expect(await anonymous.applicants.status(pasted)).toMatchObject({ stage: "received" });
    const malformed = await refusal(anonymous.applicants.status({ ...key, applicationId: "my id" }));
    expect(malformed.data.fieldErrors).toEqual([
      { path: "applicationId", message: "Paste the application id from your receipt" },
    ]);

    const wrong = await refusal(anonymous.applicants.status({ ...key, receipt: "0".repeat(64) }));
    const otherId = randomUUID();
    const unknown = await refusal(anonymous.applicants.status({ applicationId: otherId, receipt: receipt.receipt }));
    expect(wrong.data.reason).toBe("not_found");
    const withoutId = (shape: typeof wrong, id: string) => ({
      ...shape,
      message: shape.message.replace(id, "<id>"),
      data: { ...shape.data, requestId: null, details: { ...shape.data.details, id: "<id>" } },
    });
    expect(withoutId(wrong, receipt.applicationId)).toEqual(withoutId(unknown, otherId));

    await admin.admissions.freeze({ cycleId: cycle.id });
    expect((await stage()).stage).toBe("received");
    for (const phase of ["PREPROCESSING", "PROCESSING", "SELECTION"]) {
      await setPhase(cycle.id, phase);
      expect(await stage()).toMatchObject({ stage: "in_review", outcome: null });
    }
    await setPhase(cycle.id, "PUBLISHED");
    expect(await stage()).toMatchObject({ stage: "decided", outcome: "not_selected" });
    await sql("update admission_applications set status = 'SELECTED' where id = ?", [receipt.applicationId]);
    await setPhase(cycle.id, "COMPLETED");
    expect(await stage()).toMatchObject({ stage: "decided", outcome: "selected" });
  });

  test("is stored sealed with the application's own key: nothing of it in plaintext, the audit event names no one", async () => {
    const cycle = await openedCycle();
    const { applicationId } = await anonymous.applicants.submit({ slug: cycle.slug, ...priya });
    const [row] = await sql<{ text: string; identity: Sealed; answers: Sealed; status: string }>(
      `select a::text as text, identity_sealed as identity, answers_sealed as answers, status
         from admission_applications a where id = ?`,
      [applicationId],
    );
    expect(row!.status).toBe("SUBMITTED");
    const secrets = [priya.name, "Priya", priya.email, priya.phone, "98765", "Chennai", "STAN-0042-PR", "Lakshmi"];
    const audit = await sql<{ text: string }>("select e::text as text from audit_events e where entity_id = ?", [
      applicationId,
    ]);
    expect(audit).toHaveLength(1);
    for (const text of [row!.text, audit[0]!.text])
      for (const secret of secrets) expect(text.toLowerCase()).not.toContain(secret.toLowerCase());

    const em = api.db.orm.em.fork();
    const [identity, answers] = await api.deps.keyring.openMany(em, [row!.identity, row!.answers]);
    expect(identity).toEqual({
      ok: true,
      value: { name: priya.name, email: priya.email, phone: priya.phone, answers: { student_id: "STAN-0042-PR" } },
    });
    expect(answers).toEqual({
      ok: true,
      value: { motivation: priya.answers.motivation, project: priya.answers.project },
    });
    const keys = await sql("select 1 from data_keys where subject_id = ? and wrapped_key is not null", [applicationId]);
    expect(keys).toHaveLength(1);

    const [event] = (await admin.audit.list({ entityKind: "admission_application", entityId: applicationId })).items;
    expect(event).toMatchObject({
      action: "applicants.submit",
      actor: { type: "anonymous" },
      before: null,
      after: { cycleId: cycle.id, status: "SUBMITTED" },
      personal: [],
    });
  });

  test("one application per email per cycle, however it is typed; the refusal reveals nothing of the first", async () => {
    const cycle = await openedCycle();
    await anonymous.applicants.submit({ slug: cycle.slug, ...amara });
    const again = await refusal(
      anonymous.applicants.submit({
        slug: cycle.slug,
        ...priya,
        email: ` ${amara.email.toUpperCase()} `,
      }),
    );
    expect(again.message).toBe("An application with this email was already received for this cycle");
    expect(again.data).toMatchObject({ code: "CONFLICT", reason: "duplicate", details: { fields: ["email"] } });
    expect(JSON.stringify(again)).not.toContain("Amara");
    expect(await countApplications(cycle.id)).toBe(1);

    const other = await openedCycle();
    await anonymous.applicants.submit({ slug: other.slug, ...amara });
    expect(await countApplications(other.id)).toBe(1);
  });

  test("the same email sent five times at once: one application, four duplicates (no failure)", async () => {
    const cycle = await openedCycle();
    const results = await Promise.allSettled(
      [0, 1, 2, 3, 4].map(() => applicantCaller(api).applicants.submit({ slug: cycle.slug, ...amara })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.map((r) => errorShape(r.reason).data.reason)).toEqual(Array(4).fill("duplicate"));
    expect(await countApplications(cycle.id)).toBe(1);
  });

  test("a phone, when given, is 7 to 15 digits with spaces and + ( ) - . / only; refusals name phone and write nothing", async () => {
    const cycle = await openedCycle();
    for (const phone of [
      "call me maybe",
      "12",
      "+44 20 7946 0958 ext. 12",
      "44+20 7946 0958",
      "+1 234 567 890 123 456",
    ]) {
      const bad = await refusal(anonymous.applicants.submit({ slug: cycle.slug, ...amara, phone }));
      expect(bad.data.reason).toBe("invalid_input");
      expect(bad.data.fieldErrors).toEqual([{ path: "phone", message: expect.stringMatching(/phone number/) }]);
    }
    expect(await countApplications(cycle.id)).toBe(0);

    const { applicationId } = await anonymous.applicants.submit({
      slug: cycle.slug,
      ...amara,
      phone: " +1 (415) 555-0142 ",
    });
    const [row] = await sql<{ identity: Sealed }>(
      "select identity_sealed as identity from admission_applications where id = ?",
      [applicationId],
    );
    const [identity] = await api.deps.keyring.openMany(api.db.orm.em.fork(), [row!.identity]);
    expect(identity).toMatchObject({ ok: true, value: { phone: "+1 (415) 555-0142" } });
  });

  test("the honeypot must stay empty", async () => {
    const cycle = await openedCycle();
    const bot = await refusal(
      anonymous.applicants.submit({ slug: cycle.slug, ...amara, website: "http://spam.example" }),
    );
    expect(bot.data).toMatchObject({ code: "BAD_REQUEST", reason: "invalid_input" });
    expect(bot.data.fieldErrors?.map((f) => f.path)).toEqual(["website"]);
    expect(await countApplications(cycle.id)).toBe(0);
  });

  test("is refused once the cycle is frozen, and in a draft", async () => {
    const cycle = await openedCycle();
    await admin.admissions.freeze({ cycleId: cycle.id });
    const frozen = await refusal(anonymous.applicants.submit({ slug: cycle.slug, ...amara }));
    expect(frozen.message).toBe("Applications are closed");
    expect(frozen.data).toMatchObject({ reason: "precondition_failed", details: { phase: "FROZEN" } });
    const draft = await createCycle(admin);
    expect((await refusal(anonymous.applicants.submit({ slug: draft.slug, ...amara }))).data.reason).toBe("not_found");
    expect(await countApplications(cycle.id)).toBe(0);
  });

  test("answers are checked against the questions; each problem names answers.<key>", async () => {
    const cycle = await openedCycle();
    const bad = await refusal(
      anonymous.applicants.submit({
        slug: cycle.slug,
        ...amara,
        answers: { motivation: "x".repeat(4001), project: "   ", favourite_colour: "blue" },
      }),
    );
    expect(bad.data.reason).toBe("invalid_input");
    expect(bad.data.fieldErrors).toEqual([
      { path: "answers.favourite_colour", message: "This form has no such question" },
      { path: "answers.motivation", message: "Use at most 4000 characters (this has 4001)" },
      { path: "answers.project", message: "Please answer this question" },
    ]);
    const schema = await refusal(anonymous.applicants.submit({ slug: cycle.slug, ...amara, email: "not an email" }));
    expect(schema.data.fieldErrors?.map((f) => f.path)).toEqual(["email"]);
    expect(await countApplications(cycle.id)).toBe(0);

    const minimal: SampleApplicant = { name: "Ana Min", email: "ana.min@example.org", phone: "", answers: {} };
    const ok = await anonymous.applicants.submit({
      slug: cycle.slug,
      ...minimal,
      answers: { motivation: "  To learn.  ", project: "A small one.", student_id: "" },
    });
    expect(ok.applicationId).toBeTruthy();
  });
});

describe("the rate limit per client address", () => {
  test("counts every attempt, refused ones too; past the limit: too_many_attempts with retryAt; other addresses go on", async () => {
    const { cycle } = await cycleWithApplicants(api, admin, { applicants: [] });
    const ip = "203.0.113.77";
    const fromIp = api.caller({ ip });
    for (let i = 0; i < APPLY_RATE_LIMIT.max - 1; i++) {
      const bot = await refusal(fromIp.applicants.submit({ slug: cycle.slug, ...amara, website: "filled" }));
      expect(bot.data.reason).toBe("invalid_input");
    }
    await fromIp.applicants.submit({ slug: cycle.slug, ...amara });
    const limited = await refusal(fromIp.applicants.submit({ slug: cycle.slug, ...priya }));
    expect(limited.data).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "too_many_attempts" });
    const retryAt = new Date(limited.data.details!.retryAt as string);
    expect(retryAt.getTime()).toBeGreaterThan(Date.now());
    expect(retryAt.getTime()).toBeLessThanOrEqual(Date.now() + APPLY_RATE_LIMIT.windowSeconds * 1000);
    // Even the form's own refusals come after the limit: the count decides first.
    expect((await refusal(fromIp.applicants.submit({ slug: "no-such-cycle", ...priya }))).data.reason).toBe(
      "too_many_attempts",
    );

    await api.caller({ ip: "203.0.113.78" }).applicants.submit({ slug: cycle.slug, ...priya });
    expect(await countApplications(cycle.id)).toBe(2);
    const stored = await sql<{ text: string }>("select r::text as text from admission_rate_limits r");
    expect(stored.length).toBeGreaterThanOrEqual(2);
    for (const { text } of stored) expect(text).not.toContain("203.0.113");
  });
});
