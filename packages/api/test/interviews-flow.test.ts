/**
 * Interviews, the recruiter's side, through the public surface on a real database: the plan built from the job's
 * profile, the CV's gaps and the candidate's seniority (seen questions left out), the plan edited, the link sent by
 * email and revoked, the status workflow with its illegal moves, two concurrent moves, and who may do what.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { errorShape, rejection, useTestApi, type Caller } from "./helpers";
import {
  answerAndWait,
  CONCRETE_ANSWER,
  flowQuestion,
  newApplication,
  tokenOf,
  type FlowApplication,
} from "./interviews-flow-fixtures";

const api = useTestApi({ env: { SHORTLIST_PUBLIC_URL: "https://hire.example.com/" } });
let recruiter: Caller;
let viewer: Caller;
let admin: Caller;
const bank: Record<string, string> = {};

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

/** A CV analysis for the candidate, as the CV module leaves one (its seniority, the skills it evidences). */
async function giveCv(candidateId: string, seniority: string, skills: string[]) {
  const [doc] = await sql<{ id: string }>(
    `insert into cv_documents (candidate_id, file_sealed, media_type, size_bytes, sha256, text_sealed)
     values (?, '{}', 'text/plain', 1, repeat('0', 64), '{}') returning id`,
    [candidateId],
  );
  const [analysis] = await sql<{ id: string }>(
    `insert into cv_analyses (document_id, candidate_id, analyser, skills, seniority, details_sealed)
     values (?, ?, 'builtin@1', '[]', ?, '{}') returning id`,
    [doc!.id, candidateId, seniority],
  );
  for (const skill of skills)
    await sql("insert into candidate_skills (candidate_id, skill, analysis_id) values (?, ?, ?)", [
      candidateId,
      skill,
      analysis!.id,
    ]);
  return analysis!.id;
}

beforeAll(async () => {
  recruiter = (await api.signedIn("recruiter")).caller;
  viewer = (await api.signedIn("viewer")).caller;
  admin = (await api.signedIn("admin")).caller;
  const add = async (key: string, fields: Parameters<typeof flowQuestion>[0]) =>
    (bank[key] = (await recruiter.questions.create(flowQuestion(fields))).id);
  await add("pg-junior", { skills: ["PostgreSQL"], difficulty: 1 });
  await add("pg-senior", { skills: ["PostgreSQL"], difficulty: 4 });
  await add("pg-senior-2", { skills: ["PostgreSQL"], difficulty: 3 });
  await add("k8s-senior", { skills: ["Kubernetes"], difficulty: 4 });
  await add("k8s-junior", { skills: ["Kubernetes"], difficulty: 2 });
  await add("graphql", { skills: ["GraphQL"], difficulty: 3 });
  await add("conflict", { type: "behavioural", difficulty: 3 });
  await add("deadline", { type: "situational", difficulty: 3 });
  await add("retired", { skills: ["Kubernetes"], difficulty: 4, active: false });
});

const PROFILE = {
  seniority: "mid" as const,
  mustHave: [
    { skill: "PostgreSQL", weight: 3 },
    { skill: "Kubernetes", weight: 5 },
  ],
  niceToHave: [{ skill: "GraphQL", weight: 2 }],
};

