/**
 * Admission cycles through the router: create (a bad input names its field, a taken slug is a duplicate), read,
 * list by pages, edit (stale versions, questions only in DRAFT, nothing once COMPLETED), the phase moves (each
 * refused from the wrong phase, two at once: one wins, the other gets CONFLICT), who may do what, and the audit
 * events every change leaves.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { errorShape, rejection, useTestApi, type Caller } from "./helpers";
import { createCycle, cycleWithApplicants, SAMPLE_CRITERIA, SAMPLE_QUESTIONS, uniqueSlug } from "./admissions-support";

const api = useTestApi();
let admin: Caller;
let otherAdmin: Caller;
let recruiter: Caller;
let reviewer: Caller;

beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
  otherAdmin = (await api.signedIn("admin")).caller;
  recruiter = (await api.signedIn("recruiter")).caller;
  reviewer = (await api.signedIn("reviewer")).caller;
});

/** The error's data as a client reads it. */
const refusal = async (call: Promise<unknown>) => errorShape(await rejection(call)).data;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

/** Moves a cycle on by setting its phase directly: for reaching the later phases without their long work. */
const setPhase = (cycleId: string, phase: string) =>
  sql("update admission_cycles set phase = ?, version = version + 1 where id = ?", [phase, cycleId]);

describe("creating a cycle", () => {
  test("answers the board of a new DRAFT cycle", async () => {
    const slug = uniqueSlug();
    const cycle = await createCycle(admin, { slug, capacity: 3 });
    expect(cycle).toMatchObject({
      slug,
      name: "Fellows 2027",
      phase: "DRAFT",
      capacity: 3,
      version: 1,
      applications: 0,
      batches: 0,
      selectionRuns: 0,
      work: null,
      opensAt: null,
      closesAt: null,
    });
    expect(cycle.counts).toEqual({
      SUBMITTED: 0,
      ANONYMIZED: 0,
      BATCHED: 0,
      SCORED: 0,
      SELECTED: 0,
      NOT_SELECTED: 0,
    });
    expect(cycle.questions.map((q) => [q.key, q.required, q.identifying, q.maxLength])).toEqual([
      ["motivation", true, false, 4000],
      ["project", true, false, 4000],
      ["student_id", false, true, 40],
    ]);
    expect(cycle.criteria.map((c) => [c.key, c.weight])).toEqual(SAMPLE_CRITERIA.map((c) => [c.key, c.weight]));
    expect(await admin.admissions.cycles.get({ cycleId: cycle.id })).toEqual(cycle);
  });

  test("a bad input names its field", async () => {
    const base = {
      slug: uniqueSlug(),
      name: "Bad",
      questions: SAMPLE_QUESTIONS.map((q) => ({ ...q })),
      criteria: SAMPLE_CRITERIA.map((c) => ({ ...c })),
      capacity: 1,
    };
    const paths = async (input: Record<string, unknown>) =>
      ((await refusal(admin.admissions.cycles.create({ ...base, ...input } as typeof base)))?.fieldErrors ?? []).map(
        (f) => f.path,
      );
    expect(await paths({ slug: "Not A Slug" })).toEqual(["slug"]);
    expect(await paths({ capacity: 0 })).toEqual(["capacity"]);
    // A question's limit above its kind's is refused on that limit, never lowered to fit.
    expect(await paths({ questions: [{ ...SAMPLE_QUESTIONS[2], maxLength: 600 }] })).toEqual(["questions.0.maxLength"]);
    expect(await paths({ questions: [{ ...SAMPLE_QUESTIONS[0], maxLength: 20_000 }] })).toEqual([
      "questions.0.maxLength",
    ]);
    expect(await paths({ questions: [] })).toEqual(["questions"]);
    expect(await paths({ questions: [{ ...SAMPLE_QUESTIONS[0] }, { ...SAMPLE_QUESTIONS[0] }] })).toEqual([
      "questions.1.key",
    ]);
    expect(await paths({ opensAt: new Date("2027-02-01"), closesAt: new Date("2027-01-01") })).toEqual(["closesAt"]);
  });

  test("a slug already taken is a duplicate naming the slug; nothing is written", async () => {
    const first = await createCycle(admin);
    const before = await sql<{ n: string }>("select count(*) as n from admission_cycles");
    const data = await refusal(createCycle(admin, { slug: first.slug }));
    expect(data).toMatchObject({ code: "CONFLICT", reason: "duplicate", details: { fields: ["slug"] } });
    expect(await sql("select count(*) as n from admission_cycles")).toEqual(before);
  });

  test("only admins create, edit and move cycles; every member reads them", async () => {
    const cycle = await createCycle(admin);
    for (const caller of [recruiter, reviewer]) {
      expect((await rejection(createCycle(caller))).code).toBe("FORBIDDEN");
      expect(
        (await rejection(caller.admissions.cycles.update({ id: cycle.id, version: cycle.version, name: "Mine" }))).code,
      ).toBe("FORBIDDEN");
      expect((await rejection(caller.admissions.open({ cycleId: cycle.id }))).code).toBe("FORBIDDEN");
      expect(await caller.admissions.cycles.get({ cycleId: cycle.id })).toMatchObject({ id: cycle.id, phase: "DRAFT" });
    }
    expect((await rejection(api.caller().admissions.cycles.get({ cycleId: cycle.id }))).code).toBe("UNAUTHORIZED");
    expect((await refusal(admin.admissions.cycles.get({ cycleId: crypto.randomUUID() })))?.reason).toBe("not_found");
  });
});

