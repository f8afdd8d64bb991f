/**
 * After selection: reveal (admins, SELECTION or later, selected applicants only; each reveal an audit event naming
 * who looked at whom, without the values), publish (the applicant's outcome by receipt), promote into a job's first
 * stage (idempotent; a person already known by email is filed as they are), complete (every admissions mutation that
 * changes data refused; reveal still answers), and the audit chain verifying at the end with every step listed.
 */
import type { AnyProcedure } from "@trpc/server";
import { beforeAll, describe, expect, test } from "vitest";
import { chainPending, verifyChain } from "@shortlist/db";
import { appRouter } from "@shortlist/api";
import { applicantCaller, SAMPLE_APPLICANTS, type SubmittedApplicant } from "./admissions-support";
import { scoredCycle, scores, type CycleInProcessing } from "./admissions-flow-support";
import { callPath, errorShape, rejection, useTestApi, type Caller } from "./helpers";

const api = useTestApi();
let admin: Caller;
let adminId: string;
let recruiter: Caller;
let flow: CycleInProcessing;
/** Application ids in rank order (applicant i scores 10 - i). */
let ranked: string[];

const statusInput = ({ receipt }: SubmittedApplicant) => ({
  applicationId: receipt.applicationId,
  receipt: receipt.receipt,
});

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

beforeAll(async () => {
  const signed = await api.signedIn("admin");
  admin = signed.caller;
  adminId = signed.user.id;
  recruiter = (await api.signedIn("recruiter")).caller;
  flow = await scoredCycle(api, admin, { cycle: { capacity: 2 }, applicants: SAMPLE_APPLICANTS.slice(0, 4) });
  ranked = flow.applicants.map((a) => a.receipt.applicationId);
});

describe("reveal", () => {
  test("is refused before SELECTION", async () => {
    const error = await rejection(admin.admissions.reveal({ applicationId: ranked[0]! }));
    expect(error.code).toBe("CONFLICT");
    expect(errorShape(error).data).toMatchObject({ reason: "precondition_failed", details: { phase: "SCORED" } });
    // Phases in words for people, by their codes in the details for programs.
    expect(error.message).toBe(
      "Cannot reveal an identity: the cycle is in the scored phase, and this needs the selection, published or completed phase",
    );
  });

  test("opens a selected applicant's identity for an admin, audited without the values", async () => {
    await admin.admissions.select({ cycleId: flow.cycle.id });
    const first = flow.applicants[0]!;
    const revealed = await admin.admissions.reveal({ applicationId: ranked[0]! });
    expect(revealed).toEqual({
      applicationId: ranked[0],
      number: 1,
      name: first.name,
      email: first.email,
      phone: first.phone,
      identifyingAnswers: [
        { key: "student_id", label: "Your student or national ID number", text: first.answers.student_id },
      ],
    });
    const events = await sql<{ actor_id: string; entity_kind: string; change: unknown }>(
      "select actor_id, entity_kind, change from audit_events where action = 'admissions.reveal' and entity_id = ?",
      [ranked[0]],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: adminId, entity_kind: "admission_application" });
    const text = JSON.stringify(events[0]!.change);
    for (const value of [first.name, first.email, first.phone, first.answers.student_id!])
      expect(text).not.toContain(value);
  });

  test("is refused for an applicant not selected, and for anyone but an admin", async () => {
    const notSelected = await rejection(admin.admissions.reveal({ applicationId: ranked[3]! }));
    expect(errorShape(notSelected).data).toMatchObject({
      reason: "precondition_failed",
      details: { status: "NOT_SELECTED" },
    });
    expect((await rejection(recruiter.admissions.reveal({ applicationId: ranked[0]! }))).code).toBe("FORBIDDEN");
    const reviewer = (await api.signedIn("reviewer")).caller;
    expect((await rejection(reviewer.admissions.reveal({ applicationId: ranked[0]! }))).code).toBe("FORBIDDEN");
  });
});

describe("publish and promote", () => {
  test("applicants read their outcome with their receipt once published", async () => {
    const public_ = applicantCaller(api);
    const [selected, , , notSelected] = flow.applicants;
    const before = await public_.applicants.status(statusInput(selected!));
    expect(before.outcome).toBeNull();
    await admin.admissions.publish({ cycleId: flow.cycle.id });
    expect(await public_.applicants.status(statusInput(selected!))).toMatchObject({
      stage: "decided",
      outcome: "selected",
    });
    expect(await public_.applicants.status(statusInput(notSelected!))).toMatchObject({ outcome: "not_selected" });
  });

  test("promotes the selected into the job's first stage, once", async () => {
    const job = await admin.jobs.create({ title: "Fellow", company: "Fellowship" });
    const firstStage = job.stages[0]!;
    // The second selected applicant is already a candidate: filed as they are.
    const known = await admin.candidates.create({ name: "L. Becker", email: flow.applicants[1]!.email });

    const result = await admin.admissions.promote({ cycleId: flow.cycle.id, jobId: job.id });
    expect(result.alreadyPromoted).toBe(0);
    expect(result.promoted.map((p) => p.applicationId)).toEqual([ranked[0], ranked[1]]);
    const [amara, lukas] = result.promoted;
    expect(lukas!.candidateId).toBe(known.id);

    const candidate = await admin.candidates.get({ id: amara!.candidateId });
    expect(candidate).toMatchObject({ name: flow.applicants[0]!.name, email: flow.applicants[0]!.email });
    expect(candidate.recruiterNotes).toContain(`application #1 (${ranked[0]})`);
    expect(candidate.recruiterNotes).toContain(flow.applicants[0]!.phone);
    for (const promoted of result.promoted) {
      const application = await admin.applications.get({ id: promoted.jobApplicationId });
      expect(application).toMatchObject({ jobId: job.id, stageId: firstStage.id, candidateId: promoted.candidateId });
    }
    const links = await sql<{ id: string; promoted_candidate_id: string; promoted_application_id: string }>(
      "select id, promoted_candidate_id, promoted_application_id from admission_applications where promoted_candidate_id is not null order by id",
    );
    expect(links).toHaveLength(2);
    const selected = await admin.admissions.selection.selected({ cycleId: flow.cycle.id });
    expect(selected.map((s) => s.candidateId)).toEqual([amara!.candidateId, lukas!.candidateId]);

    const again = await admin.admissions.promote({ cycleId: flow.cycle.id, jobId: job.id });
    expect(again).toEqual({ promoted: [], alreadyPromoted: 2 });
    const filed = await sql("select 1 from applications where job_id = ?", [job.id]);
    expect(filed).toHaveLength(2);
  });
});

