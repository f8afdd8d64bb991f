/** Applications: filed under a job, moved through its stages, rejected with a reason, reopened; the counters follow. */
import { randomBytes } from "node:crypto";
import { beforeAll, expect, test } from "vitest";
import { errorShape, rejection, signedIn, useTestApi, type Caller } from "./helpers";

const { deps } = useTestApi();
let recruiter: Caller;
let viewer: Caller;
beforeAll(async () => {
  recruiter = (await signedIn(deps, "recruiter")).caller;
  viewer = (await signedIn(deps, "viewer")).caller;
});

const unique = () => randomBytes(4).toString("hex");
const email = () => `p-${unique()}@example.com`;

test("candidates.create with role and company files the person under that job, found case-insensitively", async () => {
  const company = `Acme ${unique()}`;
  const ann = await recruiter.candidates.create({ name: "Ann", email: email(), role: "Engineer", company });
  const bob = await recruiter.candidates.create({
    name: "Bob",
    email: email(),
    role: "ENGINEER",
    company: company.toLowerCase(),
  });
  expect(ann.application?.jobId).toBeDefined();
  expect(bob.application?.jobId).toBe(ann.application?.jobId);
  expect(ann.application).toMatchObject({ stageName: "Applied", outcome: "active", jobTitle: "Engineer" });
  const job = await viewer.jobs.get({ id: ann.application!.jobId });
  expect(job.stages.map((s) => [s.name, s.count])).toEqual([
    ["Applied", 2],
    ["Screening", 0],
    ["Assessment", 0],
    ["Interview", 0],
    ["Offer", 0],
    ["Hired", 0],
  ]);
  expect(job.counts).toEqual({ active: 2, hired: 0, rejected: 0, withdrawn: 0 });
});

test("move, reject with a reason, reopen and hire keep the counts and refuse stale or closed moves", async () => {
  const job = await recruiter.jobs.create({ title: "Designer", company: `Initech ${unique()}` });
  const [applied, screening, , , , hired] = job.stages;
  const person = await recruiter.candidates.create({ name: "Cy", email: email(), jobId: job.id });
  let app = person.application!;

  app = await recruiter.applications.move({ id: app.id, version: app.version, stageId: screening!.id });
  expect(app.stageName).toBe("Screening");
  const stale = await rejection(recruiter.applications.move({ id: app.id, version: 1, stageId: applied!.id }));
  expect(errorShape(stale).data.reason).toBe("stale_version");

  const [reason] = await viewer.rejectionReasons.list();
  app = await recruiter.applications.reject({
    id: app.id,
    version: app.version,
    reasonId: reason!.id,
    note: "Not now",
  });
  expect(app).toMatchObject({
    outcome: "rejected",
    rejectionReason: { label: reason!.label },
    rejectionNote: "Not now",
  });
  const closed = await rejection(
    recruiter.applications.move({ id: app.id, version: app.version, stageId: applied!.id }),
  );
  expect(errorShape(closed).data.reason).toBe("precondition_failed");
  expect((await viewer.jobs.get({ id: job.id })).counts).toEqual({ active: 0, hired: 0, rejected: 1, withdrawn: 0 });

  app = await recruiter.applications.reopen({ id: app.id, version: app.version });
  expect(app).toMatchObject({ outcome: "active", stageName: "Screening", rejectionReason: null });
  app = await recruiter.applications.move({ id: app.id, version: app.version, stageId: hired!.id });
  expect(app.outcome).toBe("hired");
  const after = await viewer.jobs.get({ id: job.id });
  expect(after.counts).toEqual({ active: 0, hired: 1, rejected: 0, withdrawn: 0 });
  expect(after.stages.map((s) => s.count)).toEqual([0, 0, 0, 0, 0, 1]);
});
