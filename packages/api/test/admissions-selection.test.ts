/**
 * Selection: top N by rank within capacity, include overrides first and excludes skipped (each with a reason, which
 * is required), more includes than capacity refused, a log of every run (inputs, rule, result), a re-run in
 * SELECTION after an override changes, statuses SELECTED / NOT_SELECTED (the unscored too), and the cutoff.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { SAMPLE_APPLICANTS } from "./admissions-support";
import {
  cycleInProcessing,
  importRows,
  scoredCycle,
  scores,
  workerRow,
  type CycleInProcessing,
} from "./admissions-flow-support";
import { errorShape, rejection, useTestApi, type Caller } from "./helpers";

const api = useTestApi();
let admin: Caller;
let adminId: string;
let recruiter: Caller;
let flow: CycleInProcessing;
/** Application ids in rank order (applicant i scores 10 - i, so rank i + 1). */
let ranked: string[];

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

const statuses = async () =>
  Object.fromEntries(
    (
      await sql<{ id: string; status: string }>("select id, status from admission_applications where cycle_id = ?", [
        flow.cycle.id,
      ])
    ).map((r) => [r.id, r.status]),
  );

beforeAll(async () => {
  const signed = await api.signedIn("admin");
  admin = signed.caller;
  adminId = signed.user.id;
  recruiter = (await api.signedIn("recruiter")).caller;
  flow = await scoredCycle(api, admin, { cycle: { capacity: 3 }, applicants: SAMPLE_APPLICANTS.slice(0, 8) });
  ranked = flow.applicants.map((a) => a.receipt.applicationId);
});

describe("overrides", () => {
  test("need a reason, an admin, and a scored application", async () => {
    const blank = await rejection(
      admin.admissions.selection.override({ applicationId: ranked[0]!, decision: "exclude", reason: "  " }),
    );
    expect(blank.code).toBe("BAD_REQUEST");
    expect(errorShape(blank).data.fieldErrors).toEqual([{ path: "reason", message: expect.any(String) }]);
    const asRecruiter = await rejection(
      recruiter.admissions.selection.override({ applicationId: ranked[0]!, decision: "exclude", reason: "Conflict" }),
    );
    expect(asRecruiter.code).toBe("FORBIDDEN");
    const missing = await rejection(
      admin.admissions.selection.override({
        applicationId: "00000000-0000-4000-8000-000000000000",
        decision: "include",
        reason: "Why not",
      }),
    );
    expect(missing.code).toBe("NOT_FOUND");
  });

  test("are saved with their reason, replace each other, and are audited", async () => {
    const row = await admin.admissions.selection.override({
      applicationId: ranked[0]!,
      decision: "include",
      reason: "First thought",
    });
    expect(row).toMatchObject({
      applicationId: ranked[0],
      rank: 1,
      override: { decision: "include", reason: "First thought" },
    });
    const replaced = await admin.admissions.selection.override({
      applicationId: ranked[0]!,
      decision: "exclude",
      reason: "Declared a conflict of interest with a panel member",
    });
    expect(replaced.override).toEqual({
      decision: "exclude",
      reason: "Declared a conflict of interest with a panel member",
    });
    const include = await admin.admissions.selection.override({
      applicationId: ranked[6]!,
      decision: "include",
      reason: "The only applicant from a partner region",
    });
    expect(include).toMatchObject({ rank: 7, override: { decision: "include" } });
    const events = await sql<{ action: string; actor_id: string; change: { after: unknown } }>(
      "select action, actor_id, change from audit_events where entity_kind = 'admission_application' and entity_id = ? and action like 'admissions.selection.%' order by seq",
      [ranked[0]],
    );
    expect(events.map((e) => e.action)).toEqual(["admissions.selection.override", "admissions.selection.override"]);
    expect(events.every((e) => e.actor_id === adminId)).toBe(true);
    expect(events[1]!.change.after).toEqual({
      override: { decision: "exclude", reason: "Declared a conflict of interest with a panel member" },
    });
  });
});

