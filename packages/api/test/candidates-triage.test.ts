/** Triage of the candidate list: sorts with keyset paging, the score and last activity of a row, suggestions, tags. */
import { randomBytes } from "node:crypto";
import { Assessment } from "@shortlist/db";
import { beforeAll, expect, test } from "vitest";
import { errorShape, rejection, signedIn, useTestApi, type Caller } from "./helpers";

const { db, deps } = useTestApi();
let recruiter: Caller;
let viewer: Caller;
let admin: Caller;
beforeAll(async () => {
  recruiter = (await signedIn(deps, "recruiter")).caller;
  viewer = (await signedIn(deps, "viewer")).caller;
  admin = (await signedIn(deps, "admin")).caller;
});

const unique = () => randomBytes(4).toString("hex");
const email = () => `p-${unique()}@example.com`;
type ListInput = Parameters<Caller["candidates"]["list"]>[0];
type ListItem = Awaited<ReturnType<Caller["candidates"]["list"]>>["items"][number];

/** A completed assessment with the given percentile, written straight to the database (scoring is tested elsewhere). */
async function completedWithPercentile(candidateId: string, applicationId: string, percentile: number, day: number) {
  const em = db.orm.em.fork();
  em.create(Assessment, {
    candidate: candidateId,
    application: applicationId,
    role: "Engineer",
    company: "Scored",
    domains: ["python"],
    status: "completed",
    startedAt: new Date(Date.UTC(2026, 0, day, 9)),
    completedAt: new Date(Date.UTC(2026, 0, day, 10)),
    taoIndex: percentile / 2,
    percentile,
    percentileSampleSize: 40,
  });
  await em.flush();
}

/** Every page of the list, two rows at a time, as names. */
async function walk(input: ListInput): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<Caller["candidates"]["list"]>> = await viewer.candidates.list({
      ...input,
      limit: 2,
      cursor,
    });
    names.push(...page.items.map((c) => c.name));
    cursor = page.nextCursor;
  } while (cursor);
  return names;
}

test("sorts by name, date added, last activity and score, both ways, paging through every row once", async () => {
  const job = await recruiter.jobs.create({ title: "Engineer", company: `Sorted ${unique()}` });
  const people: Record<string, Awaited<ReturnType<Caller["candidates"]["create"]>>> = {};
  for (const name of ["carla Ruiz", "Ben Okafor", "Dana Wu", "Ada Byron", "Eli Stone"])
    people[name] = await recruiter.candidates.create({ name, email: email(), jobId: job.id });
  // Scores: Ben 80, Dana 35.5, Ada 35.5 (a tie), Eli a later one of 10 over an earlier 90; Carla none.
  const scored = (name: string) => [people[name]!.id, people[name]!.application!.id] as const;
  await completedWithPercentile(...scored("Ben Okafor"), 80, 1);
  await completedWithPercentile(...scored("Dana Wu"), 35.5, 1);
  await completedWithPercentile(...scored("Ada Byron"), 35.5, 1);
  await completedWithPercentile(...scored("Eli Stone"), 90, 1);
  await completedWithPercentile(...scored("Eli Stone"), 10, 2);
  // Activity: Ben's application moves last of all.
  const screening = job.stages[1]!;
  await recruiter.applications.move({ id: people["Ben Okafor"]!.application!.id, version: 1, stageId: screening.id });

  const filter = { jobId: job.id };
  const added = ["carla Ruiz", "Ben Okafor", "Dana Wu", "Ada Byron", "Eli Stone"];
  expect(await walk({ ...filter })).toEqual([...added].reverse());
  expect(await walk({ ...filter, sort: "added", order: "asc" })).toEqual(added);
  expect(await walk({ ...filter, sort: "name", order: "asc" })).toEqual([
    "Ada Byron",
    "Ben Okafor",
    "carla Ruiz",
    "Dana Wu",
    "Eli Stone",
  ]);
  expect(await walk({ ...filter, sort: "name", order: "desc" })).toEqual([
    "Eli Stone",
    "Dana Wu",
    "carla Ruiz",
    "Ben Okafor",
    "Ada Byron",
  ]);
  const activity = await walk({ ...filter, sort: "activity", order: "desc" });
  expect(activity[0]).toBe("Ben Okafor");
  expect(activity.slice(1)).toEqual(["Eli Stone", "Ada Byron", "Dana Wu", "carla Ruiz"]);
  expect(await walk({ ...filter, sort: "activity", order: "asc" })).toEqual([...activity].reverse());

  // Ties keep one order (by id) on every page; a person without a score comes last either way.
  const byScoreDesc = await walk({ ...filter, sort: "score", order: "desc" });
  expect(byScoreDesc[0]).toBe("Ben Okafor");
  expect(new Set(byScoreDesc.slice(1, 3))).toEqual(new Set(["Dana Wu", "Ada Byron"]));
  expect(byScoreDesc.slice(3)).toEqual(["Eli Stone", "carla Ruiz"]);
  const byScoreAsc = await walk({ ...filter, sort: "score", order: "asc" });
  expect(byScoreAsc[0]).toBe("Eli Stone");
  expect(byScoreAsc.slice(1, 3)).toEqual([...byScoreDesc.slice(1, 3)].reverse());
  expect(byScoreAsc.slice(3)).toEqual(["Ben Okafor", "carla Ruiz"]);
});

