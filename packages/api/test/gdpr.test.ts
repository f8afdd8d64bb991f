/**
 * GDPR for candidates through the API: the export holds everything about the person and is itself audited;
 * erasure leaves neither the name nor the email readable anywhere (every table dumped as text, every file
 * in the data folder), while the chain verifies, counts and benchmarks stay, and the trail reads "[erased]".
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { beforeAll, describe, expect, test } from "vitest";
import { rejection } from "./helpers";
import { count, pdfText, sampleLines, useVettingContext } from "./vetting-fixtures";

const t = useVettingContext();
const tag = randomBytes(4).toString("hex");
const NAME = `Zenobia Quillfeather ${tag}`;
const EMAIL = `zenobia.q.${tag}@example.org`;
const NOTES = `Met ${NAME} at the meetup`;
const ROLE = "Platform Engineer";
/** A session ref naming the person, as a caller's import might. */
const REF = `quillfeather-${tag}`;

async function assessedCandidate(name: string, email: string) {
  const candidate = await t.recruiter.candidates.create({
    name,
    email,
    role: ROLE,
    company: "Acme",
    assessmentDomains: ["Python", "PostgreSQL"],
    consentGiven: true,
    recruiterNotes: `Met ${name} at the meetup`,
    resumeUrl: "https://cv.example.org/zenobia.pdf",
  });
  const started = await t.recruiter.assessments.start({ candidateId: candidate.id });
  await t.recruiter.assessments.importActivity({ assessmentId: started.id, rows: sampleLines() });
  await t.recruiter.assessments.recordSession({
    assessmentId: started.id,
    session: { ref: `${email.split("@")[0]}-${REF}`, start: "2030-01-01T09:00:00Z", end: "2030-01-01T10:00:00Z" },
    questions: [{ domain: "Python", text: "What does yield from do?", askedAt: "2030-01-01T09:05:00Z" }],
  });
  const assessment = await t.recruiter.assessments.complete({ assessmentId: started.id });
  const report = await t.recruiter.reports.generate({ assessmentId: assessment.id });
  return { candidate, assessment, report };
}

/** Every table of the database, every row as text, read as the database's owner (as pg_dump would). */
async function dumpAllTables(): Promise<string> {
  const { host, port, user, password, dbName } = t.db.ownerConfig;
  const client = new pg.Client({ host, port, user, password, database: dbName });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      "select tablename as name from pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
    );
    expect(tables.map((r) => r.name)).toEqual(expect.arrayContaining(["candidates", "audit_events", "data_keys"]));
    const parts: string[] = [];
    for (const { name } of tables) {
      const { rows } = await client.query<{ row: string }>(`select t::text as row from ${pg.escapeIdentifier(name)} t`);
      parts.push(...rows.map((r) => r.row));
    }
    return parts.join("\n");
  } finally {
    await client.end();
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

const readable = (text: string) => {
  const lower = text.toLowerCase();
  return {
    name: lower.includes(NAME.toLowerCase()),
    email: lower.includes(EMAIL.toLowerCase()),
    ref: lower.includes(`zenobia.q.${tag}-${REF}`),
  };
};
const NOTHING = { name: false, email: false, ref: false };

let person: Awaited<ReturnType<typeof assessedCandidate>>;
beforeAll(async () => {
  // A peer in the same role, so the role's benchmark and the counts have more than the erased person in them.
  await assessedCandidate(`Peer ${tag}`, `peer.${tag}@example.org`);
  person = await assessedCandidate(NAME, EMAIL);
});

describe("candidates.exportPersonalData", () => {
  test("one document with the record, assessments, activity, reports and the trail about them, decrypted", async () => {
    const doc = await t.recruiter.candidates.exportPersonalData({ id: person.candidate.id });
    expect(doc).toMatchObject({
      format: "shortlist.personal-data",
      version: 1,
      subjectId: person.candidate.id,
      candidate: { id: person.candidate.id, name: NAME, email: EMAIL, recruiterNotes: NOTES },
      assessments: [{ id: person.assessment.id, status: "completed" }],
      reports: [{ id: person.report.id, candidateId: person.candidate.id }],
      applications: [{ candidateId: person.candidate.id, jobTitle: ROLE, company: "Acme", stageName: "Assessment" }],
    });
    // The jobs module's part of the document (its keys are not in the candidates module's type).
    const { applicationMoves } = doc as unknown as { applicationMoves: Record<string, unknown>[] };
    expect(applicationMoves).toEqual([
      expect.objectContaining({
        fromStageName: null,
        toStageName: "Applied",
        toOutcome: "active",
        createdAt: expect.any(Date),
      }),
      expect.objectContaining({ fromStageName: "Applied", toStageName: "Assessment", createdAt: expect.any(Date) }),
    ]);
    const questions = doc.activity.flatMap((a) => a.sessions.flatMap((s) => s.questions.map((q) => q.text)));
    const sampleTexts = [
      ...sampleLines().flatMap((r) => (r.type === "question" ? [r.text] : [])),
      "What does yield from do?",
    ];
    expect(questions.sort()).toEqual([...sampleTexts].sort());

    const events = doc.auditEvents;
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "candidates.create",
        "applications.create",
        "assessments.start",
        "assessments.importActivity",
        "assessments.recordSession",
        "assessments.complete",
        "reports.generate",
      ]),
    );
    const created = events.find((e) => e.action === "candidates.create")!;
    expect(created.after).toMatchObject({ name: NAME, email: EMAIL, recruiterNotes: NOTES });
    // Filed under the job by candidates.create: the application's event is in the person's trail too.
    expect(events.find((e) => e.action === "applications.create")!.after).toMatchObject({
      job: ROLE,
      stage: "Applied",
    });
    expect(created.personal).toEqual(expect.arrayContaining(["name", "email", "recruiterNotes", "resumeUrl"]));
    const activity = events.find((e) => e.action === "assessments.importActivity")!;
    expect(activity.personal).toEqual(expect.arrayContaining(["sessions", "questions"]));
    const recorded = events.filter((e) => e.action.startsWith("assessments.") && e.after?.questions);
    const texts = recorded.flatMap((e) => (e.after!.questions as { text: string }[]).map((q) => q.text));
    expect(texts.sort()).toEqual([...sampleTexts].sort());
  });

  test("is audited, for admins and recruiters only", async () => {
    const { items } = await t.admin.audit.list({
      action: "candidates.exportPersonalData",
      entityId: person.candidate.id,
    });
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items[0]).toMatchObject({ subjectId: person.candidate.id, actor: { type: "user" } });
    expect((await rejection(t.viewer.candidates.exportPersonalData({ id: person.candidate.id }))).code).toBe(
      "FORBIDDEN",
    );
    const missing = await rejection(
      t.admin.candidates.exportPersonalData({ id: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(missing.code).toBe("NOT_FOUND");
  });
});

