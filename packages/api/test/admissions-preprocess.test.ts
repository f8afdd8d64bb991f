/**
 * PREPROCESSING through the router: FROZEN → PREPROCESSING starts the background runner, which scrubs every
 * application into a numbered anonymized copy (placeholders and counts, never the applicant's identity), resumes
 * after a stop or a failure without duplicates or gaps, and reports its progress on the board.
 */
import { createHash } from "node:crypto";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { settlePreprocessing, stopPreprocessing } from "@shortlist/api";
import { canonicalJson } from "@shortlist/db";
import { preprocessTuning } from "../src/admissions/preprocess-runner";
import { errorShape, rejection, useTestApi, type Caller } from "./helpers";
import { cycleWithApplicants, manyApplicants, SAMPLE_APPLICANTS } from "./admissions-support";
import { sqlOf } from "./admissions-pipeline-support";

const api = useTestApi();
const sql = sqlOf(api);
let admin: Caller;

beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
});

const DEFAULT_CHUNK = preprocessTuning.chunkSize;
afterEach(async () => {
  preprocessTuning.chunkSize = DEFAULT_CHUNK;
  await settlePreprocessing();
});

const refusal = async (call: Promise<unknown>) => errorShape(await rejection(call)).data;

interface AnonymizedRow {
  application_id: string;
  number: number;
  answers: Record<string, string>;
  replacements: Record<string, number>;
  metrics: { wordCounts: Record<string, number>; totalWords: number };
  content_hash: string;
  scrubber_version: string;
}

const anonymizedOf = (cycleId: string) =>
  sql<AnonymizedRow>("select * from admission_anonymized where cycle_id = ? order by number", [cycleId]);

/** The key of the runner's per-cycle lock: holding it keeps the runner waiting before its next chunk. */
const runnerLock = (cycleId: string) => `shortlist:admissions-preprocess:${cycleId}`;

/** Runs `body` while holding the runner's lock of the cycle (released when `body` ends). */
async function withRunnerHeld(cycleId: string, body: () => Promise<void>) {
  await api.db.orm.em.fork().transactional(async (tx) => {
    await tx.execute("select pg_advisory_xact_lock(hashtext(?))", [runnerLock(cycleId)]);
    await body();
  });
}

async function frozenCycle(applicants = SAMPLE_APPLICANTS) {
  const { cycle, applicants: submitted } = await cycleWithApplicants(api, admin, { applicants });
  await admin.admissions.freeze({ cycleId: cycle.id });
  return { cycle, applicants: submitted };
}