test("a row carries the latest completed score, the last activity and the person's applications", async () => {
  const first = await recruiter.jobs.create({ title: "Analyst", company: `Rows ${unique()}` });
  const second = await recruiter.jobs.create({ title: "Lead Analyst", company: `Rows ${unique()}` });
  const person = await recruiter.candidates.create({ name: "Row Person", email: email(), jobId: first.id });
  const [row] = (await viewer.candidates.list({ jobId: first.id })).items as [ListItem];
  expect(row.score).toBeNull();
  expect(row.applications).toEqual([
    {
      applicationId: person.application!.id,
      jobId: first.id,
      jobTitle: "Analyst",
      company: first.company,
      stageName: "Applied",
      outcome: "active",
    },
  ]);

  const later = await recruiter.applications.create({ candidateId: person.id, jobId: second.id });
  await completedWithPercentile(person.id, person.application!.id, 64.5, 3);
  const [again] = (await viewer.candidates.list({ jobId: first.id })).items as [ListItem];
  expect(again.score).toBe(64.5);
  expect(again.applications.map((a) => a.jobTitle)).toEqual(["Lead Analyst", "Analyst"]);
  expect(again.lastActivityAt.getTime()).toBe(later.lastActivityAt.getTime());
  expect(again.lastActivityAt.getTime()).toBeGreaterThan(row.lastActivityAt.getTime());
});

test("a cursor only continues the sort it was handed out for", async () => {
  const job = await recruiter.jobs.create({ title: "Tester", company: `Cursor ${unique()}` });
  for (const name of ["One", "Two", "Three"])
    await recruiter.candidates.create({ name, email: email(), jobId: job.id });
  const { nextCursor } = await viewer.candidates.list({ jobId: job.id, sort: "name", order: "asc", limit: 1 });
  expect(nextCursor).toEqual(expect.any(String));
  for (const other of [
    { sort: "name", order: "desc" },
    { sort: "added", order: "asc" },
    { sort: "score", order: "asc" },
  ] as const) {
    const error = await rejection(viewer.candidates.list({ jobId: job.id, ...other, cursor: nextCursor }));
    expect(errorShape(error).data).toMatchObject({
      reason: "invalid_input",
      fieldErrors: [{ path: "cursor", message: expect.stringMatching(/this sort/) }],
    });
  }
  const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const id = "0b6c2f64-9a43-4e0b-8d43-1f1c3b1f6f00";
  for (const [sort, key] of [
    ["added", "2026-02-30T00:00:00.000000Z"],
    ["added", "0000-01-01T00:00:00.000000Z"],
    ["activity", "2026-01-01 00:00:00+00"],
    ["score", "1e-400"],
    ["score", "NaN"],
    ["name", "a\u0000b"],
  ] as const) {
    const error = await rejection(
      viewer.candidates.list({ sort, order: "asc", cursor: forged([sort, "asc", key, id]) }),
    );
    expect({ key, reason: errorShape(error).data.reason }).toEqual({ key, reason: "invalid_input" });
  }
});

test("suggestions come from the data: companies and titles of jobs, domains and tags of people, any case or accent", async () => {
  const tag = `zoë-${unique()}`;
  const company = `Ångström Labs ${unique()}`;
  await recruiter.jobs.create({ title: "Data Wrangler", company });
  const busier = await recruiter.jobs.create({ title: "Other", company: company.toUpperCase() });
  await recruiter.candidates.create({
    name: "Suggested",
    email: email(),
    jobId: busier.id,
    tags: [tag, "remote"],
    assessmentDomains: ["PostgreSQL", "Rust"],
  });
  const suggest = (field: "company" | "role" | "domain" | "tag", prefix: string) =>
    viewer.candidates.suggestions({ field, prefix });

  // Two spellings of one company are one suggestion: the one with more applications.
  expect(await suggest("company", "angstrom")).toEqual([company.toUpperCase()]);
  expect(await suggest("company", "LABS")).toEqual([company.toUpperCase()]);
  expect(await suggest("role", "wrangl")).toEqual(["Data Wrangler"]);
  expect(await suggest("role", "ata")).toEqual([]);
  expect(await suggest("domain", "postg")).toEqual(["PostgreSQL"]);
  // The domain and tag filters match any case, in every script, whatever the server's locale.
  const listed = await viewer.candidates.list({
    domain: "postgresql",
    tag: tag.toUpperCase(),
    company: company.toUpperCase(),
  });
  expect(listed.items.map((c) => c.name)).toEqual(["Suggested"]);
  expect(await suggest("tag", tag.slice(0, 6).toUpperCase().replace("Ë", "E"))).toEqual([tag]);
  expect(await viewer.candidates.suggestions({ field: "tag", prefix: "", limit: 1 })).toHaveLength(1);
  const error = await rejection(viewer.candidates.suggestions({ field: "status" as never, prefix: "a" }));
  expect(errorShape(error).data.fieldErrors?.[0]?.path).toBe("field");
});