describe("the plan", () => {
  test("asks the CV's gaps first, then evidenced must-haves, nice-to-haves and behavioural questions, at the CV's seniority", async () => {
    const app = await newApplication(recruiter, PROFILE);
    const analysisId = await giveCv(app.candidateId, "senior", ["PostgreSQL", "Go"]);
    const interview = await recruiter.interviews.create({ applicationId: app.applicationId, questionCount: 5 });
    expect(interview).toMatchObject({
      status: "PREPARING",
      allowedMoves: ["READY", "CANCELLED"],
      applicationId: app.applicationId,
      candidate: { id: app.candidateId, name: "Ada Lovelace" },
      targetSeniority: "senior",
      cvAnalysisId: analysisId,
      persona: { name: "AI interviewer" },
      link: null,
      answered: 0,
    });
    expect(interview.plan.map((q) => [q.questionId, q.reason, q.position])).toEqual([
      [bank["k8s-senior"], "gap: Kubernetes (required, not in the CV)", 0],
      [
        bank["pg-senior-2"]!.localeCompare(bank["pg-senior"]!) < 0 ? bank["pg-senior-2"] : bank["pg-senior"],
        "must-have: PostgreSQL",
        1,
      ],
      [bank.graphql, "nice-to-have: GraphQL", 2],
      [bank["k8s-junior"], "gap: Kubernetes (required, not in the CV)", 3],
      [expect.any(String), "must-have: PostgreSQL", 4],
    ]);
    expect(interview.plan.map((q) => q.questionId)).not.toContain(bank.retired);
    // A snapshot: the question's text and rubric are copied, and a later bank edit doesn't move the plan.
    const first = interview.plan[0]!;
    expect(first).toMatchObject({ type: "technical", difficulty: 4, skills: ["Kubernetes"], askedAt: null });
    const question = await recruiter.questions.get({ id: bank["k8s-senior"]! });
    await recruiter.questions.update({ id: question.id, version: question.version, changes: { text: "Changed text" } });
    expect((await recruiter.interviews.get({ id: interview.id })).plan[0]!.text).toBe(first.text);
  });

  test("junior candidates get easier questions; without a CV the profile's seniority is used", async () => {
    const junior = await newApplication(recruiter, PROFILE);
    await giveCv(junior.candidateId, "junior", ["PostgreSQL", "Kubernetes"]);
    const easy = await recruiter.interviews.create({ applicationId: junior.applicationId, questionCount: 2 });
    expect(easy.plan.map((q) => q.questionId)).toEqual([bank["k8s-junior"], bank["pg-junior"]]);
    expect(easy.plan.map((q) => q.reason)).toEqual(["must-have: Kubernetes", "must-have: PostgreSQL"]);

    const noCv = await newApplication(recruiter, { ...PROFILE, seniority: "senior" });
    const planned = await recruiter.interviews.create({ applicationId: noCv.applicationId, questionCount: 1 });
    expect(planned).toMatchObject({ targetSeniority: "senior", cvAnalysisId: null });
    expect(planned.plan[0]).toMatchObject({ questionId: bank["k8s-senior"], reason: "must-have: Kubernetes" });
  });

  test("without a vacancy profile or a CV the plan is behavioural and general, and says so", async () => {
    const app = await newApplication(recruiter, null);
    const interview = await recruiter.interviews.create({ applicationId: app.applicationId, questionCount: 3 });
    expect(interview.targetSeniority).toBeNull();
    expect(interview.plan.map((q) => q.reason)).toEqual([
      "behavioural (no vacancy profile)",
      "behavioural (no vacancy profile)",
      "general (no vacancy profile)",
    ]);
    expect(
      interview.plan
        .slice(0, 2)
        .map((q) => q.questionId)
        .sort(),
    ).toEqual([bank.conflict, bank.deadline].sort());
  });

  test("leaves out the questions this candidate was already asked in another interview", async () => {
    const app = await newApplication(recruiter, { mustHave: [{ skill: "GraphQL", weight: 5 }] });
    const anonymous = api.caller();
    let first = await recruiter.interviews.create({ applicationId: app.applicationId, questionCount: 1 });
    expect(first.plan[0]!.questionId).toBe(bank.graphql);
    first = await recruiter.interviews.sendLink({ id: first.id, version: first.version, days: 3 });
    await anonymous.interviewLink.start({ token: tokenOf(first) });
    await answerAndWait(anonymous, tokenOf(first), CONCRETE_ANSWER);
    expect((await recruiter.interviews.get({ id: first.id })).status).toBe("COMPLETED");

    const second = await recruiter.interviews.create({ applicationId: app.applicationId, questionCount: 1 });
    expect(second.plan[0]!.questionId).not.toBe(bank.graphql);
    expect(second.plan[0]!.reason).toBe("behavioural");
  });

  test("the recruiter reorders, removes and adds questions; kept ones keep their snapshot, added ones say who", async () => {
    const app = await newApplication(recruiter, PROFILE);
    const interview = await recruiter.interviews.create({ applicationId: app.applicationId, questionCount: 3 });
    const [a, b, c] = interview.plan;
    const edited = await recruiter.interviews.updatePlan({
      id: interview.id,
      version: interview.version,
      questionIds: [c!.questionId!, bank.deadline!, a!.questionId!],
    });
    expect(edited.version).toBe(interview.version + 1);
    expect(edited.plan.map((q) => [q.questionId, q.position, q.reason])).toEqual([
      [c!.questionId, 0, c!.reason],
      [bank.deadline, 1, "added by Test recruiter"],
      [a!.questionId, 2, a!.reason],
    ]);
    expect(edited.plan[0]!.id).toBe(c!.id);
    expect(edited.plan.map((q) => q.questionId)).not.toContain(b!.questionId);

    const stale = await rejection(
      recruiter.interviews.updatePlan({ id: interview.id, version: interview.version, questionIds: [bank.deadline!] }),
    );
    expect(errorShape(stale).data.reason).toBe("stale_version");
    const unknown = await rejection(
      recruiter.interviews.updatePlan({
        id: interview.id,
        version: edited.version,
        questionIds: [bank.deadline!, "00000000-0000-4000-8000-000000000000", bank.retired!],
      }),
    );
    expect(errorShape(unknown).data).toMatchObject({
      reason: "invalid_input",
      fieldErrors: [
        { path: "questionIds.1", message: "No such question in the bank" },
        { path: "questionIds.2", message: "This question is retired; pick an active one" },
      ],
    });
    const twice = await rejection(
      recruiter.interviews.updatePlan({
        id: interview.id,
        version: edited.version,
        questionIds: [bank.deadline!, bank.deadline!],
      }),
    );
    expect(errorShape(twice).data.fieldErrors).toEqual([{ path: "questionIds", message: "A question appears twice" }]);
    expect((await recruiter.interviews.get({ id: interview.id })).plan).toEqual(edited.plan);
  });

  test("one live interview per application; a second is refused until the first ends", async () => {
    const app = await newApplication(recruiter, PROFILE);
    const first = await recruiter.interviews.create({ applicationId: app.applicationId, questionCount: 1 });
    const again = await rejection(recruiter.interviews.create({ applicationId: app.applicationId, questionCount: 1 }));
    expect(errorShape(again).data).toMatchObject({
      reason: "precondition_failed",
      details: { interviewId: first.id, status: "PREPARING" },
    });
    await recruiter.interviews.cancel({ id: first.id, version: first.version });
    const second = await recruiter.interviews.create({ applicationId: app.applicationId, questionCount: 1 });
    const reopen = await rejection(recruiter.interviews.reopen({ id: first.id, version: first.version + 1 }));
    expect(errorShape(reopen).data).toMatchObject({
      reason: "precondition_failed",
      details: { interviewId: second.id },
    });
  });

  test("an interviewer persona of another mode is refused under personaId", async () => {
    const app = await newApplication(recruiter, PROFILE);
    const chat = await admin.personas.create({ name: "Just chat", template: "Hi" });
    const error = await rejection(
      recruiter.interviews.create({ applicationId: app.applicationId, personaId: chat.id, questionCount: 1 }),
    );
    expect(errorShape(error).data.fieldErrors).toEqual([
      { path: "personaId", message: '"Just chat" is a chat persona; pick an interviewer' },
    ]);
  });
});