describe("the list", () => {
  test("pages newest first, each cycle once, with its number of applications", async () => {
    const { cycle: withApplicants } = await cycleWithApplicants(api, admin, {
      applicants: [
        { name: "Ada Page", email: "ada.page@example.org", phone: "", answers: { motivation: "a", project: "b" } },
      ],
    });
    for (let i = 0; i < 3; i++) await createCycle(admin);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof admin.admissions.cycles.list>> = await admin.admissions.cycles.list({
        limit: 2,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = await sql<{ id: string }>("select id from admission_cycles order by created_at desc, id desc");
    expect(seen).toEqual(all.map((r) => r.id));
    const { items } = await reviewer.admissions.cycles.list({ limit: 100 });
    expect(items.find((c) => c.id === withApplicants.id)).toMatchObject({ applications: 1, phase: "SUBMISSION" });
    expect((await refusal(admin.admissions.cycles.list({ cursor: "nonsense" })))?.fieldErrors).toEqual([
      { path: "cursor", message: expect.any(String) },
    ]);
  });
});

describe("editing a cycle", () => {
  test("applies the fields given to the version seen; an older version is stale", async () => {
    const cycle = await createCycle(admin);
    const renamed = await admin.admissions.cycles.update({
      id: cycle.id,
      version: cycle.version,
      name: "Fellows 2028",
      capacity: 5,
      closesAt: new Date("2030-01-01T00:00:00.000Z"),
    });
    expect(renamed).toMatchObject({
      name: "Fellows 2028",
      capacity: 5,
      version: 2,
      closesAt: new Date("2030-01-01T00:00:00.000Z"),
      description: cycle.description,
    });
    const stale = await refusal(admin.admissions.cycles.update({ id: cycle.id, version: cycle.version, name: "Old" }));
    expect(stale).toMatchObject({ code: "CONFLICT", reason: "stale_version" });
    expect((await admin.admissions.cycles.get({ cycleId: cycle.id })).name).toBe("Fellows 2028");

    const late = await refusal(
      admin.admissions.cycles.update({ id: cycle.id, version: 2, opensAt: new Date("2031-01-01T00:00:00.000Z") }),
    );
    expect(late?.fieldErrors).toEqual([{ path: "closesAt", message: "Must be after the opening date" }]);

    const [event] = (await admin.audit.list({ entityKind: "admission_cycle", entityId: cycle.id, limit: 1 })).items;
    expect(event).toMatchObject({
      action: "admissions.cycles.update",
      before: { name: "Fellows 2027", capacity: 2, closesAt: null },
      after: { name: "Fellows 2028", capacity: 5, closesAt: "2030-01-01T00:00:00.000Z" },
    });
  });

  test("questions and criteria change only in DRAFT (sending them unchanged is fine later); nothing once COMPLETED", async () => {
    const cycle = await createCycle(admin);
    const questions = [...cycle.questions, { key: "city", label: "Where do you live?", kind: "short" as const }];
    const drafted = await admin.admissions.cycles.update({ id: cycle.id, version: cycle.version, questions });
    expect(drafted.questions.map((q) => q.key)).toEqual(["motivation", "project", "student_id", "city"]);

    const opened = await admin.admissions.open({ cycleId: cycle.id });
    const refused = await refusal(
      admin.admissions.cycles.update({ id: cycle.id, version: opened.version, questions: cycle.questions }),
    );
    expect(refused).toMatchObject({
      code: "CONFLICT",
      reason: "precondition_failed",
      details: { phase: "SUBMISSION" },
    });
    const criteria = await refusal(
      admin.admissions.cycles.update({ id: cycle.id, version: opened.version, criteria: [SAMPLE_CRITERIA[0]] }),
    );
    expect(criteria).toMatchObject({ reason: "precondition_failed" });
    const same = await admin.admissions.cycles.update({
      id: cycle.id,
      version: opened.version,
      questions: opened.questions,
      description: "Now with a description.",
    });
    expect(same).toMatchObject({ description: "Now with a description.", questions: opened.questions });

    await setPhase(cycle.id, "COMPLETED");
    const { version } = await admin.admissions.cycles.get({ cycleId: cycle.id });
    expect(
      await refusal(admin.admissions.cycles.update({ id: cycle.id, version, name: "After the end" })),
    ).toMatchObject({ reason: "precondition_failed", details: { phase: "COMPLETED" } });
  });
});

type Move = "open" | "freeze" | "startBatchPrep" | "startProcessing" | "publish" | "complete";
const MOVES: Record<Move, [from: string, to: string]> = {
  open: ["DRAFT", "SUBMISSION"],
  freeze: ["SUBMISSION", "FROZEN"],
  startBatchPrep: ["PREPROCESSING", "BATCH_PREP"],
  startProcessing: ["BATCH_PREP", "PROCESSING"],
  publish: ["SELECTION", "PUBLISHED"],
  complete: ["PUBLISHED", "COMPLETED"],
};
const PHASES = [
  "DRAFT",
  "SUBMISSION",
  "FROZEN",
  "PREPROCESSING",
  "BATCH_PREP",
  "PROCESSING",
  "SCORED",
  "SELECTION",
  "PUBLISHED",
  "COMPLETED",
];

describe("phase moves", () => {
  test("every move is refused from every other phase, naming the phase found", async () => {
    const cycle = await createCycle(admin);
    for (const phase of PHASES) {
      await setPhase(cycle.id, phase);
      for (const [move, [from]] of Object.entries(MOVES) as [Move, [string, string]][]) {
        if (from === phase) continue;
        const data = await refusal(admin.admissions[move]({ cycleId: cycle.id }));
        expect(data, `${move} in ${phase}`).toMatchObject({
          code: "CONFLICT",
          reason: "precondition_failed",
          details: { phase },
        });
      }
      expect((await admin.admissions.cycles.get({ cycleId: cycle.id })).phase).toBe(phase);
    }
  });

  test("open and freeze move the cycle and are audited", async () => {
    const { cycle } = await cycleWithApplicants(api, admin, {
      applicants: [
        { name: "Bo Move", email: "bo.move@example.org", phone: "", answers: { motivation: "a", project: "b" } },
      ],
    });
    expect(cycle).toMatchObject({ phase: "SUBMISSION", version: 2 });
    const frozen = await admin.admissions.freeze({ cycleId: cycle.id });
    expect(frozen).toMatchObject({ phase: "FROZEN", version: 3, counts: { SUBMITTED: 1 } });
    const events = (await admin.audit.list({ entityKind: "admission_cycle", entityId: cycle.id })).items;
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      ["admissions.freeze", { phase: "SUBMISSION" }, { phase: "FROZEN", applications: 1 }],
      ["admissions.open", { phase: "DRAFT" }, { phase: "SUBMISSION" }],
      ["admissions.cycles.create", null, expect.objectContaining({ phase: "DRAFT", slug: cycle.slug })],
    ]);
  });

  test("startBatchPrep waits for every application to be anonymized", async () => {
    const { cycle } = await cycleWithApplicants(api, admin, {
      applicants: [
        { name: "Cy Wait", email: "cy.wait@example.org", phone: "", answers: { motivation: "a", project: "b" } },
      ],
    });
    await setPhase(cycle.id, "PREPROCESSING");
    const data = await refusal(admin.admissions.startBatchPrep({ cycleId: cycle.id }));
    expect(data).toMatchObject({ reason: "precondition_failed", details: { waiting: 1 } });
    const board = await admin.admissions.cycles.get({ cycleId: cycle.id });
    expect(board.work).toEqual({ kind: "preprocessing", done: 0, total: 1, running: false });
    await sql("update admission_applications set status = 'ANONYMIZED' where cycle_id = ?", [cycle.id]);
    expect(await admin.admissions.startBatchPrep({ cycleId: cycle.id })).toMatchObject({ phase: "BATCH_PREP" });
  });

  test("startProcessing needs a batch, publish a selection run", async () => {
    const cycle = await createCycle(admin);
    await setPhase(cycle.id, "BATCH_PREP");
    expect(await refusal(admin.admissions.startProcessing({ cycleId: cycle.id }))).toMatchObject({
      reason: "precondition_failed",
      details: { batches: 0 },
    });
    await sql(
      "insert into admission_batches (cycle_id, row_count, file_hash, schema_version) values (?, 0, repeat('0', 64), 1)",
      [cycle.id],
    );
    expect(await admin.admissions.startProcessing({ cycleId: cycle.id })).toMatchObject({
      phase: "PROCESSING",
      batches: 1,
    });

    await setPhase(cycle.id, "SELECTION");
    expect(await refusal(admin.admissions.publish({ cycleId: cycle.id }))).toMatchObject({
      reason: "precondition_failed",
      details: { selectionRuns: 0 },
    });
    await sql("insert into admission_selection_logs (cycle_id, rule, inputs, result) values (?, 'top', '{}', '{}')", [
      cycle.id,
    ]);
    expect(await admin.admissions.publish({ cycleId: cycle.id })).toMatchObject({
      phase: "PUBLISHED",
      selectionRuns: 1,
    });
    expect(await admin.admissions.complete({ cycleId: cycle.id })).toMatchObject({ phase: "COMPLETED" });
  });

  test("two admins moving the same cycle at once: exactly one wins, the other gets CONFLICT", async () => {
    for (let round = 0; round < 3; round++) {
      const cycle = await createCycle(admin);
      const results = await Promise.allSettled([
        admin.admissions.open({ cycleId: cycle.id }),
        otherAdmin.admissions.open({ cycleId: cycle.id }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(errorShape((lost[0] as PromiseRejectedResult).reason).data).toMatchObject({
        code: "CONFLICT",
        reason: "precondition_failed",
        details: { phase: "SUBMISSION" },
      });
      const events = await admin.audit.list({
        entityKind: "admission_cycle",
        entityId: cycle.id,
        action: "admissions.open",
      });
      expect(events.items).toHaveLength(1);
      expect((await admin.admissions.cycles.get({ cycleId: cycle.id })).version).toBe(2);
    }
  });
});
