/**
 * The vacancy intake through the public surface on a real database, with the built-in provider: an intake for a
 * non-technical role (ICU nurse) answered over conversations.send to a complete profile, the job following the
 * profile, the profile edited directly (version bumped, a stale version refused), an intake on an existing job.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { errorShape, rejection, useTestApi, type Caller } from "./helpers";
import { answer, ICU_ANSWERS } from "./intake-fixtures";

const api = useTestApi();
let recruiter: Caller;
let viewer: Caller;
let admin: Caller;

beforeAll(async () => {
  recruiter = (await api.signedIn("recruiter")).caller;
  viewer = (await api.signedIn("viewer")).caller;
  admin = (await api.signedIn("admin")).caller;
});

describe("an intake for an ICU nurse", () => {
  test("runs from intake.start to a complete profile, one answer at a time", async () => {
    const started = await recruiter.intake.start({ profession: "ICU nurse" });
    expect(started.session).toMatchObject({ profession: "ICU nurse", complete: false });
    expect(started.profile).toMatchObject({ version: 0, jobStatus: "draft", profile: { title: "ICU nurse" } });
    expect(started.conversation.subject).toEqual({ kind: "job", id: started.session.jobId });
    expect(started.conversation.persona.mode).toBe("intake");
    const [opening] = started.messages;
    expect(opening!.role).toBe("assistant");
    expect(opening!.content).toMatch(/Which company is hiring/);

    const conversationId = started.conversation.id;
    const seniority = await answer(recruiter, conversationId, ICU_ANSWERS[0]!);
    expect(seniority.content).toMatch(/Got it: company St Mary's Hospital/);
    expect(seniority.quickReplies).toEqual(expect.arrayContaining(["Senior", "Junior"]));
    await answer(recruiter, conversationId, ICU_ANSWERS[1]!);
    const skills = await answer(recruiter, conversationId, ICU_ANSWERS[2]!);
    expect(skills.content).toMatch(/Intensive care \(5\), Basic Life Support \(4\)/);
    for (const text of ICU_ANSWERS.slice(3, -1)) await answer(recruiter, conversationId, text);
    const last = await answer(recruiter, conversationId, ICU_ANSWERS.at(-1)!);
    expect(last.content).toMatch(/complete/);
    expect(last.quickReplies).toEqual(["Open the report"]);

    const profile = await recruiter.intake.profile({ jobId: started.session.jobId });
    expect(profile.missing).toEqual([]);
    expect(profile.complete).toBe(true);
    expect(profile.version).toBe(ICU_ANSWERS.length);
    expect(profile.profile).toMatchObject({
      title: "ICU nurse",
      company: "St Mary's Hospital",
      seniority: "senior",
      mustHave: [
        { skill: "Intensive care", weight: 5 },
        { skill: "Basic Life Support", weight: 4 },
        { skill: "Advanced Cardiac Life Support", weight: 4 },
        { skill: "Ventilator management", weight: 4 },
      ],
      niceToHave: [{ skill: "Hemodynamic monitoring", weight: 2 }],
      location: "London",
      remotePolicy: "onsite",
      salary: { min: 38_000, max: 45_000, currency: "GBP", period: "year" },
      team: "Adult critical care",
      hiringManager: "Dr. Ada Patel",
      interviewStages: ["Screening", "Interview", "Offer"],
      deadline: "2027-03-15",
    });
    const trail = await admin.audit.list({ entityId: started.session.jobId, entityKind: "job" });
    const profileEvents = trail.items.filter((e) => e.after && "vacancyProfileVersion" in e.after);
    expect(profileEvents).toHaveLength(ICU_ANSWERS.length);
    expect(profileEvents.find((e) => e.after!.vacancyProfileVersion === 1)).toMatchObject({
      before: { company: "Company to be confirmed", vacancyProfileVersion: 0 },
      after: { company: "St Mary's Hospital", vacancyProfile: { company: "St Mary's Hospital" } },
    });
    const job = await recruiter.jobs.get({ id: started.session.jobId });
    expect(job).toMatchObject({ title: "ICU nurse", company: "St Mary's Hospital", status: "draft" });
    expect(job.stages.map((s) => s.name)).toContain("Interview");

    const view = await recruiter.intake.get({ id: started.session.id });
    expect(view.session.complete).toBe(true);
    expect(view.messages).toHaveLength(1 + 2 * ICU_ANSWERS.length);
    expect(view.messages.map((m) => m.seq)).toEqual(view.messages.map((_, i) => i + 1));
    const listed = await recruiter.intake.list({});
    expect(listed.find((s) => s.id === started.session.id)).toMatchObject({ complete: true, jobTitle: "ICU nurse" });
  });

  test("one message may fill several fields; skip moves on", async () => {
    const started = await recruiter.intake.start({ profession: "Account executive" });
    const reply = await answer(
      recruiter,
      started.conversation.id,
      "Account executive at Northwind, senior, hybrid, 70-90k EUR",
    );
    expect(reply.content).toMatch(/seniority senior/);
    expect(reply.quickReplies).toContain("Pipeline management");
    const skipped = await answer(recruiter, started.conversation.id, "skip");
    expect(skipped.content).toMatch(/Skipped/);
    const { profile } = await recruiter.intake.profile({ jobId: started.session.jobId });
    expect(profile).toMatchObject({
      company: "Northwind",
      seniority: "senior",
      remotePolicy: "hybrid",
      salary: { min: 70_000, max: 90_000, currency: "EUR" },
      mustHave: [],
    });
  });
});

describe("the profile edited directly", () => {
  test("every change bumps the version; a stale version is refused", async () => {
    const started = await recruiter.intake.start({ profession: "Warehouse operative" });
    const jobId = started.session.jobId;
    const first = await recruiter.intake.updateProfile({
      jobId,
      version: 0,
      profile: { title: "Warehouse operative", company: "Acme Logistics", mustHave: [{ skill: "Forklift operation" }] },
    });
    expect(first.version).toBe(1);
    expect(first.profile.mustHave).toEqual([{ skill: "Forklift operation", weight: 3 }]);
    expect((await recruiter.jobs.get({ id: jobId })).company).toBe("Acme Logistics");

    const second = await recruiter.intake.updateProfile({
      jobId,
      version: 1,
      profile: { ...first.profile, seniority: "junior", deadline: "2027-02-01" },
    });
    expect(second.version).toBe(2);

    const stale = await rejection(
      recruiter.intake.updateProfile({ jobId, version: 1, profile: { ...first.profile, seniority: "mid" } }),
    );
    expect(errorShape(stale).data.reason).toBe("stale_version");
    expect((await recruiter.intake.profile({ jobId })).profile.seniority).toBe("junior");

    const invalid = await rejection(
      recruiter.intake.updateProfile({
        jobId,
        version: 2,
        profile: { ...second.profile, salary: { min: 90, max: 10, currency: "EUR" } },
      }),
    );
    expect(errorShape(invalid).data.reason).toBe("invalid_input");
    const forbidden = await rejection(viewer.intake.updateProfile({ jobId, version: 2, profile: second.profile }));
    expect(forbidden.code).toBe("FORBIDDEN");
  });

  test("an intake on an existing job starts from its title and company and asks the next open question", async () => {
    const job = await recruiter.jobs.create({ title: "Senior Backend Engineer", company: "Globex" });
    const started = await recruiter.intake.start({ profession: "Backend engineer", jobId: job.id });
    expect(started.session.jobId).toBe(job.id);
    expect(started.profile.profile).toMatchObject({ title: "Senior Backend Engineer", company: "Globex" });
    expect(started.messages[0]!.content).toMatch(/seniority/);
    const missing = await rejection(
      recruiter.intake.start({ profession: "Nurse", jobId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(errorShape(missing).data.reason).toBe("not_found");
  });
});
