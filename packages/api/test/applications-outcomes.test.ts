/**
 * An application's outcome workflow (what the candidate's status workflow was): every action from every outcome is
 * either applied or refused with the rule's reason, leaving the application as it was; a closed job refuses them all;
 * moves stamp the time the stage was entered; the job's counters agree with a full count throughout.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, expect, test } from "vitest";
import type { ApplicationDTO, JobDetailDTO } from "@shortlist/api";
import type { ApplicationOutcome } from "@shortlist/db/constants";
import { errorShape, rejection, signedIn, useTestApi, type Caller } from "./helpers";

const { db, deps } = useTestApi();
let recruiter: Caller;
let reasonId: string;
beforeAll(async () => {
  recruiter = (await signedIn(deps, "recruiter")).caller;
  reasonId = (await recruiter.rejectionReasons.list())[0]!.id;
});

const hex = () => randomBytes(4).toString("hex");
const OUTCOMES = ["active", "hired", "rejected", "withdrawn"] as const satisfies readonly ApplicationOutcome[];
const ACTIONS = ["move", "reject", "withdraw", "reopen"] as const;
type Action = (typeof ACTIONS)[number];

const stage = (job: JobDetailDTO, name: string) => job.stages.find((s) => s.name === name)!;

/** A new person's application to the job, brought to the outcome (hired: in the Hired stage; the others in Applied). */
async function applicationIn(job: JobDetailDTO, outcome: ApplicationOutcome): Promise<ApplicationDTO> {
  const person = await recruiter.candidates.create({
    name: `In ${outcome}`,
    email: `${hex()}@example.com`,
    jobId: job.id,
  });
  const app = person.application!;
  const { id, version } = app;
  switch (outcome) {
    case "active":
      return app;
    case "hired":
      return recruiter.applications.move({ id, version, stageId: stage(job, "Hired").id });
    case "rejected":
      return recruiter.applications.reject({ id, version, reasonId });
    case "withdrawn":
      return recruiter.applications.withdraw({ id, version });
  }
}

function act(job: JobDetailDTO, app: ApplicationDTO, action: Action) {
  const { id, version } = app;
  switch (action) {
    case "move":
      return recruiter.applications.move({ id, version, stageId: stage(job, "Screening").id });
    case "reject":
      return recruiter.applications.reject({ id, version, reasonId });
    case "withdraw":
      return recruiter.applications.withdraw({ id, version });
    case "reopen":
      return recruiter.applications.reopen({ id, version });
  }
}

/** What each action does from each outcome: the [stage, outcome] it leads to, or the reason it is refused. */
const RULES: Record<ApplicationOutcome, Record<Action, [string, ApplicationOutcome] | string>> = {
  active: {
    move: ["Screening", "active"],
    reject: ["Applied", "rejected"],
    withdraw: ["Applied", "withdrawn"],
    reopen: "Only a rejected or withdrawn application can be reopened",
  },
  hired: {
    // Out of the Hired stage the application is active again.
    move: ["Screening", "active"],
    reject: ["Hired", "rejected"],
    withdraw: ["Hired", "withdrawn"],
    reopen: "Only a rejected or withdrawn application can be reopened",
  },
  rejected: {
    move: "The application was rejected; reopen it first",
    reject: "The application was already rejected",
    withdraw: "The application was already rejected",
    reopen: ["Applied", "active"],
  },
  withdrawn: {
    move: "The application was withdrawn; reopen it first",
    reject: "The application was already withdrawn",
    withdraw: "The application was already withdrawn",
    reopen: ["Applied", "active"],
  },
};

/** The job's counters next to a full count of its applications. */
async function countersAndCount(jobId: string) {
  const job = await recruiter.jobs.get({ id: jobId });
  const rows = await db.orm.em
    .fork()
    .execute<{ outcome: ApplicationOutcome; stage_id: string; n: number }[]>(
      "select outcome, stage_id, count(*)::int as n from applications where job_id = ? group by outcome, stage_id",
      [jobId],
    );
  const counted = Object.fromEntries(
    OUTCOMES.map((o) => [o, rows.filter((r) => r.outcome === o).reduce((sum, r) => sum + r.n, 0)]),
  );
  const perStage = job.stages.map((s) =>
    rows
      .filter((r) => r.stage_id === s.id && (r.outcome === "active" || r.outcome === "hired"))
      .reduce((n, r) => n + r.n, 0),
  );
  return {
    counters: { ...job.counts, stages: job.stages.map((s) => s.count) },
    counted: { ...counted, stages: perStage },
  };
}