describe("preprocessing a frozen cycle", () => {
  test("anonymizes every application: placeholders and counts, no identity, numbered in submission order", async () => {
    const { cycle, applicants } = await frozenCycle();
    const started = await admin.admissions.preprocess({ cycleId: cycle.id });
    expect(started.phase).toBe("PREPROCESSING");
    await settlePreprocessing();

    const rows = await anonymizedOf(cycle.id);
    expect(rows.map((r) => r.number)).toEqual(applicants.map((_, i) => i + 1));
    expect(rows.map((r) => r.application_id)).toEqual(applicants.map((a) => a.receipt.applicationId));
    for (const row of rows) {
      expect(Object.keys(row.answers).sort()).toEqual(["motivation", "project"]);
      expect(row.content_hash).toBe(createHash("sha256").update(canonicalJson(row.answers)).digest("hex"));
      expect(row.scrubber_version).toMatch(/\S/);
      expect(Object.keys(row.metrics.wordCounts).sort()).toEqual(["motivation", "project"]);
      expect(row.metrics.totalWords).toBeGreaterThan(0);
    }
    const all = rows.map((r) => Object.values(r.answers).join("\n")).join("\n");
    expect(all).toContain("[NAME]");
    expect(all).toContain("[EMAIL]");
    expect(all).toContain("[PHONE]");
    expect(rows.every((r) => (r.replacements.NAME ?? 0) > 0)).toBe(true);

    // Nothing of any applicant's identity is left in the table, in any column.
    const dump = JSON.stringify(await sql("select * from admission_anonymized where cycle_id = ?", [cycle.id]));
    for (const applicant of applicants) {
      expect(dump).not.toContain(applicant.name);
      expect(dump).not.toContain(applicant.email);
      expect(dump).not.toContain(applicant.phone);
      for (const answer of Object.values(applicant.answers)) if (answer.length < 40) expect(dump).not.toContain(answer);
    }

    const board = await admin.admissions.cycles.get({ cycleId: cycle.id });
    expect(board.counts).toMatchObject({ SUBMITTED: 0, ANONYMIZED: applicants.length });
    expect(board.work).toEqual({
      kind: "preprocessing",
      done: applicants.length,
      total: applicants.length,
      running: false,
    });
  });

  test("running it again changes nothing: same rows, numbers and hashes", async () => {
    const { cycle } = await frozenCycle(manyApplicants(7));
    await admin.admissions.preprocess({ cycleId: cycle.id });
    await settlePreprocessing();
    const before = await anonymizedOf(cycle.id);

    const resumed = await admin.admissions.preprocess({ cycleId: cycle.id });
    expect(resumed.phase).toBe("PREPROCESSING");
    await settlePreprocessing();
    expect(await anonymizedOf(cycle.id)).toEqual(before);
    const [events] = await sql<{ n: number }>(
      `select count(*)::int as n from audit_events
        where action = 'admissions.preprocess' and entity_id = ? and change->'after'->>'preprocessing' = 'resumed'`,
      [cycle.id],
    );
    expect(events!.n).toBe(1);
  });

  test("is refused outside FROZEN and PREPROCESSING, and while a runner is at work", async () => {
    const { cycle } = await cycleWithApplicants(api, admin, { applicants: manyApplicants(3) });
    expect(await refusal(admin.admissions.preprocess({ cycleId: cycle.id }))).toMatchObject({
      code: "CONFLICT",
      reason: "precondition_failed",
      details: { phase: "SUBMISSION" },
    });

    await admin.admissions.freeze({ cycleId: cycle.id });
    await withRunnerHeld(cycle.id, async () => {
      await admin.admissions.preprocess({ cycleId: cycle.id });
      expect(await refusal(admin.admissions.preprocess({ cycleId: cycle.id }))).toMatchObject({
        code: "CONFLICT",
        reason: "precondition_failed",
        details: { phase: "PREPROCESSING", running: true },
      });
      // The board shows the work waiting, and running.
      const board = await admin.admissions.cycles.get({ cycleId: cycle.id });
      expect(board.work).toEqual({ kind: "preprocessing", done: 0, total: 3, running: true });
    });
    await settlePreprocessing();
    expect((await anonymizedOf(cycle.id)).length).toBe(3);
  });

  test("two admins at once on a frozen cycle: one starts it, the other is refused", async () => {
    const other = (await api.signedIn("admin")).caller;
    const { cycle } = await frozenCycle(manyApplicants(3));
    const outcomes = await Promise.allSettled([
      admin.admissions.preprocess({ cycleId: cycle.id }),
      other.admissions.preprocess({ cycleId: cycle.id }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    await settlePreprocessing();
    expect((await anonymizedOf(cycle.id)).map((r) => r.number)).toEqual([1, 2, 3]);
  });
});

describe("stopping and resuming", () => {
  test("a stop ends the runner after its chunk; preprocess resumes it and finishes, numbers without gaps", async () => {
    preprocessTuning.chunkSize = 2;
    const { cycle, applicants } = await frozenCycle(manyApplicants(9));
    let stopped: Promise<void> | undefined;
    await withRunnerHeld(cycle.id, async () => {
      await admin.admissions.preprocess({ cycleId: cycle.id });
      stopped = stopPreprocessing();
    });
    await stopped;

    const board = await admin.admissions.cycles.get({ cycleId: cycle.id });
    expect(board.work).toEqual({ kind: "preprocessing", done: 2, total: 9, running: false });
    expect(board.counts).toMatchObject({ SUBMITTED: 7, ANONYMIZED: 2 });

    await admin.admissions.preprocess({ cycleId: cycle.id });
    await settlePreprocessing();
    const rows = await anonymizedOf(cycle.id);
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows.map((r) => r.application_id)).toEqual(applicants.map((a) => a.receipt.applicationId));
    const moved = await admin.admissions.startBatchPrep({ cycleId: cycle.id });
    expect(moved.phase).toBe("BATCH_PREP");
  });

  test("a failure stops the runner (the board shows it stopped); once fixed, preprocess resumes", async () => {
    preprocessTuning.chunkSize = 2;
    const { cycle, applicants } = await frozenCycle(manyApplicants(6));
    // The fifth application's sealed answers altered: opening them fails, and the runner stops at its chunk.
    const fifth = applicants[4]!.receipt.applicationId;
    const [original] = await sql<{ answers_sealed: { ct: string } }>(
      "select answers_sealed from admission_applications where id = ?",
      [fifth],
    );
    const tampered = { ...original!.answers_sealed, ct: Buffer.from("altered answers").toString("base64") };
    await sql("update admission_applications set answers_sealed = ?::jsonb where id = ?", [
      JSON.stringify(tampered),
      fifth,
    ]);

    await admin.admissions.preprocess({ cycleId: cycle.id });
    await settlePreprocessing();
    const stopped = await admin.admissions.cycles.get({ cycleId: cycle.id });
    expect(stopped.work).toEqual({ kind: "preprocessing", done: 4, total: 6, running: false });

    await sql("update admission_applications set answers_sealed = ?::jsonb where id = ?", [
      JSON.stringify(original!.answers_sealed),
      fifth,
    ]);
    await admin.admissions.preprocess({ cycleId: cycle.id });
    await settlePreprocessing();
    expect((await anonymizedOf(cycle.id)).map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