describe("admissions.select", () => {
  test("includes first, then by rank skipping excludes, until capacity; logs the run", async () => {
    const cycle = await admin.admissions.select({ cycleId: flow.cycle.id });
    expect(cycle.phase).toBe("SELECTION");
    expect(cycle.counts).toMatchObject({ SELECTED: 3, NOT_SELECTED: 5 });
    const now = await statuses();
    expect([ranked[6], ranked[1], ranked[2]].map((id) => now[id!])).toEqual(["SELECTED", "SELECTED", "SELECTED"]);
    expect(now[ranked[0]!]).toBe("NOT_SELECTED");

    const selected = await admin.admissions.selection.selected({ cycleId: flow.cycle.id });
    expect(selected.map((s) => [s.applicationId, s.rank, s.candidateId])).toEqual([
      [ranked[1], 2, null],
      [ranked[2], 3, null],
      [ranked[6], 7, null],
    ]);
    expect(selected[2]!.override).toEqual({ decision: "include", reason: "The only applicant from a partner region" });

    const [log] = await admin.admissions.selection.logs({ cycleId: flow.cycle.id });
    expect(log!.runByName).toBe("Test admin");
    expect(log!.rule).toContain("include override are selected first");
    expect(log!.inputs).toEqual({
      capacity: 3,
      scored: 8,
      applications: 8,
      overrides: [
        {
          applicationId: ranked[0],
          number: 1,
          decision: "exclude",
          reason: "Declared a conflict of interest with a panel member",
        },
        {
          applicationId: ranked[6],
          number: 7,
          decision: "include",
          reason: "The only applicant from a partner region",
        },
      ],
    });
    // Applicant i scores 10 - i: the include (#7) scores 4, then #2 and #3 (9 and 8).
    expect(log!.result).toEqual({ run: 1, selected: [7, 2, 3], selectedCount: 3, cutoffScore: 4 });
    const dist = await admin.admissions.scores.distribution({ cycleId: flow.cycle.id });
    expect(dist.cutoff).toBe(4);
  });

  test("more includes than capacity are refused, at the override and at select", async () => {
    await admin.admissions.selection.override({ applicationId: ranked[4]!, decision: "include", reason: "Panel pick" });
    await admin.admissions.selection.override({ applicationId: ranked[5]!, decision: "include", reason: "Panel pick" });
    const fourth = await rejection(
      admin.admissions.selection.override({ applicationId: ranked[7]!, decision: "include", reason: "One more" }),
    );
    expect(fourth.code).toBe("CONFLICT");
    expect(errorShape(fourth).data).toMatchObject({
      reason: "precondition_failed",
      details: { includes: 4, capacity: 3 },
    });
    // Capacity lowered below the includes: select refuses.
    const current = await admin.admissions.cycles.get({ cycleId: flow.cycle.id });
    await admin.admissions.cycles.update({ id: current.id, version: current.version, capacity: 2 });
    const refused = await rejection(admin.admissions.select({ cycleId: flow.cycle.id }));
    expect(errorShape(refused).data).toMatchObject({
      reason: "precondition_failed",
      details: { includes: 3, capacity: 2 },
    });
    const back = await admin.admissions.cycles.get({ cycleId: flow.cycle.id });
    await admin.admissions.cycles.update({ id: back.id, version: back.version, capacity: 3 });
  });

  test("runs again in SELECTION after overrides change, with a new log", async () => {
    await admin.admissions.selection.removeOverride({ applicationId: ranked[5]! });
    await admin.admissions.selection.removeOverride({ applicationId: ranked[6]! });
    const removed = await admin.admissions.selection.removeOverride({ applicationId: ranked[0]! });
    expect(removed.override).toBeNull();
    await admin.admissions.select({ cycleId: flow.cycle.id });
    const selected = await admin.admissions.selection.selected({ cycleId: flow.cycle.id });
    // The include (#5) first, then ranks 1 and 2.
    expect(selected.map((s) => s.applicationId)).toEqual([ranked[0], ranked[1], ranked[4]]);
    const logs = await admin.admissions.selection.logs({ cycleId: flow.cycle.id });
    expect(logs.map((l) => l.result.run)).toEqual([2, 1]);
    expect(logs[0]!.result).toMatchObject({ selected: [5, 1, 2], cutoffScore: 6 });
    expect((await statuses())[ranked[6]!]).toBe("NOT_SELECTED");
    const runs = await sql(
      "select entity_kind from audit_events where action = 'admissions.select' and (entity_id = ? or change -> 'after' ->> 'cycleId' = ?)",
      [flow.cycle.id, flow.cycle.id],
    );
    // Two runs' logs and the one phase move.
    expect(runs.map((r) => r.entity_kind).sort()).toEqual([
      "admission_cycle",
      "admission_selection_log",
      "admission_selection_log",
    ]);
  });

  test("is refused before SCORED; the unscored become NOT_SELECTED and are never selected", async () => {
    const other = await cycleInProcessing(api, admin, {
      cycle: { capacity: 5 },
      applicants: SAMPLE_APPLICANTS.slice(0, 3),
    });
    const early = await rejection(admin.admissions.select({ cycleId: other.cycle.id }));
    expect(errorShape(early).data).toMatchObject({ reason: "precondition_failed", details: { phase: "PROCESSING" } });
    expect((await rejection(recruiter.admissions.select({ cycleId: other.cycle.id }))).code).toBe("FORBIDDEN");
    const [first, second, third] = other.applicants;
    await importRows(admin, other.cycle.id, [
      workerRow(other.lineOf(first!), "w1", scores(5, 5, 5)),
      workerRow(other.lineOf(second!), "w1", scores(7, 7, 7)),
    ]);
    await admin.admissions.score({ cycleId: other.cycle.id });
    const unscored = await rejection(
      admin.admissions.selection.override({
        applicationId: third!.receipt.applicationId,
        decision: "include",
        reason: "Unread",
      }),
    );
    expect(errorShape(unscored).data).toMatchObject({ reason: "precondition_failed", details: { scored: false } });
    const cycle = await admin.admissions.select({ cycleId: other.cycle.id });
    expect(cycle.counts).toMatchObject({ SELECTED: 2, NOT_SELECTED: 1 });
    const [log] = await admin.admissions.selection.logs({ cycleId: other.cycle.id });
    expect(log!.inputs).toMatchObject({ capacity: 5, scored: 2, applications: 3, overrides: [] });
    expect(log!.result).toEqual({ run: 1, selected: [2, 1], selectedCount: 2, cutoffScore: 5 });
  });
});