test("candidates.tag adds and removes tags on many people, skips who needs nothing, and audits each change", async () => {
  const job = await recruiter.jobs.create({ title: "Tagger", company: `Tags ${unique()}` });
  const a = await recruiter.candidates.create({ name: "Tag A", email: email(), jobId: job.id, tags: ["old"] });
  const b = await recruiter.candidates.create({ name: "Tag B", email: email(), jobId: job.id, tags: ["keep"] });
  const c = await recruiter.candidates.create({ name: "Tag C", email: email(), jobId: job.id, tags: ["hot"] });

  const { results } = await recruiter.candidates.tag({ ids: [a.id, b.id, c.id], add: ["Hot", "hot"], remove: ["old"] });
  expect(results).toEqual([
    { id: a.id, outcome: "done" },
    { id: b.id, outcome: "done" },
    { id: c.id, outcome: "skipped", reason: "Already tagged so" },
  ]);
  const got = async (id: string) => {
    const { tags, version } = await viewer.candidates.get({ id });
    return { tags, version };
  };
  expect(await got(a.id)).toEqual({ tags: ["hot"], version: 2 });
  expect(await got(b.id)).toEqual({ tags: ["keep", "hot"], version: 2 });
  expect(await got(c.id)).toEqual({ tags: ["hot"], version: 1 });
  expect((await viewer.candidates.list({ jobId: job.id, tag: "HOT" })).items.map((p) => p.name).sort()).toEqual([
    "Tag A",
    "Tag B",
    "Tag C",
  ]);

  const events = await admin.audit.list({ subjectId: a.id, limit: 10 });
  expect(events.items[0]).toMatchObject({
    action: "candidates.tag",
    before: { tags: ["old"] },
    after: { tags: ["hot"] },
  });

  // A stale edit made with the version read before the tagging is refused, not silently merged.
  const stale = await rejection(recruiter.candidates.update({ id: a.id, version: 1, name: "Renamed" }));
  expect(errorShape(stale).data.reason).toBe("stale_version");

  const missing = "0b6c2f64-9a43-4e0b-8d43-1f1c3b1f6f00";
  expect((await recruiter.candidates.tag({ ids: [missing], add: ["x"] })).results).toEqual([
    { id: missing, outcome: "skipped", reason: "No such candidate" },
  ]);
  expect((await rejection(viewer.candidates.tag({ ids: [a.id], add: ["x"] }))).code).toBe("FORBIDDEN");
  const nothing = await rejection(recruiter.candidates.tag({ ids: [a.id] }));
  expect(errorShape(nothing).data.fieldErrors).toEqual([{ path: "add", message: "Name a tag to add or remove" }]);
});

test("under a search the list is by relevance unless another sort is asked, and pages through it", async () => {
  const job = await recruiter.jobs.create({ title: "Searcher", company: `Search ${unique()}` });
  for (const name of ["Jonathan Brook", "John Jonsson", "Maria Jon", "Peter Pan"])
    await recruiter.candidates.create({ name, email: email(), jobId: job.id });
  const best = await walk({ jobId: job.id, search: "jon" });
  expect(new Set(best)).toEqual(new Set(["Jonathan Brook", "John Jonsson", "Maria Jon"]));
  expect(await walk({ jobId: job.id, search: "jon", sort: "relevance", order: "desc" })).toEqual(best);
  expect(await walk({ jobId: job.id, search: "jon", sort: "name", order: "asc" })).toEqual([
    "John Jonsson",
    "Jonathan Brook",
    "Maria Jon",
  ]);
  // Without a search there is nothing to rank: by date added.
  expect(await walk({ jobId: job.id, sort: "relevance", order: "desc" })).toEqual([
    "Peter Pan",
    "Maria Jon",
    "John Jonsson",
    "Jonathan Brook",
  ]);
});
