/** Editing a job's stages, and the rejection reasons admins keep; who may do either. */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { errorShape, rejection, signedIn, useTestApi, type Caller } from "./helpers";

const { db, deps } = useTestApi();
let recruiter: Caller;
let admin: Caller;
let viewer: Caller;
beforeAll(async () => {
  recruiter = (await signedIn(deps, "recruiter")).caller;
  admin = (await signedIn(deps, "admin")).caller;
  viewer = (await signedIn(deps, "viewer")).caller;
});

const unique = () => randomBytes(4).toString("hex");
const email = () => `p-${unique()}@example.com`;
const newJob = () => recruiter.jobs.create({ title: "Analyst", company: `Globex ${unique()}` });
const names = (job: { stages: { name: string; position: number }[] }) =>
  job.stages.map((s, i) => {
    expect(s.position).toBe(i + 1);
    return s.name;
  });

const eventsAbout = async (entityId: string) =>
  (
    await db.orm.em
      .fork()
      .execute<{ action: string; entity_kind: string }[]>(
        "select action, entity_kind from audit_events where entity_id = ? order by seq",
        [entityId],
      )
  ).map((e) => e.action);

describe("stages", () => {
  test("add goes after the stage named, or at the end; positions stay 1..n", async () => {
    const job = await newJob();
    const [applied] = job.stages;
    let edited = await recruiter.stages.add({ jobId: job.id, name: "Phone screen", afterStageId: applied!.id });
    expect(names(edited)).toEqual([
      "Applied",
      "Phone screen",
      "Screening",
      "Assessment",
      "Interview",
      "Offer",
      "Hired",
    ]);
    const phone = edited.stages[1]!;
    expect(phone).toMatchObject({ kind: "custom", count: 0 });
    edited = await recruiter.stages.add({ jobId: job.id, name: "Reference check", kind: "interview" });
    expect(names(edited).at(-1)).toBe("Reference check");
    expect(edited.stages.at(-1)!.kind).toBe("interview");
    expect(await eventsAbout(phone.id)).toEqual(["stages.add"]);
  });

  test("names are unique per job whatever their case, with the field named; another job may reuse them", async () => {
    const job = await newJob();
    const other = await newJob();
    const duplicate = errorShape(await rejection(recruiter.stages.add({ jobId: job.id, name: "  screening " })));
    expect(duplicate.data.reason).toBe("duplicate");
    expect(duplicate.data.fieldErrors).toEqual([{ path: "name", message: expect.stringContaining("screening") }]);

    const renamed = errorShape(await rejection(recruiter.stages.rename({ id: job.stages[0]!.id, name: "OFFER" })));
    expect(renamed.data.reason).toBe("duplicate");
    expect(renamed.data.fieldErrors?.[0]?.path).toBe("name");

    const edited = await recruiter.stages.add({ jobId: other.id, name: "Take-home" });
    expect(names(edited)).toContain("Take-home");
    expect(names(await recruiter.stages.add({ jobId: job.id, name: "Take-home" }))).toContain("Take-home");
    // Renaming a stage to its own name in another case is a rename, not a clash.
    const cased = await recruiter.stages.rename({ id: job.stages[1]!.id, name: "SCREENING" });
    expect(names(cased)[1]).toBe("SCREENING");
  });

  test("reorder must name every stage once; the board follows the new order", async () => {
    const job = await newJob();
    const ids = job.stages.map((s) => s.id);
    const missing = errorShape(await rejection(recruiter.stages.reorder({ jobId: job.id, stageIds: ids.slice(1) })));
    expect(missing.data.reason).toBe("invalid_input");
    expect(missing.data.fieldErrors?.[0]?.path).toBe("stageIds");
    const twice = errorShape(
      await rejection(recruiter.stages.reorder({ jobId: job.id, stageIds: [...ids.slice(1), ids[1]!] })),
    );
    expect(twice.data.fieldErrors?.[0]?.path).toBe("stageIds");
    const foreign = await newJob();
    const stranger = errorShape(
      await rejection(recruiter.stages.reorder({ jobId: job.id, stageIds: [...ids.slice(1), foreign.stages[0]!.id] })),
    );
    expect(stranger.data.fieldErrors?.[0]?.path).toBe("stageIds");

    const swapped = [ids[1]!, ids[0]!, ...ids.slice(2)];
    const reordered = await recruiter.stages.reorder({ jobId: job.id, stageIds: swapped });
    expect(names(reordered)).toEqual(["Screening", "Applied", "Assessment", "Interview", "Offer", "Hired"]);
    const board = await viewer.jobs.board({ jobId: job.id });
    expect(board.columns.map((c) => c.stageId)).toEqual(swapped);
    expect(await eventsAbout(job.id)).toContain("stages.reorder");
  });

  test("remove refuses a stage holding any application, whatever its outcome, and says how many", async () => {
    const job = await newJob();
    const [applied, screening] = job.stages;
    const person = await recruiter.candidates.create({ name: "Di", email: email(), jobId: job.id });
    const app = await recruiter.applications.move({
      id: person.application!.id,
      version: person.application!.version,
      stageId: screening!.id,
    });
    const [reason] = await viewer.rejectionReasons.list();
    await recruiter.applications.reject({ id: app.id, version: app.version, reasonId: reason!.id });
    // Rejected, it no longer counts in the column, but it still sits in the stage.
    expect((await viewer.jobs.get({ id: job.id })).stages[1]!.count).toBe(0);
    const refused = errorShape(await rejection(recruiter.stages.remove({ id: screening!.id })));
    expect(refused.data.reason).toBe("precondition_failed");
    expect(refused.data.details).toMatchObject({ count: 1 });

    const removed = await recruiter.stages.remove({ id: applied!.id });
    expect(names(removed)).toEqual(["Screening", "Assessment", "Interview", "Offer", "Hired"]);
    expect(await eventsAbout(applied!.id)).toEqual(["stages.remove"]);
    // The history keeps the removed stage's name.
    const [first] = await db.orm.em
      .fork()
      .execute<{ to_stage_name: string; to_stage_id: string | null }[]>(
        "select to_stage_name, to_stage_id from application_moves where application_id = ? order by created_at limit 1",
        [app.id],
      );
    expect(first).toEqual({ to_stage_name: "Applied", to_stage_id: null });
  });

  test("a job keeps at least one stage", async () => {
    const job = await newJob();
    for (const stage of job.stages.slice(1)) await recruiter.stages.remove({ id: stage.id });
    const last = errorShape(await rejection(recruiter.stages.remove({ id: job.stages[0]!.id })));
    expect(last.data.reason).toBe("precondition_failed");
  });

  test("unknown ids are not_found; a stage of another job is refused as afterStageId", async () => {
    const job = await newJob();
    const other = await newJob();
    expect(errorShape(await rejection(recruiter.stages.rename({ id: other.id, name: "X" }))).data.reason).toBe(
      "not_found",
    );
    const misplaced = errorShape(
      await rejection(recruiter.stages.add({ jobId: job.id, name: "X", afterStageId: other.stages[0]!.id })),
    );
    expect(misplaced.data.fieldErrors?.[0]?.path).toBe("afterStageId");
  });

  test("viewers and reviewers may read but not edit stages", async () => {
    const job = await newJob();
    const reviewer = (await signedIn(deps, "reviewer")).caller;
    for (const caller of [viewer, reviewer]) {
      for (const call of [
        () => caller.stages.add({ jobId: job.id, name: "Nope" }),
        () => caller.stages.rename({ id: job.stages[0]!.id, name: "Nope" }),
        () => caller.stages.reorder({ jobId: job.id, stageIds: job.stages.map((s) => s.id) }),
        () => caller.stages.remove({ id: job.stages[0]!.id }),
      ])
        expect(errorShape(await rejection(call())).data.reason).toBe("forbidden");
      expect((await caller.jobs.board({ jobId: job.id })).columns).toHaveLength(6);
    }
    expect(names(await viewer.jobs.get({ id: job.id }))).toHaveLength(6);
  });
});

