/**
 * `shortlist jobs list|show`, `shortlist applications list|move|reject` and `shortlist candidates add --job` against a
 * real server: stages and reasons named as people say them (any case) or by id, versions read before each change,
 * refusals explained with exit 1, a reviewer's token refused with exit 2.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createShortlistClient, type RouterOutputs, type ShortlistClient } from "../src/index";
import { cliServer, runCli, type Run } from "./support";

const harness = cliServer({ label: "cli-jobs" });
let url: string;
let recruiterToken: string;
let reviewerToken: string;
let client: ShortlistClient;

const shortlist = (args: string[], token = recruiterToken): Promise<Run> =>
  runCli(args, { env: { SHORTLIST_URL: url, SHORTLIST_TOKEN: token } });

type Job = RouterOutputs["jobs"]["get"];
let job: Job;
let company: string;
const applicationOf: Record<string, string> = {};

beforeAll(async () => {
  ({ url, recruiterToken, reviewerToken } = await harness.start());
  client = createShortlistClient({ url, token: recruiterToken });
  company = `Jobs Co ${randomUUID().slice(0, 8)}`;
  job = await client.jobs.create.mutate({ title: "Platform Engineer", company });
  for (const name of ["Ada Lovelace", "Alan Turing", "Grace Hopper"]) {
    const person = await client.candidates.create.mutate({
      name,
      email: `${randomUUID().slice(0, 8)}@example.com`,
      jobId: job.id,
    });
    applicationOf[name] = person.application!.id;
  }
  await client.jobs.create.mutate({ title: "Old Role", company, status: "closed" });
});

afterAll(() => harness.stop());

const stageCounts = async () =>
  Object.fromEntries((await client.jobs.get.query({ id: job.id })).stages.map((s) => [s.name, s.count]));

describe("jobs", () => {
  test("list prints a table with the counts per outcome; --status filters; --json prints JSON lines", async () => {
    const run = await shortlist(["jobs", "list", "--search", company]);
    expect(run.code).toBe(0);
    const [header, first, second] = run.stdout.trim().split("\n");
    expect(header).toMatch(/^ID\s+TITLE\s+COMPANY\s+STATUS\s+ACTIVE\s+HIRED\s+REJECTED\s+WITHDRAWN$/);
    expect(first).toMatch(new RegExp(`^${job.id}\\s+Platform Engineer\\s+${company}\\s+open\\s+3\\s+0\\s+0\\s+0$`));
    expect(second).toMatch(/Old Role .* closed\s+0\s+0\s+0\s+0$/);
    expect(run.stderr).toBe("2 jobs\n");

    const closed = await shortlist(["jobs", "list", "--search", company, "--status", "closed", "--json"]);
    expect(closed.code).toBe(0);
    const rows = closed.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { title: string; status: string });
    expect(rows.map((r) => [r.title, r.status])).toEqual([["Old Role", "closed"]]);

    const unknown = await shortlist(["jobs", "list", "--status", "archived"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Allowed choices are draft, open, on_hold, closed");
  });

  test("show prints the job and its stages in order with their counts; an unknown job exits 1", async () => {
    const run = await shortlist(["jobs", "show", job.id]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.slice(0, 3)).toEqual([
      `Platform Engineer at ${company} (open)`,
      `id ${job.id}`,
      "3 active · 0 hired · 0 rejected · 0 withdrawn",
    ]);
    const stages = lines.slice(5).map((line) => line.split(/\s{2,}/));
    expect(lines[4]).toMatch(/^#\s+STAGE\s+KIND\s+COUNT\s+ID$/);
    expect(stages.map(([position, name, kind, count, id]) => ({ position, name, kind, count, id }))).toEqual(
      job.stages.map((s) => ({
        position: String(s.position),
        name: s.name,
        kind: s.kind,
        count: s.name === "Applied" ? "3" : "0",
        id: s.id,
      })),
    );

    const json = await shortlist(["jobs", "show", job.id, "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: job.id, counts: { active: 3 }, stages: expect.any(Array) });

    const missing = await shortlist(["jobs", "show", randomUUID()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/NOT_FOUND: job .* was not found/i);
  });
});

describe("applications", () => {
  test("move by stage name in any case, or by id; list shows where each one is", async () => {
    const ada = applicationOf["Ada Lovelace"]!;
    const run = await shortlist(["applications", "move", ada, "--stage", "sCREENING"]);
    expect(run).toMatchObject({ code: 0, stdout: `Platform Engineer at ${company}: Screening (active)\n` });
    const interview = job.stages.find((s) => s.name === "Interview")!;
    const again = await shortlist(["applications", "move", ada, "--stage", interview.id, "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ id: ada, stageName: "Interview", outcome: "active", version: 3 });
    expect(await stageCounts()).toMatchObject({ Applied: 2, Screening: 0, Interview: 1 });

    const listed = await shortlist(["applications", "list", "--job", job.id, "--stage", "interview"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(`^${ada}\\s+Ada Lovelace\\s+Interview\\s+active\\s+\\d{4}-\\d\\d-\\d\\d$`, "m"),
    );
    expect(listed.stdout).not.toContain("Alan Turing");
    expect(listed.stderr).toBe("1 application\n");
  });

  test("an unknown stage exits 1 naming the job's stages, and nothing moves", async () => {
    const alan = applicationOf["Alan Turing"]!;
    const before = await client.applications.get.query({ id: alan });
    const run = await shortlist(["applications", "move", alan, "--stage", "Final round"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `shortlist: Platform Engineer at ${company} has no stage "Final round"; its stages: ` +
        '"Applied", "Screening", "Assessment", "Interview", "Offer", "Hired"\n',
    );
    expect(await client.applications.get.query({ id: alan })).toEqual(before);
  });

  test("reject by reason label in any case, with a note; a rejected application cannot be moved (exit 1, the reason why)", async () => {
    const alan = applicationOf["Alan Turing"]!;
    const [reason] = await client.rejectionReasons.list.query();
    const run = await shortlist([
      "applications",
      "reject",
      alan,
      "--reason",
      reason!.label.toUpperCase(),
      "--note",
      "Timing",
    ]);
    expect(run).toMatchObject({ code: 0, stdout: `Platform Engineer at ${company}: Applied (rejected)\n` });
    expect(await client.applications.get.query({ id: alan })).toMatchObject({
      outcome: "rejected",
      rejectionReason: { id: reason!.id, label: reason!.label },
      rejectionNote: "Timing",
    });

    const moved = await shortlist(["applications", "move", alan, "--stage", "Screening"]);
    expect(moved.code).toBe(1);
    expect(moved.stderr).toContain("The application was rejected; reopen it first");

    const rejectedList = await shortlist(["applications", "list", "--job", job.id, "--outcome", "rejected", "--json"]);
    expect(
      rejectedList.stdout
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { name: string }).name),
    ).toEqual(["Alan Turing"]);
  });

  test("an unknown reason exits 1 naming the reasons in use, and nothing changes", async () => {
    const grace = applicationOf["Grace Hopper"]!;
    const before = await client.applications.get.query({ id: grace });
    const run = await shortlist(["applications", "reject", grace, "--reason", "Too brilliant"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^shortlist: No rejection reason "Too brilliant" is in use; the reasons: "/);
    for (const { label } of await client.rejectionReasons.list.query()) expect(run.stderr).toContain(`"${label}"`);
    expect(await client.applications.get.query({ id: grace })).toEqual(before);
  });

  test("a reviewer's token may not move or reject: exit 2 with the role required", async () => {
    const grace = applicationOf["Grace Hopper"]!;
    const before = await client.applications.get.query({ id: grace });
    for (const args of [
      ["applications", "move", grace, "--stage", "Offer"],
      ["applications", "reject", grace, "--reason", (await client.rejectionReasons.list.query())[0]!.id],
    ]) {
      const run = await shortlist(args, reviewerToken);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/FORBIDDEN: This needs one of the roles: admin, recruiter; you are reviewer/);
    }
    expect(await client.applications.get.query({ id: grace })).toEqual(before);
  });
});

test("candidates add --job files the new person under that job's first stage", async () => {
  const run = await shortlist([
    "candidates",
    "add",
    "--name",
    "Hedy Lamarr",
    "--email",
    `${randomUUID().slice(0, 8)}@example.com`,
    "--job",
    job.id,
  ]);
  expect(run.code).toBe(0);
  const person = await client.candidates.get.query({ id: run.stdout.trim() });
  expect(person.applications).toEqual([
    expect.objectContaining({ jobId: job.id, stageName: "Applied", outcome: "active" }),
  ]);
});