test("every action from every outcome is applied, or refused as CONFLICT with the reason, leaving the application as it was", async () => {
  const job = await recruiter.jobs.create({ title: "Engineer", company: `Outcomes ${hex()}` });
  const refusals: string[] = [];
  for (const from of OUTCOMES) {
    for (const action of ACTIONS) {
      const app = await applicationIn(job, from);
      const rule = RULES[from][action];
      if (Array.isArray(rule)) {
        const [stageName, outcome] = rule;
        const done = await act(job, app, action);
        expect({ from, action, stageName: done.stageName, outcome: done.outcome }).toEqual({
          from,
          action,
          stageName,
          outcome,
        });
        expect(done.version).toBe(app.version + 1);
        continue;
      }
      const error = await rejection(act(job, app, action));
      refusals.push(`${from}:${action}`);
      expect({ from, action, message: error.message }).toEqual({ from, action, message: rule });
      expect(errorShape(error).data).toMatchObject({
        code: "CONFLICT",
        reason: "precondition_failed",
        details: { outcome: from, jobStatus: "open", action },
      });
      expect(await recruiter.applications.get({ id: app.id })).toEqual(app);
    }
  }
  expect(refusals).toHaveLength(
    Object.values(RULES)
      .flatMap((r) => Object.values(r))
      .filter((r) => !Array.isArray(r)).length,
  );
  const { counters, counted } = await countersAndCount(job.id);
  expect(counters).toEqual(counted);
});

test("a closed job refuses every action on its applications, whatever their outcome", async () => {
  const open = await recruiter.jobs.create({ title: "Analyst", company: `Closing ${hex()}` });
  const apps = [];
  for (const outcome of OUTCOMES) apps.push(await applicationIn(open, outcome));
  const closed = await recruiter.jobs.update({ id: open.id, version: open.version, status: "closed" });
  expect(closed.status).toBe("closed");
  for (const app of apps) {
    const current = await recruiter.applications.get({ id: app.id });
    expect(current.jobStatus).toBe("closed");
    for (const action of ACTIONS) {
      const error = await rejection(act(open, current, action));
      expect({ outcome: current.outcome, action, message: error.message }).toEqual({
        outcome: current.outcome,
        action,
        message: "The job is closed; reopen the job first",
      });
      expect(await recruiter.applications.get({ id: app.id })).toEqual(current);
    }
  }
  const { counters, counted } = await countersAndCount(open.id);
  expect(counters).toEqual(counted);
});

test("a move stamps when the stage was entered; rejecting and reopening keep it; every change is last activity", async () => {
  const job = await recruiter.jobs.create({ title: "Writer", company: `Stamps ${hex()}` });
  const created = await applicationIn(job, "active");
  const moved = await act(job, created, "move");
  expect(moved.stageEnteredAt.getTime()).toBeGreaterThan(created.stageEnteredAt.getTime());
  expect(moved.lastActivityAt.getTime()).toBeGreaterThan(created.lastActivityAt.getTime());
  const rejected = await act(job, moved, "reject");
  expect(rejected.stageEnteredAt).toEqual(moved.stageEnteredAt);
  expect(rejected.lastActivityAt.getTime()).toBeGreaterThan(moved.lastActivityAt.getTime());
  const reopened = await act(job, rejected, "reopen");
  expect(reopened).toMatchObject({ stageName: "Screening", outcome: "active", rejectionReason: null });
  expect(reopened.stageEnteredAt).toEqual(moved.stageEnteredAt);
  expect(reopened.lastActivityAt.getTime()).toBeGreaterThan(rejected.lastActivityAt.getTime());
});
