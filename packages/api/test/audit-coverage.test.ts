/**
 * Walks the router: every mutation either declares why it records nothing (`meta.audit.skip`) or, driven through
 * its happy path here, wrote at least one audit event under its own path; and the unit of work refuses a mutation
 * that records nothing without saying why. A mutation added later fails this test until it does one or the other.
 */
import type { AnyProcedure } from "@trpc/server";
import { expect, test } from "vitest";
import { appRouter, enqueueMail, type Meta } from "@shortlist/api";
import { auditEnforcement } from "../src/audit-trail";
import { driveAdmissions } from "./admissions-fixtures";
import { driveConversations } from "./conversations-fixtures";
import { callerFor, PASSWORD, rejection, useTestApi, type CookieJar } from "./helpers";
import { driveIntake } from "./intake-fixtures";
import { driveInterviews } from "./interviews-fixtures";
import { inUnitOfWork } from "./mail-fixtures";
import { sampleLines } from "./vetting-fixtures";

// A mail server configured (mail.retry needs one); nothing runs the mail worker here, so nothing is sent.
const api = useTestApi({ dataDir: "shortlist-audit-coverage-", env: { SMTP_URL: "smtp://127.0.0.1:9" } });

const flat = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const mutations = Object.entries(flat)
  .filter(([, procedure]) => procedure._def.type === "mutation")
  .map(([path, procedure]) => ({ path, skip: (procedure._def.meta as Meta | undefined)?.audit?.skip }));

const BANDS = {
  learningVelocity: { p50: 0.1, p75: 0.2, p90: 0.3 },
  sophistication: { p50: 2, p75: 3, p90: 4 },
  chainDepth: { p50: 1, p75: 2, p90: 3 },
  taoIndex: { p50: 40, p75: 55, p90: 70 },
};

/** Jobs, their stages, rejection reasons and an application through every change, on a person of their own. */
async function driveJobs(admin: ReturnType<typeof callerFor>) {
  const job = await admin.jobs.create({ title: "Data Engineer", company: "Acme" });
  await admin.jobs.update({ id: job.id, version: job.version, location: "Remote" });
  let detail = await admin.stages.add({ jobId: job.id, name: "Take-home" });
  const takeHome = detail.stages.find((s) => s.name === "Take-home")!;
  detail = await admin.stages.rename({ id: takeHome.id, name: "Take-home task" });
  const [applied, screening, ...rest] = detail.stages.filter((s) => s.id !== takeHome.id);
  const order = [applied!, screening!, takeHome, ...rest].map((s) => s.id);
  detail = await admin.stages.reorder({ jobId: job.id, stageIds: order });
  await admin.stages.remove({ id: takeHome.id });

  const reason = await admin.rejectionReasons.create({ label: "Visa timing" });
  await admin.rejectionReasons.update({ id: reason.id, label: "Visa timing does not fit" });
  await admin.rejectionReasons.reorder({ ids: [reason.id] });

  const grace = await admin.candidates.create({ name: "Grace Hopper", email: "grace@example.com", jobId: job.id });
  let app = grace.application!;
  app = await admin.applications.move({ id: app.id, version: app.version, stageId: screening!.id });
  app = await admin.applications.reject({ id: app.id, version: app.version, reasonId: reason.id });
  app = await admin.applications.reopen({ id: app.id, version: app.version });
  app = await admin.applications.withdraw({ id: app.id, version: app.version });
  app = await admin.applications.reopen({ id: app.id, version: app.version });
  app = await admin.applications.invite({ id: app.id, version: app.version });
  await admin.applications.bulk({ ids: [app.id], action: { type: "tag", add: ["shortlisted"], remove: [] } });
  const other = await admin.jobs.create({ title: "Analyst", company: "Acme" });
  await admin.applications.create({ candidateId: grace.id, jobId: other.id });
}

