/**
 * `shortlist admissions export` and `shortlist admissions import-results` against a real server: the export
 * writes the batch file and checks its SHA-256; the import reports each rejected line and is safe to re-run.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { settlePreprocessing, type BatchLineDto } from "@shortlist/api";
import { createShortlistClient, type ShortlistClient } from "../src/index";
import { cliServer, jsonl, runCli, writeIn, type CliServer, type Run } from "./support";

const setup = cliServer({ label: "cli-admissions" });
let server: CliServer;
let admin: ShortlistClient;
let slug: string;
let cycleId: string;

const shortlist = (args: string[], token = server.adminToken): Promise<Run> =>
  runCli(args, { env: { SHORTLIST_URL: server.url, SHORTLIST_TOKEN: token } });

const APPLICANTS = [
  ["Ada Nwosu", "ada.nwosu@example.org", "I am Ada Nwosu and I build maps of clinics in Enugu."],
  ["Björn Sand", "bjorn.sand@example.se", "Björn here: I wrote the timetable app for Uppsala buses."],
  ["Carmen Ruiz", "carmen.ruiz@example.es", "Carmen Ruiz, nurse and coder, on shift tools for Valencia."],
] as const;

beforeAll(async () => {
  server = await setup.start();
  admin = createShortlistClient({ url: server.url, token: server.adminToken });
  slug = `cli-fellows-${Date.now().toString(36)}`;
  const cycle = await admin.admissions.cycles.create.mutate({
    slug,
    name: "CLI fellows",
    questions: [{ key: "motivation", label: "Why you?", kind: "long" }],
    criteria: [
      { key: "clarity", label: "Clarity" },
      { key: "impact", label: "Impact", weight: 2 },
    ],
    capacity: 1,
  });
  cycleId = cycle.id;
  await admin.admissions.open.mutate({ cycleId });
  for (const [name, email, motivation] of APPLICANTS)
    await admin.applicants.submit.mutate({ slug, name, email, answers: { motivation } });
  await admin.admissions.freeze.mutate({ cycleId });
  await admin.admissions.preprocess.mutate({ cycleId });
  await settlePreprocessing();
  await admin.admissions.startBatchPrep.mutate({ cycleId });
});

afterAll(() => setup.stop());

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
const outputOf = (run: Run) =>
  Object.fromEntries(
    run.stdout
      .trim()
      .split("\n")
      .map((l) => l.split(" ", 2) as [string, string]),
  );

describe("admissions export", () => {
  let file: string;
  let batchId: string;

  beforeAll(async () => {
    file = join(server.dir, "batch.jsonl");
  });

  test("exports a batch by the cycle's slug, writes the file and checks its SHA-256", async () => {
    const run = await shortlist(["admissions", "export", slug, "--out", file]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const printed = outputOf(run);
    const [batch] = await admin.admissions.batches.query({ cycleId });
    batchId = batch!.id;
    expect(printed).toEqual({ batch: batch!.id, rows: "3", sha256: batch!.fileHash, file });
    const content = await readFile(file);
    expect(sha256(content)).toBe(batch!.fileHash);
    const lines = content
      .toString("utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as BatchLineDto);
    expect(lines.map((l) => l.number)).toEqual([1, 2, 3]);
    expect(lines.every((l) => l.batchId === batch!.id)).toBe(true);
  });

  test("--batch downloads an exported batch again (by the cycle's id), the same bytes", async () => {
    const again = join(server.dir, "again.jsonl");
    const run = await shortlist(["admissions", "export", cycleId, "--batch", batchId, "--out", again]);
    expect(run.code).toBe(0);
    expect(await readFile(again)).toEqual(await readFile(file));
    expect(await admin.admissions.batches.query({ cycleId })).toHaveLength(1);
  });

  test("a download whose bytes are not the batch's SHA-256 is refused and not kept", async () => {
    const em = server.db.orm.em.fork();
    const changed = join(server.dir, "changed.jsonl");
    const [row] = await em.execute<{ id: string; answers: Record<string, string> }[]>(
      "select id, answers from admission_anonymized where cycle_id = ? order by number limit 1",
      [cycleId],
    );
    const altered = { ...row!.answers, motivation: `${row!.answers.motivation} (edited)` };
    await em.execute("update admission_anonymized set answers = ?::jsonb where id = ?", [
      JSON.stringify(altered),
      row!.id,
    ]);
    try {
      const run = await shortlist(["admissions", "export", slug, "--batch", batchId, "--out", changed]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("is not the batch's");
      await expect(readFile(changed)).rejects.toThrow(/ENOENT/);
      await expect(readFile(`${changed}.part`)).rejects.toThrow(/ENOENT/);
    } finally {
      await em.execute("update admission_anonymized set answers = ?::jsonb where id = ?", [
        JSON.stringify(row!.answers),
        row!.id,
      ]);
    }
  });

  test("an unknown cycle, or a reviewer's token, is refused", async () => {
    const unknown = await shortlist(["admissions", "export", "no-such-cycle"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No admission cycle has the slug no-such-cycle");
    const reviewer = await shortlist(["admissions", "export", slug], server.reviewerToken);
    expect(reviewer.code).not.toBe(0);
    expect(reviewer.stderr).toMatch(/admin/i);
  });
});

describe("admissions import-results", () => {
  let lines: BatchLineDto[];
  let results: string;

  beforeAll(async () => {
    await admin.admissions.startProcessing.mutate({ cycleId });
    const [batch] = await admin.admissions.batches.query({ cycleId });
    lines = (await admin.admissions.batchRows.query({ batchId: batch!.id })).lines;
    const worker = (l: BatchLineDto, extra: Record<string, unknown> = {}) => ({
      kind: "worker",
      batchId: l.batchId,
      applicationId: l.applicationId,
      evaluatorId: "model-a",
      contentHash: l.contentHash,
      scores: { clarity: 6, impact: 7 },
      rationale: "Concrete and measured.",
      ...extra,
    });
    results = await writeIn(
      server.dir,
      "results.jsonl",
      jsonl([
        ...lines.map((l) => worker(l)),
        {
          kind: "judge",
          batchId: lines[0]!.batchId,
          applicationId: lines[0]!.applicationId,
          evaluatorId: "model-a",
          judgeId: "judge-1",
          verdict: "adjust",
          adjustedScores: { impact: 9 },
          reason: "Undersold the impact.",
        },
        worker(lines[1]!, { evaluatorId: "model-b", contentHash: "f".repeat(64) }),
        "{ not json",
        "applicationId,clarity,impact",
        worker(lines[2]!, { evaluatorId: "model-c", scores: { clarity: 6 } }),
      ]),
    );
  });

  test("imports the file, printing each rejected line with its reason; exit 1", async () => {
    const run = await shortlist(["admissions", "import-results", slug, results]);
    expect(run.code).toBe(1);
    const out = run.stdout.trim().split("\n");
    expect(out).toEqual([
      expect.stringMatching(/^line 5: contentHash: The content changed since export/),
      expect.stringMatching(/^line 6: not valid JSON/),
      "line 7: not a JSON object (the file should be JSON Lines: one JSON object per line, each a worker or judge result)",
      expect.stringMatching(/^line 8: scores: .*missing impact/),
      "Done: 4 created, 0 skipped (already imported), 4 rejected",
    ]);
  });

  test("running it again creates nothing: every imported line is skipped", async () => {
    const run = await shortlist(["admissions", "import-results", cycleId, results]);
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split("\n").at(-1)).toBe("Done: 0 created, 4 skipped (already imported), 4 rejected");
    const clean = await writeIn(
      server.dir,
      "clean.jsonl",
      (await readFile(results, "utf8")).split("\n").slice(0, 4).join("\n") + "\n",
    );
    const again = await shortlist(["admissions", "import-results", slug, clean]);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe("Done: 0 created, 4 skipped (already imported), 0 rejected");
  });
});