describe("candidates.erase", () => {
  test("leaves nothing readable about the person, keeps counts and benchmarks, and the chain verifies", async () => {
    const id = person.candidate.id;
    const pdf = join(t.dataDir, `reports/${person.report.id}.pdf`);
    // The checks below would see the person: their PDF names them, and the tables hold them in clear.
    expect(await pdfText(await readFile(pdf))).toContain(NAME);
    expect(readable(await dumpAllTables())).toEqual({ name: true, email: true, ref: true });

    const benchmarks = await t.admin.benchmarks.list({ role: ROLE });
    const stats = await t.admin.candidates.stats({ role: ROLE });
    const completed = await count(t.db.orm, "assessments", "status = 'completed'");
    const assessmentId = person.assessment.id;
    const metrics = (await t.admin.assessments.get({ assessmentId })).metrics!;

    expect(await t.admin.candidates.get({ id })).toMatchObject({ erased: false });
    expect((await rejection(t.recruiter.candidates.erase({ id }))).code).toBe("FORBIDDEN");
    expect(await t.admin.candidates.erase({ id })).toEqual({ id, erased: true });

    expect(readable(await dumpAllTables())).toEqual(NOTHING);
    expect(existsSync(pdf)).toBe(false);
    for (const file of await filesUnder(t.dataDir)) {
      expect(readable((await readFile(file)).toString("latin1")), file).toEqual(NOTHING);
    }

    expect(await t.admin.audit.verify()).toMatchObject({ ok: true });
    expect(await t.admin.benchmarks.list({ role: ROLE })).toEqual(benchmarks);
    expect(await t.admin.candidates.stats({ role: ROLE })).toEqual(stats);
    expect(await count(t.db.orm, "assessments", "status = 'completed'")).toBe(completed);
    // The metrics stay; the session trend's refs (one named the person) are numbered instead.
    expect((await t.admin.assessments.get({ assessmentId })).metrics).toEqual({
      ...metrics,
      sessionTrend: metrics.sessionTrend.map((point, i) => ({ ...point, ref: `erased-${i + 1}` })),
    });
    expect(await t.admin.candidates.get({ id })).toMatchObject({
      name: "[erased]",
      email: `erased-${id}@erased.invalid`,
      recruiterNotes: null,
      resumeUrl: null,
      erased: true,
      // The applications stay (the job's counts and history stay right), as they were.
      applications: [expect.objectContaining({ jobTitle: ROLE, company: "Acme", stageName: "Assessment" })],
    });
  });

  test("the trail about the person reads [erased] for every sealed field; the rest stays", async () => {
    const { items } = await t.admin.audit.list({ subjectId: person.candidate.id, limit: 200 });
    const sealed = items.flatMap((e) =>
      e.personal.flatMap((field) => [e.before?.[field], e.after?.[field]].filter((v) => v !== undefined && v !== null)),
    );
    expect(sealed.length).toBeGreaterThan(0);
    expect(new Set(sealed)).toEqual(new Set(["[erased]"]));
    const erased = items.find((e) => e.action === "candidates.erase")!;
    expect(erased.before).toMatchObject({ name: "[erased]", email: "[erased]" });
    expect(erased.after).toEqual({ erased: true });
    expect(items.find((e) => e.action === "candidates.create")!.after).toMatchObject({
      name: "[erased]",
      email: "[erased]",
      consentGiven: true,
    });
    expect(items.find((e) => e.action === "applications.create")!.after).toMatchObject({ job: ROLE, stage: "Applied" });
  });

  test("an erased candidate can no longer change, and is not erased twice", async () => {
    const id = person.candidate.id;
    const current = await t.admin.candidates.get({ id });
    for (const call of [
      t.admin.candidates.update({ id, version: current.version, name: "Back Again" }),
      t.admin.candidates.erase({ id }),
    ]) {
      const error = await rejection(call);
      expect(error.code).toBe("CONFLICT");
      expect((error.cause as { reason?: string }).reason).toBe("precondition_failed");
    }
    const doc = await t.admin.candidates.exportPersonalData({ id });
    expect(doc).toMatchObject({ candidate: { name: "[erased]" }, reports: [] });
    expect(doc.activity.flatMap((a) => a.sessions)).toEqual([]);
  });
});

