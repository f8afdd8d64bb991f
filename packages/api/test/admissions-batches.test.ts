/**
 * Batches for outside evaluators: admissions.exportBatch (BATCH_PREP only, admins only) records every anonymized
 * application with its content hash and the file's SHA-256; the file route streams exactly that file over HTTP,
 * and admissions.batchRows pages the same lines.
 */
import { createHash } from "node:crypto";
import request from "supertest";
import { beforeAll, describe, expect, test } from "vitest";
import { SESSION_COOKIE, type BatchLineDto } from "@shortlist/api";
import { batchFilePath } from "@shortlist/api/schemas";
import { createApp } from "@shortlist/server";
import { batchFileTuning } from "../src/admissions/batch-lines";
import { errorShape, rejection, useTestApi, type Caller } from "./helpers";
import { cycleWithApplicants, manyApplicants, SAMPLE_CRITERIA } from "./admissions-support";
import { preparedCycle, sqlOf } from "./admissions-pipeline-support";

const api = useTestApi();
const sql = sqlOf(api);
let admin: Caller;
let adminCookie: string;
let reviewer: Caller;
let reviewerCookie: string;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const signedAdmin = await api.signedIn("admin");
  admin = signedAdmin.caller;
  adminCookie = `${SESSION_COOKIE}=${signedAdmin.sessionToken}`;
  const signedReviewer = await api.signedIn("reviewer");
  reviewer = signedReviewer.caller;
  reviewerCookie = `${SESSION_COOKIE}=${signedReviewer.sessionToken}`;
  app = createApp(api.deps);
});

const refusal = async (call: Promise<unknown>) => errorShape(await rejection(call)).data;
const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

const download = (batchId: string, cookie: string) =>
  request(app)
    .get(batchFilePath.build({ batchId }))
    .set("Cookie", cookie)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => done(null, Buffer.concat(chunks)));
    });

describe("exporting a batch", () => {
  let cycleId: string;
  let applicationIds: string[];
  let batch: Awaited<ReturnType<Caller["admissions"]["exportBatch"]>>;

  beforeAll(async () => {
    const prepared = await preparedCycle(api, admin, manyApplicants(12));
    cycleId = prepared.cycle.id;
    applicationIds = prepared.applicants.map((a) => a.receipt.applicationId);
    batch = await admin.admissions.exportBatch({ cycleId });
  });

  test("records every anonymized application, in number order with its content hash; they become BATCHED", async () => {
    expect(batch).toMatchObject({ cycleId, rowCount: 12, schemaVersion: 1, createdByName: "Test admin" });
    expect(batch.fileHash).toMatch(/^[0-9a-f]{64}$/);
    const items = await sql<{ position: number; application_id: string; same_hash: boolean }>(
      `select i.position, i.application_id, i.content_hash = an.content_hash as same_hash
         from admission_batch_items i join admission_anonymized an using (application_id)
        where i.batch_id = ? order by i.position`,
      [batch.id],
    );
    expect(items.map((i) => i.position)).toEqual(applicationIds.map((_, i) => i + 1));
    expect(items.map((i) => i.application_id)).toEqual(applicationIds);
    expect(items.every((i) => i.same_hash)).toBe(true);

    const board = await admin.admissions.cycles.get({ cycleId });
    expect(board.counts).toMatchObject({ ANONYMIZED: 0, BATCHED: 12 });
    expect(board.batches).toBe(1);
    expect(await reviewer.admissions.batches({ cycleId })).toEqual([batch]);
    const [event] = await sql<{ change: { after: Record<string, unknown> } }>(
      "select change from audit_events where action = 'admissions.exportBatch' and entity_id = ?",
      [batch.id],
    );
    expect(event!.change.after).toEqual({ cycleId, rowCount: 12, fileHash: batch.fileHash, schemaVersion: 1 });
  });

  test("the file downloaded over HTTP is the one hashed: n lines of JSON, the SHA-256 in a header", async () => {
    const res = await download(batch.id, adminCookie);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/x-ndjson/);
    expect(res.headers["content-disposition"]).toMatch(
      /^attachment; filename="?fellows-[0-9a-f]+-batch-[0-9a-f-]{36}\.jsonl"?$/,
    );
    expect(res.headers["x-content-sha256"]).toBe(batch.fileHash);
    const body = res.body as Buffer;
    expect(sha256(body)).toBe(batch.fileHash);

    const text = body.toString("utf8");
    expect(text.endsWith("\n")).toBe(true);
    const lines = text
      .slice(0, -1)
      .split("\n")
      .map((l) => JSON.parse(l) as BatchLineDto);
    expect(lines).toHaveLength(12);
    expect(Object.keys(lines[0]!)).toEqual([
      "schemaVersion",
      "batchId",
      "applicationId",
      "number",
      "contentHash",
      "answers",
      "metrics",
      "criteria",
    ]);
    expect(lines.map((l) => l.number)).toEqual(applicationIds.map((_, i) => i + 1));
    expect(lines.map((l) => l.applicationId)).toEqual(applicationIds);
    for (const line of lines) {
      expect(line).toMatchObject({ schemaVersion: 1, batchId: batch.id });
      expect(line.answers.map((a) => a.key)).toEqual(["motivation", "project"]);
      expect(line.criteria).toEqual(
        SAMPLE_CRITERIA.map(({ key, label, description }) => ({ key, label, description })),
      );
      expect(Object.keys(line.metrics.wordCounts)).toEqual(["motivation", "project"]);
    }
  });

  test("the download is the same bytes however the file is walked (pages of 5 lines, chunks of 2,000 characters)", async () => {
    const whole = (await download(batch.id, adminCookie)).body as Buffer;
    const defaults = { ...batchFileTuning };
    Object.assign(batchFileTuning, { pageRows: 5, chunkChars: 2_000 });
    try {
      const walked = (await download(batch.id, adminCookie)).body as Buffer;
      expect(walked.equals(whole)).toBe(true);
      expect(sha256(walked)).toBe(batch.fileHash);
    } finally {
      Object.assign(batchFileTuning, defaults);
    }
  });

  test("batchRows pages the same lines: after a position, up to a limit, until nextAfter is null", async () => {
    const pages: BatchLineDto[][] = [];
    let after: number | null = 0;
    const cursors: number[] = [];
    while (after !== null) {
      const page: Awaited<ReturnType<Caller["admissions"]["batchRows"]>> = await admin.admissions.batchRows({
        batchId: batch.id,
        after,
        limit: 5,
      });
      pages.push(page.lines);
      after = page.nextAfter;
      if (after !== null) cursors.push(after);
    }
    expect(cursors).toEqual([5, 10]);
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    const file = (await download(batch.id, adminCookie)).body as Buffer;
    expect(
      pages
        .flat()
        .map((l) => `${JSON.stringify(l)}\n`)
        .join(""),
    ).toBe(file.toString("utf8"));
  });

  test("a second export is another batch of the same lines (its own id, its own hash)", async () => {
    const again = await admin.admissions.exportBatch({ cycleId });
    expect(again.id).not.toBe(batch.id);
    expect(again.rowCount).toBe(12);
    expect(again.fileHash).not.toBe(batch.fileHash);
    expect(sha256((await download(again.id, adminCookie)).body as Buffer)).toBe(again.fileHash);
    expect((await admin.admissions.batches({ cycleId })).map((b) => b.id)).toEqual([again.id, batch.id]);
  });
});