/** An input for every admissions mutation, aimed at the completed cycle; a new mutation needs a line here. */
function inputFor(path: string, cycleVersion: number): unknown {
  const cycleId = flow.cycle.id;
  const applicationId = ranked[0]!;
  const inputs: Record<string, unknown> = {
    "admissions.cycles.update": { id: cycleId, version: cycleVersion, name: "Renamed" },
    "admissions.review.score": { applicationId, scores: scores(5, 5, 5) },
    "admissions.importResults": { cycleId, rows: [{ line: 1, kind: "worker" }] },
    "admissions.selection.override": { applicationId, decision: "exclude", reason: "Too late" },
    "admissions.selection.removeOverride": { applicationId },
    "admissions.promote": { cycleId, jobId: "00000000-0000-4000-8000-000000000000" },
  };
  return inputs[path] ?? { cycleId };
}

describe("complete", () => {
  test("refuses every admissions mutation that changes data on the completed cycle", async () => {
    const done = await admin.admissions.complete({ cycleId: flow.cycle.id });
    expect(done.phase).toBe("COMPLETED");
    const flat = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
    const mutations = Object.entries(flat)
      .filter(([path, p]) => path.startsWith("admissions.") && p._def.type === "mutation")
      .map(([path]) => path)
      // Creating makes another cycle; reveal changes nothing in this one (its test follows).
      .filter((path) => path !== "admissions.cycles.create" && path !== "admissions.reveal");
    expect(mutations.length).toBeGreaterThan(15);
    const outcomes: Record<string, string> = {};
    for (const path of mutations) {
      const error = await rejection(callPath(admin, path, inputFor(path, done.version)));
      outcomes[path] = `${error.code}:${errorShape(error).data.reason}`;
    }
    expect(outcomes).toEqual(Object.fromEntries(mutations.map((path) => [path, "CONFLICT:precondition_failed"])));
    const submit = await rejection(
      applicantCaller(api).applicants.submit({ slug: flow.cycle.slug, ...SAMPLE_APPLICANTS[6]! }),
    );
    expect(errorShape(submit).data.reason).toBe("precondition_failed");
  });

  test("still reveals a selected applicant's identity to an admin, audited; refuses the rest as before", async () => {
    expect((await admin.admissions.cycles.get({ cycleId: flow.cycle.id })).phase).toBe("COMPLETED");
    const second = flow.applicants[1]!;
    const revealed = await admin.admissions.reveal({ applicationId: ranked[1]! });
    expect(revealed).toMatchObject({ applicationId: ranked[1], name: second.name, email: second.email });
    const events = await sql<{ actor_id: string }>(
      "select actor_id from audit_events where action = 'admissions.reveal' and entity_id = ?",
      [ranked[1]],
    );
    expect(events).toEqual([{ actor_id: adminId }]);

    const notSelected = await rejection(admin.admissions.reveal({ applicationId: ranked[3]! }));
    expect(errorShape(notSelected).data).toMatchObject({
      reason: "precondition_failed",
      details: { status: "NOT_SELECTED" },
    });
    expect((await rejection(recruiter.admissions.reveal({ applicationId: ranked[1]! }))).code).toBe("FORBIDDEN");
  });

  test("the audit chain verifies and lists every step of the cycle", async () => {
    const em = api.db.orm.em.fork();
    await chainPending(em);
    expect((await verifyChain(em)).ok).toBe(true);
    const moves = await sql<{ action: string }>(
      "select action from audit_events where entity_kind = 'admission_cycle' and entity_id = ? order by seq",
      [flow.cycle.id],
    );
    expect(moves.map((m) => m.action)).toEqual(
      expect.arrayContaining([
        "admissions.cycles.create",
        "admissions.open",
        "admissions.freeze",
        "admissions.preprocess",
        "admissions.startBatchPrep",
        "admissions.startProcessing",
        "admissions.score",
        "admissions.select",
        "admissions.publish",
        "admissions.complete",
      ]),
    );
  });
});