describe("the link and the workflow", () => {
  let app: FlowApplication;
  beforeAll(async () => {
    app = await newApplication(recruiter, PROFILE);
  });

  test("sendLink: READY, the URL once (only its hash stored), the invitation in the outbox; revoke, cancel, reopen", async () => {
    let interview = await recruiter.interviews.create({ applicationId: app.applicationId, questionCount: 2 });
    const sent = await recruiter.interviews.sendLink({ id: interview.id, version: interview.version, days: 3 });
    expect(sent).toMatchObject({ status: "READY", allowedMoves: ["IN_PROGRESS", "PREPARING", "CANCELLED", "EXPIRED"] });
    expect(sent.link!.url).toMatch(/^https:\/\/hire\.example\.com\/interview\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(sent);
    const days = (sent.link!.expiresAt.getTime() - sent.link!.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(3, 2);
    const read = await recruiter.interviews.get({ id: interview.id });
    expect(read.link).toMatchObject({ id: sent.link!.id, url: null, revokedAt: null });
    const stored = await sql<{ token_hash: string }>("select token_hash from interview_links where interview_id = ?", [
      interview.id,
    ]);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await sql("select * from interview_links"))).not.toContain(token);

    const mail = await recruiter.mail.list({ subjectId: app.candidateId });
    const invitation = mail.items.find((m) => m.template === "interview_invitation")!;
    const { content } = await recruiter.mail.get({ id: invitation.id });
    expect(content!.subject).toMatch(/^Your interview for Backend Engineer at Flowco/);
    expect(content!.text).toContain(sent.link!.url!);
    expect(content!.text).toContain("2 questions, about 4 minutes");

    const events = await admin.audit.list({ entityKind: "interview", entityId: interview.id });
    expect(JSON.stringify(events.items)).not.toContain(token);

    interview = await recruiter.interviews.revokeLink({ id: sent.id, version: sent.version });
    expect(interview).toMatchObject({ status: "PREPARING", link: { id: sent.link!.id, url: null } });
    expect(interview.link!.revokedAt).toBeInstanceOf(Date);
    const opened = await api.caller().interviewLink.open({ token });
    expect(opened).toMatchObject({
      closedReason: "This link is no longer valid — ask the recruiter for a new one.",
      jobTitle: "",
      current: null,
      messages: [],
    });

    interview = await recruiter.interviews.cancel({
      id: interview.id,
      version: interview.version,
      reason: "role paused",
    });
    expect(interview).toMatchObject({
      status: "CANCELLED",
      endReason: "cancelled: role paused",
      allowedMoves: ["PREPARING"],
    });
    interview = await recruiter.interviews.reopen({ id: interview.id, version: interview.version });
    expect(interview).toMatchObject({ status: "PREPARING", endReason: null });
    const moves = (await admin.audit.list({ entityKind: "interview", entityId: interview.id })).items.map(
      (e) => [e.action, e.after?.status ?? null] as const,
    );
    expect(moves).toEqual(
      expect.arrayContaining([
        ["interviews.sendLink", "READY"],
        ["interviews.revokeLink", "PREPARING"],
        ["interviews.cancel", "CANCELLED"],
        ["interviews.reopen", "PREPARING"],
      ]),
    );
    await recruiter.interviews.cancel({ id: interview.id, version: interview.version });
  });

  test("illegal moves are refused naming from, to and what is allowed", async () => {
    const interview = await recruiter.interviews.create({ applicationId: app.applicationId, questionCount: 1 });
    const revoke = await rejection(recruiter.interviews.revokeLink({ id: interview.id, version: interview.version }));
    expect(revoke.code).toBe("PRECONDITION_FAILED");
    expect(errorShape(revoke).data).toMatchObject({
      reason: "precondition_failed",
      details: { from: "PREPARING", to: "PREPARING", allowed: ["READY", "CANCELLED"] },
    });
    const reopen = await rejection(recruiter.interviews.reopen({ id: interview.id, version: interview.version }));
    expect(reopen.message).toBe(
      "An interview cannot move from PREPARING to PREPARING; from PREPARING it may move to READY, CANCELLED",
    );
    const cancelled = await recruiter.interviews.cancel({ id: interview.id, version: interview.version });
    const send = await rejection(
      recruiter.interviews.sendLink({ id: cancelled.id, version: cancelled.version, days: 7 }),
    );
    expect(errorShape(send).data.details).toEqual({ from: "CANCELLED", to: "READY", allowed: ["PREPARING"] });
    const plan = await rejection(
      recruiter.interviews.updatePlan({ id: cancelled.id, version: cancelled.version, questionIds: [bank.conflict!] }),
    );
    expect(errorShape(plan).data).toMatchObject({ reason: "precondition_failed", details: { status: "CANCELLED" } });
  });

  test("two concurrent sendLinks: exactly one wins, one link and one email", async () => {
    const interview = await recruiter.interviews.create({ applicationId: app.applicationId, questionCount: 1 });
    const outcomes = await Promise.allSettled([
      recruiter.interviews.sendLink({ id: interview.id, version: interview.version, days: 7 }),
      recruiter.interviews.sendLink({ id: interview.id, version: interview.version, days: 7 }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const lost = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(errorShape(lost.reason).data.reason).toBe("stale_version");
    expect(await sql("select id from interview_links where interview_id = ?", [interview.id])).toHaveLength(1);
    const [link] = await sql<{ id: string }>("select id from interview_links where interview_id = ?", [interview.id]);
    const mail = await sql("select id from mail_messages where idempotency_key = ?", [
      `interview_invitation:${link!.id}`,
    ]);
    expect(mail).toHaveLength(1);
    const read = await recruiter.interviews.get({ id: interview.id });
    expect(read.status).toBe("READY");
    await recruiter.interviews.cancel({ id: read.id, version: read.version });
  });

  test("a link past its expiry ends the interview as EXPIRED when anyone reads it", async () => {
    const interview = await recruiter.interviews.create({ applicationId: app.applicationId, questionCount: 1 });
    const sent = await recruiter.interviews.sendLink({ id: interview.id, version: interview.version, days: 1 });
    await sql("update interview_links set expires_at = now() - interval '1 minute' where id = ?", [sent.link!.id]);
    const listed = await recruiter.interviews.list({ applicationId: app.applicationId, statuses: ["EXPIRED"] });
    expect(listed.items.map((i) => i.id)).toContain(interview.id);
    const read = await recruiter.interviews.get({ id: interview.id });
    expect(read).toMatchObject({ status: "EXPIRED", endReason: "link expired", allowedMoves: ["PREPARING"] });
    const opened = await api.caller().interviewLink.open({ token: tokenOf(sent) });
    expect(opened).toMatchObject({
      status: "EXPIRED",
      closedReason: "This link has expired — ask the recruiter for a new one.",
    });
    const events = await admin.audit.list({
      entityKind: "interview",
      entityId: interview.id,
      action: "interviews.settle",
    });
    expect(events.items.map((e) => [e.actor.type, e.after])).toEqual([
      ["system", { status: "EXPIRED", endReason: "link expired" }],
    ]);
    const reopened = await recruiter.interviews.reopen({ id: read.id, version: read.version });
    expect(reopened.status).toBe("PREPARING");
    await recruiter.interviews.cancel({ id: reopened.id, version: reopened.version });
  });

  test("list: filters, newest first, pages with a cursor", async () => {
    const other = await newApplication(recruiter, PROFILE);
    const one = await recruiter.interviews.create({ applicationId: other.applicationId, questionCount: 1 });
    const page = await recruiter.interviews.list({ jobId: other.jobId });
    expect(page.items).toEqual([
      {
        id: one.id,
        applicationId: other.applicationId,
        candidate: { id: other.candidateId, name: "Ada Lovelace" },
        job: { id: other.jobId, title: "Backend Engineer" },
        status: "PREPARING",
        planned: 1,
        answered: 0,
        overall: null,
        updatedAt: one.updatedAt,
      },
    ]);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const next = await recruiter.interviews.list({ limit: 2, cursor });
      all.push(...next.items.map((i) => i.id));
      cursor = next.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain(one.id);
    const bad = await rejection(recruiter.interviews.list({ cursor: "nonsense" }));
    expect(errorShape(bad).data.fieldErrors).toEqual([
      { path: "cursor", message: "Must be the nextCursor of a previous page" },
    ]);
  });
});

describe("roles", () => {
  test("viewers may not read or change interviews; reviewers read results only", async () => {
    const app = await newApplication(recruiter, PROFILE);
    const interview = await recruiter.interviews.create({ applicationId: app.applicationId, questionCount: 1 });
    const calls = [
      () => viewer.interviews.create({ applicationId: app.applicationId, questionCount: 1 }),
      () => viewer.interviews.get({ id: interview.id }),
      () => viewer.interviews.list({}),
      () => viewer.interviews.sendLink({ id: interview.id, version: interview.version, days: 7 }),
      () => viewer.interviews.cancel({ id: interview.id, version: interview.version }),
    ];
    for (const call of calls) expect(errorShape(await rejection(call())).data.reason).toBe("forbidden");
    const reviewer = (await api.signedIn("reviewer")).caller;
    expect(errorShape(await rejection(reviewer.interviews.get({ id: interview.id }))).data.reason).toBe("forbidden");
    expect((await recruiter.interviews.get({ id: interview.id })).version).toBe(interview.version);
  });
});
