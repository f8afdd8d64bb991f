/**
 * applications.bulk (move, reject, tag over many applications in one transaction, each done or skipped with the
 * reason), the emails actions send (rejection, stage change, assessment invitation), closed jobs and erased people.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { errorShape, rejection, signedIn, useTestApi, type Caller } from "./helpers";

const { db, deps } = useTestApi();
let recruiter: Caller;
let admin: Caller;
let viewer: Caller;
let reasonId: string;
beforeAll(async () => {
  recruiter = (await signedIn(deps, "recruiter")).caller;
  admin = (await signedIn(deps, "admin")).caller;
  viewer = (await signedIn(deps, "viewer")).caller;
  reasonId = (await viewer.rejectionReasons.list())[0]!.id;
});

const unique = () => randomBytes(4).toString("hex");
const email = () => `p-${unique()}@example.com`;

async function jobWith(count: number, over: { domains?: string[] } = {}) {
  const job = await recruiter.jobs.create({ title: "Courier", company: `Planet Express ${unique()}` });
  const people = [];
  for (let i = 0; i < count; i++)
    people.push(
      await recruiter.candidates.create({
        name: `Person ${i}`,
        email: email(),
        jobId: job.id,
        tags: ["keep", "old"],
        assessmentDomains: over.domains ?? [],
      }),
    );
  return { job, people, apps: people.map((p) => p.application!) };
}

const mailFor = async (subjectId: string) =>
  (await admin.mail.list({ subjectId, limit: 100 })).items.map((m) => ({
    template: m.template,
    to: m.content?.to.email,
    subject: m.content?.subject,
  }));

const countsOf = async (jobId: string) => {
  const job = await viewer.jobs.get({ id: jobId });
  return { stages: job.stages.map((s) => s.count), counts: job.counts };
};

describe("applications.bulk", () => {
  test("move: the items their state allows are moved, the others skipped with the reason; counters follow", async () => {
    const { job, apps } = await jobWith(4);
    const other = await jobWith(1);
    const [, screening, , interview] = job.stages;
    await recruiter.applications.reject({ id: apps[1]!.id, version: apps[1]!.version, reasonId });
    await recruiter.applications.move({ id: apps[2]!.id, version: apps[2]!.version, stageId: interview!.id });
    const ghost = "00000000-0000-4000-8000-000000000000";
    const ids = [apps[3]!.id, apps[1]!.id, ghost, apps[0]!.id, apps[2]!.id, other.apps[0]!.id];
    const { results } = await recruiter.applications.bulk({ ids, action: { type: "move", stageId: screening!.id } });
    expect(results).toEqual([
      { id: apps[3]!.id, outcome: "done" },
      { id: apps[1]!.id, outcome: "skipped", reason: "The application was rejected; reopen it first" },
      { id: ghost, outcome: "skipped", reason: "No such application" },
      { id: apps[0]!.id, outcome: "done" },
      { id: apps[2]!.id, outcome: "done" },
      { id: other.apps[0]!.id, outcome: "skipped", reason: "Screening is a stage of another job" },
    ]);
    expect(await countsOf(job.id)).toEqual({
      stages: [0, 3, 0, 0, 0, 0],
      counts: { active: 3, hired: 0, rejected: 1, withdrawn: 0 },
    });
    expect((await viewer.applications.get({ id: apps[0]!.id })).stageName).toBe("Screening");
    const moves = await db.orm.em
      .fork()
      .execute<{ n: number }[]>("select count(*)::int as n from application_moves where job_id = ?", [job.id]);
    // 4 filed, 1 rejection, 1 move to Interview, 3 bulk moves.
    expect(moves[0]!.n).toBe(9);
  });

  test("reject: one reason and note for all, the rejection email to each who asked for it, closed ones skipped", async () => {
    const { job, people, apps } = await jobWith(3);
    await recruiter.applications.withdraw({ id: apps[2]!.id, version: apps[2]!.version });
    const { results } = await recruiter.applications.bulk({
      ids: apps.map((a) => a.id),
      action: { type: "reject", reasonId, note: "Batch", notifyCandidate: true },
    });
    expect(results.map((r) => r.outcome)).toEqual(["done", "done", "skipped"]);
    expect(results[2]!.reason).toBe("The application was already withdrawn");
    expect(await viewer.applications.get({ id: apps[0]!.id })).toMatchObject({
      outcome: "rejected",
      rejectionNote: "Batch",
      rejectionReason: { id: reasonId },
    });
    expect(await mailFor(people[0]!.id)).toEqual([
      { template: "rejection", to: people[0]!.email, subject: `Your application for Courier at ${job.company}` },
    ]);
    expect(await mailFor(people[2]!.id)).toEqual([]);
    expect((await countsOf(job.id)).counts).toEqual({ active: 0, hired: 0, rejected: 2, withdrawn: 1 });
  });

  test("tag: the tags go on the people, one audit event each; an unknown reason or stage refuses the whole call", async () => {
    const { job, people, apps } = await jobWith(2);
    const { results } = await recruiter.applications.bulk({
      ids: apps.map((a) => a.id),
      action: { type: "tag", add: ["Shortlisted", "keep"], remove: ["old"] },
    });
    expect(results.map((r) => r.outcome)).toEqual(["done", "done"]);
    for (const person of people)
      expect((await viewer.candidates.get({ id: person.id })).tags.sort()).toEqual(["keep", "shortlisted"]);
    const events = await db.orm.em
      .fork()
      .execute<{ subject_id: string }[]>(
        "select subject_id from audit_events where entity_kind = 'candidate' and subject_id = any(?::uuid[]) and change::text like '%shortlisted%'",
        [`{${people.map((p) => p.id).join(",")}}`],
      );
    expect(events.map((e) => e.subject_id).sort()).toEqual(people.map((p) => p.id).sort());
    const again = await recruiter.applications.bulk({
      ids: [apps[0]!.id],
      action: { type: "tag", add: ["keep"], remove: [] },
    });
    expect(again.results[0]!.outcome).toBe("skipped");

    const badReason = errorShape(
      await rejection(
        recruiter.applications.bulk({
          ids: [apps[0]!.id],
          action: { type: "reject", reasonId: job.id, notifyCandidate: false },
        }),
      ),
    );
    expect(badReason.data.fieldErrors?.[0]?.path).toBe("action.reasonId");
    const badStage = errorShape(
      await rejection(recruiter.applications.bulk({ ids: [apps[0]!.id], action: { type: "move", stageId: job.id } })),
    );
    expect(badStage.data.fieldErrors?.[0]?.path).toBe("action.stageId");
  });

  test("1 to 500 ids; viewers may not", async () => {
    const { apps, job } = await jobWith(1);
    const none = errorShape(
      await rejection(recruiter.applications.bulk({ ids: [], action: { type: "move", stageId: job.stages[1]!.id } })),
    );
    expect(none.data.fieldErrors?.[0]?.path).toBe("ids");
    const many = Array.from({ length: 501 }, () => crypto.randomUUID());
    const tooMany = errorShape(
      await rejection(recruiter.applications.bulk({ ids: many, action: { type: "move", stageId: job.stages[1]!.id } })),
    );
    expect(tooMany.data.fieldErrors?.[0]?.path).toBe("ids");
    const forbidden = errorShape(
      await rejection(
        viewer.applications.bulk({ ids: [apps[0]!.id], action: { type: "move", stageId: job.stages[1]!.id } }),
      ),
    );
    expect(forbidden.data.reason).toBe("forbidden");
  });
});

describe("emails", () => {
  test("reject with notifyCandidate queues one rejection email; without, none", async () => {
    const { people, apps } = await jobWith(2);
    await recruiter.applications.reject({
      id: apps[0]!.id,
      version: apps[0]!.version,
      reasonId,
      notifyCandidate: true,
    });
    await recruiter.applications.reject({ id: apps[1]!.id, version: apps[1]!.version, reasonId });
    expect((await mailFor(people[0]!.id)).map((m) => m.template)).toEqual(["rejection"]);
    expect(await mailFor(people[1]!.id)).toEqual([]);
  });

  test("move with notifyCandidate queues the stage-change email naming the new stage", async () => {
    const { job, people, apps } = await jobWith(1);
    const moved = await recruiter.applications.move({
      id: apps[0]!.id,
      version: apps[0]!.version,
      stageId: job.stages[3]!.id,
      notifyCandidate: true,
    });
    expect(moved.stageName).toBe("Interview");
    const [message] = (await admin.mail.list({ subjectId: people[0]!.id })).items;
    expect(message).toMatchObject({ template: "stage_change", status: "held" });
    expect(message!.content?.text ?? JSON.stringify(message!.content)).toContain("Interview");
  });

  test("invite queues the assessment invitation and moves the application to Assessment; each invite one email", async () => {
    const { people, apps } = await jobWith(1, { domains: ["Rust"] });
    const invited = await recruiter.applications.invite({ id: apps[0]!.id, version: apps[0]!.version });
    expect(invited).toMatchObject({ stageName: "Assessment", stageKind: "assessment", version: apps[0]!.version + 1 });
    const stale = errorShape(
      await rejection(recruiter.applications.invite({ id: apps[0]!.id, version: apps[0]!.version })),
    );
    expect(stale.data.reason).toBe("stale_version");
    // Already in Assessment: invited again on purpose, a second email.
    const again = await recruiter.applications.invite({ id: invited.id, version: invited.version });
    expect(again.stageName).toBe("Assessment");
    const mail = await mailFor(people[0]!.id);
    expect(mail.map((m) => m.template)).toEqual(["assessment_invitation", "assessment_invitation"]);
    const [message] = (await admin.mail.list({ subjectId: people[0]!.id })).items;
    expect(JSON.stringify(message!.content)).toContain("Rust");
  });

  test("invite is refused when the job has no Assessment stage, or the application is closed", async () => {
    const { job, apps } = await jobWith(2);
    await recruiter.applications.reject({ id: apps[1]!.id, version: apps[1]!.version, reasonId });
    const closed = errorShape(await rejection(recruiter.applications.invite({ id: apps[1]!.id, version: 2 })));
    expect(closed.data.reason).toBe("precondition_failed");
    await recruiter.stages.remove({ id: job.stages[2]!.id });
    const noStage = errorShape(
      await rejection(recruiter.applications.invite({ id: apps[0]!.id, version: apps[0]!.version })),
    );
    expect(noStage.data.reason).toBe("precondition_failed");
    expect(noStage.message).toContain("no Assessment stage");
  });
});

describe("closed jobs and erased people", () => {
  test("closing a job keeps its applications but refuses moves, rejections and new applications", async () => {
    const { job, apps } = await jobWith(2);
    const latest = await viewer.jobs.get({ id: job.id });
    await recruiter.jobs.update({ id: job.id, version: latest.version, status: "closed" });
    expect(await countsOf(job.id)).toEqual({
      stages: [2, 0, 0, 0, 0, 0],
      counts: { active: 2, hired: 0, rejected: 0, withdrawn: 0 },
    });
    const move = errorShape(
      await rejection(
        recruiter.applications.move({ id: apps[0]!.id, version: apps[0]!.version, stageId: job.stages[1]!.id }),
      ),
    );
    expect(move.data.reason).toBe("precondition_failed");
    expect(move.message).toBe("The job is closed; reopen the job first");
    const { results } = await recruiter.applications.bulk({
      ids: apps.map((a) => a.id),
      action: { type: "reject", reasonId, notifyCandidate: false },
    });
    expect(results.map((r) => r.reason)).toEqual([
      "The job is closed; reopen the job first",
      "The job is closed; reopen the job first",
    ]);
    const filed = await recruiter.candidates.create({ name: "Late", email: email() });
    const refused = errorShape(
      await rejection(recruiter.applications.create({ candidateId: filed.id, jobId: job.id })),
    );
    expect(refused.data.reason).toBe("precondition_failed");
    const board = await viewer.jobs.board({ jobId: job.id });
    expect(board.columns[0]!.cards).toHaveLength(2);
  });

  test("an erased person cannot be filed under a job, nor emailed; their board card stays as a placeholder", async () => {
    const { job, people, apps } = await jobWith(2);
    await admin.candidates.erase({ id: people[0]!.id });
    const other = await recruiter.jobs.create({ title: "Other", company: `Elsewhere ${unique()}` });
    const filed = errorShape(
      await rejection(recruiter.applications.create({ candidateId: people[0]!.id, jobId: other.id })),
    );
    expect(filed.data.reason).toBe("precondition_failed");
    expect(filed.data.details).toMatchObject({ erased: true });
    const current = await viewer.applications.get({ id: apps[0]!.id });
    const mailed = errorShape(
      await rejection(
        recruiter.applications.reject({ id: current.id, version: current.version, reasonId, notifyCandidate: true }),
      ),
    );
    expect(mailed.data.reason).toBe("precondition_failed");
    const { results } = await recruiter.applications.bulk({
      ids: apps.map((a) => a.id),
      action: { type: "reject", reasonId, notifyCandidate: true },
    });
    expect(results.map((r) => r.outcome)).toEqual(["skipped", "done"]);
    expect(results[0]!.reason).toContain("erased");
    const board = await viewer.jobs.board({ jobId: job.id });
    expect(board.columns[0]!.cards.map((c) => c.candidateId)).toEqual([people[0]!.id]);
  });
});