describe("who may export, and when", () => {
  test("outside BATCH_PREP an export is refused (CONFLICT, precondition_failed) and records nothing", async () => {
    const { cycle } = await cycleWithApplicants(api, admin, { applicants: manyApplicants(2) });
    expect(await refusal(admin.admissions.exportBatch({ cycleId: cycle.id }))).toMatchObject({
      code: "CONFLICT",
      reason: "precondition_failed",
      details: { phase: "SUBMISSION" },
    });
    const prepared = await preparedCycle(api, admin, manyApplicants(2));
    await admin.admissions.exportBatch({ cycleId: prepared.cycle.id });
    await admin.admissions.startProcessing({ cycleId: prepared.cycle.id });
    expect(await refusal(admin.admissions.exportBatch({ cycleId: prepared.cycle.id }))).toMatchObject({
      reason: "precondition_failed",
      details: { phase: "PROCESSING" },
    });
    const [counts] = await sql<{ n: number }>(
      "select count(*)::int as n from admission_batches where cycle_id in (?, ?)",
      [cycle.id, prepared.cycle.id],
    );
    expect(counts!.n).toBe(1);
  });

  test("a reviewer may list batches but not export, page or download them (403)", async () => {
    const prepared = await preparedCycle(api, admin, manyApplicants(2));
    expect(await refusal(reviewer.admissions.exportBatch({ cycleId: prepared.cycle.id }))).toMatchObject({
      code: "FORBIDDEN",
    });
    const batch = await admin.admissions.exportBatch({ cycleId: prepared.cycle.id });
    expect(await refusal(reviewer.admissions.batchRows({ batchId: batch.id }))).toMatchObject({ code: "FORBIDDEN" });
    const res = await download(batch.id, reviewerCookie);
    expect(res.status).toBe(403);
    expect((await reviewer.admissions.batches({ cycleId: prepared.cycle.id })).map((b) => b.id)).toEqual([batch.id]);
  });

  test("an unknown batch is NOT_FOUND, over HTTP and through batchRows", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await download(missing, adminCookie)).status).toBe(404);
    expect(await refusal(admin.admissions.batchRows({ batchId: missing }))).toMatchObject({
      reason: "not_found",
      details: { kind: "admission batch", id: missing },
    });
  });
});