test("calls that ask for what already is succeed and leave an empty event (every mutation records one)", async () => {
  const job = await newJob();
  const person = await recruiter.candidates.create({ name: "Flo", email: email(), jobId: job.id });
  const app = person.application!;
  const same = await recruiter.applications.move({ id: app.id, version: app.version, stageId: app.stageId });
  expect(same.version).toBe(app.version);
  expect(names(await recruiter.stages.rename({ id: job.stages[0]!.id, name: "Applied" }))[0]).toBe("Applied");
  await recruiter.stages.reorder({ jobId: job.id, stageIds: job.stages.map((s) => s.id) });
  expect((await recruiter.jobs.update({ id: job.id, version: job.version, title: job.title })).version).toBe(
    job.version,
  );
  const [reason] = await viewer.rejectionReasons.list();
  await admin.rejectionReasons.update({ id: reason!.id, label: reason!.label });
  expect(await eventsAbout(app.id)).toEqual(["applications.create", "applications.move"]);
  expect(await eventsAbout(job.id)).toEqual(["jobs.create", "stages.reorder", "jobs.update"]);
});

describe("rejection reasons", () => {
  test("admins add, rename, retire and reorder them; a retired reason is no longer offered", async () => {
    const label = `Visa ${unique()}`;
    const created = await admin.rejectionReasons.create({ label: `  ${label} ` });
    expect(created).toMatchObject({ label, active: true });
    const all = await viewer.rejectionReasons.list({ includeRetired: true });
    expect(all.at(-1)!.id).toBe(created.id);

    const duplicate = errorShape(await rejection(admin.rejectionReasons.create({ label: label.toUpperCase() })));
    expect(duplicate.data.reason).toBe("duplicate");
    expect(duplicate.data.fieldErrors?.[0]?.path).toBe("label");

    const renamed = await admin.rejectionReasons.update({ id: created.id, label: `${label} sponsorship` });
    expect(renamed.label).toBe(`${label} sponsorship`);
    const retired = await admin.rejectionReasons.update({ id: created.id, active: false });
    expect(retired.active).toBe(false);
    expect((await viewer.rejectionReasons.list()).map((r) => r.id)).not.toContain(created.id);
    expect((await viewer.rejectionReasons.list({ includeRetired: true })).map((r) => r.id)).toContain(created.id);

    const job = await newJob();
    const person = await recruiter.candidates.create({ name: "Ed", email: email(), jobId: job.id });
    const refused = errorShape(
      await rejection(recruiter.applications.reject({ id: person.application!.id, version: 1, reasonId: created.id })),
    );
    expect(refused.data.fieldErrors?.[0]?.path).toBe("reasonId");

    const before = await viewer.rejectionReasons.list({ includeRetired: true });
    const [first, second] = before;
    const reordered = await admin.rejectionReasons.reorder({ ids: [second!.id, created.id] });
    expect(reordered.map((r) => r.id)).toEqual([
      second!.id,
      created.id,
      ...before.map((r) => r.id).filter((id) => id !== second!.id && id !== created.id),
    ]);
    expect(reordered.map((r) => r.position)).toEqual(reordered.map((_, i) => i + 1));
    expect(reordered.map((r) => r.id)).toContain(first!.id);
    expect(await eventsAbout(created.id)).toEqual(
      expect.arrayContaining(["rejectionReasons.create", "rejectionReasons.update"]),
    );
  });

  test("only admins edit reasons; an unknown id is refused", async () => {
    const [reason] = await viewer.rejectionReasons.list();
    for (const call of [
      () => recruiter.rejectionReasons.create({ label: "Nope" }),
      () => recruiter.rejectionReasons.update({ id: reason!.id, active: false }),
      () => recruiter.rejectionReasons.reorder({ ids: [reason!.id] }),
      () => viewer.rejectionReasons.create({ label: "Nope" }),
    ])
      expect(errorShape(await rejection(call())).data.reason).toBe("forbidden");
    const ghost = "00000000-0000-4000-8000-000000000000";
    expect(errorShape(await rejection(admin.rejectionReasons.update({ id: ghost, active: false }))).data.reason).toBe(
      "not_found",
    );
    expect(
      errorShape(await rejection(admin.rejectionReasons.reorder({ ids: [ghost] }))).data.fieldErrors?.[0]?.path,
    ).toBe("ids");
  });
});