/** Every mutation through its happy path, as a new installation would see them. */
async function driveEveryMutation() {
  const jar: CookieJar = { session: null, expiresAt: null };
  const email = "first-admin@example.com";
  await callerFor(api.deps, { jar }).auth.setup({ email, name: "First Admin", password: PASSWORD });
  const admin = callerFor(api.deps, { sessionToken: jar.session });

  await rejection(callerFor(api.deps).auth.login({ email, password: "not the password" }));
  const second: CookieJar = { session: null, expiresAt: null };
  await callerFor(api.deps, { jar: second }).auth.login({ email, password: PASSWORD });
  const adminAgain = callerFor(api.deps, { sessionToken: second.session });

  const user = await admin.users.create({
    email: "rita@example.com",
    name: "Rita Recruiter",
    role: "recruiter",
    password: PASSWORD,
  });
  await admin.users.update({ id: user.id, version: user.version, name: "Rita R." });
  await admin.users.resetPassword({ id: user.id, password: `${PASSWORD} 3` });
  await admin.users.unlock({ id: user.id });
  const token = await admin.apiTokens.create({ name: "nightly import" });
  await admin.apiTokens.revoke({ id: token.token.id });

  const candidate = await admin.candidates.create({
    name: "Ada Lovelace",
    email: "ada@example.com",
    role: "Backend Engineer",
    company: "Acme",
    assessmentDomains: ["Python", "PostgreSQL"],
  });
  const updated = await admin.candidates.update({ id: candidate.id, version: candidate.version, consentGiven: true });
  await admin.candidates.tag({ ids: [candidate.id], add: ["senior"] });
  const imported = await admin.candidates.importBatch({
    rows: [
      { line: 2, data: { name: "Alan Turing", email: "alan@example.com", role: "Backend Engineer", company: "Acme" } },
    ],
  });
  await admin.candidates.delete({ id: imported.results[0]!.id! });
  await driveJobs(admin);

  const assessment = await admin.assessments.start({ candidateId: updated.id });
  await admin.assessments.importActivity({ assessmentId: assessment.id, rows: sampleLines() });
  await admin.assessments.recordSession({
    assessmentId: assessment.id,
    session: { start: "2030-01-01T09:00:00Z", end: "2030-01-01T10:00:00Z" },
    questions: [{ domain: "Python", text: "How do generators save memory?", askedAt: "2030-01-01T09:05:00Z" }],
  });
  await admin.assessments.complete({ assessmentId: assessment.id });
  await admin.benchmarks.recompute({ role: "Backend Engineer", company: "Acme" });
  await admin.benchmarks.upsertEntered({ role: "Data Engineer", company: null, bands: BANDS });
  await admin.reports.generate({ assessmentId: assessment.id });

  const template = await admin.mail.templates.get({ key: "rejection" });
  await admin.mail.templates.update({
    key: "rejection",
    subject: "About {{ job.title }}",
    body: "Hello {{ recipient.name }}",
    version: template.version,
  });
  await admin.mail.templates.reset({ key: "rejection" });
  const mail = await inUnitOfWork(api.deps, api.deps.config, (ctx) =>
    enqueueMail(ctx, {
      template: "rejection",
      subjectId: candidate.id,
      to: { email: candidate.email, name: candidate.name },
      variables: { job: { title: "Backend Engineer", company: "Acme" }, sender: { name: "First Admin" } },
      idempotencyKey: `coverage:${candidate.id}`,
    }),
  );
  await api.db.orm.em.fork().execute("update mail_messages set status = 'failed' where id = ?", [mail.id]);
  await admin.mail.retry({ id: mail.id });

  const note = await admin.notes.create({ candidateId: candidate.id, body: "Strong first call" });
  await admin.notes.update({ id: note.id, version: note.version, body: "Strong first call; check references" });
  await admin.notes.delete({ id: note.id });

  await driveConversations(admin, api.db.orm);
  await driveIntake(admin);
  await driveInterviews(admin, api);
  await driveAdmissions(admin, api);

  await admin.candidates.exportPersonalData({ id: candidate.id });
  await admin.candidates.erase({ id: candidate.id });
  // Last: a new password ends the admin's other sessions.
  await adminAgain.auth.changePassword({ currentPassword: PASSWORD, newPassword: `${PASSWORD} 2` });
  await adminAgain.auth.logout();
}

test("every mutation records at least one event under its path, or declares why not", async () => {
  await driveEveryMutation();
  const rows = await api.db.orm.em
    .fork()
    .execute<{ action: string; n: string }[]>("select action, count(*) as n from audit_events group by action");
  const recorded = new Map(rows.map((r) => [r.action, Number(r.n)]));
  const silent = mutations.filter((m) => !m.skip && !recorded.get(m.path)).map((m) => m.path);
  expect(silent).toEqual([]);
  // A skip states a reason a reader can judge.
  for (const m of mutations.filter((m) => m.skip)) expect(m.skip!.length, m.path).toBeGreaterThan(10);
});

test("a refused sign-in is recorded (committed with its throttle count), saying why, as is the sign-in that follows", async () => {
  const rows = await api.db.orm.em
    .fork()
    .execute<{ actor_type: string; change: { after: Record<string, unknown> } }[]>(
      "select actor_type, change from audit_events where action = 'auth.login' order by seq",
    );
  expect(rows.map((r) => [r.actor_type, r.change.after])).toEqual([
    ["anonymous", { outcome: "failure", email: "first-admin@example.com", why: "wrong_password" }],
    ["user", { outcome: "success", email: "first-admin@example.com" }],
  ]);
});

test("the unit of work refuses (rolls back) a mutation that records nothing and declares no skip", () => {
  expect(auditEnforcement.throws).toBe(true);
});

test("no event holds a secret: no password, hash or token appears in any change", async () => {
  const rows = await api.db.orm.em
    .fork()
    .execute<{ change: string }[]>("select change::text as change from audit_events");
  const text = rows.map((r) => r.change).join("\n");
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toMatch(/passwordHash|tokenHash|\$argon2|sl_[A-Za-z0-9]{20,}/);
});