test("a write racing an erasure waits for it, then is refused: nothing personal lands after the key is gone", async () => {
  const candidate = await t.recruiter.candidates.create({
    name: "Race Condition",
    email: `race.${tag}@example.org`,
    role: ROLE,
    company: "Acme",
    assessmentDomains: ["Python"],
    consentGiven: true,
  });
  const assessment = await t.recruiter.assessments.start({ candidateId: candidate.id });
  // An erasure in progress, as candidates.erase runs it: the candidate's row locked, then the key destroyed.
  const { host, port, user, password, dbName } = t.db.ownerConfig;
  const eraser = new pg.Client({ host, port, user, password, database: dbName });
  await eraser.connect();
  try {
    await eraser.query("begin");
    await eraser.query("select id from candidates where id = $1 for update", [candidate.id]);
    const write = rejection(
      t.recruiter.assessments.recordSession({
        assessmentId: assessment.id,
        session: { start: "2030-01-01T09:00:00Z", end: "2030-01-01T10:00:00Z" },
        questions: [{ domain: "Python", text: "Written after the erasure?", askedAt: "2030-01-01T09:05:00Z" }],
      }),
    );
    // Until the write has finished or waits on a lock (polled, generously): it must not slip past the erasure.
    const settled = write.then(
      () => true,
      () => true,
    );
    for (let i = 0; i < 400; i++) {
      if (await Promise.race([settled, sleep(25).then(() => false)])) break;
      const { rows } = await eraser.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      if (rows[0]!.n > 0) break;
    }
    await eraser.query("update data_keys set wrapped_key = null, destroyed_at = now() where subject_id = $1", [
      candidate.id,
    ]);
    await eraser.query("commit");
    const error = await write;
    expect((error.cause as { reason?: string }).reason).toBe("precondition_failed");
  } finally {
    await eraser.end();
  }
  expect(await count(t.db.orm, "assessment_questions", "assessment_id = ?", [assessment.id])).toBe(0);
});

test("candidates.delete takes the report PDFs with the rows, so no file is left naming the person", async () => {
  const { candidate, report } = await assessedCandidate(`Deleted Person ${tag}`, `deleted.${tag}@example.org`);
  const pdf = join(t.dataDir, `reports/${report.id}.pdf`);
  expect(existsSync(pdf)).toBe(true);
  await t.recruiter.candidates.delete({ id: candidate.id });
  expect(existsSync(pdf)).toBe(false);
  expect(await count(t.db.orm, "reports", "candidate_id = ?", [candidate.id])).toBe(0);
});
