/** The board (columns of cards per stage) and the list view (keyset-paged in every sort) of one job. */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { errorShape, rejection, signedIn, useTestApi, type Caller } from "./helpers";

const { db, deps } = useTestApi();
let recruiter: Caller;
let viewer: Caller;
beforeAll(async () => {
  recruiter = (await signedIn(deps, "recruiter")).caller;
  viewer = (await signedIn(deps, "viewer")).caller;
});

const unique = () => randomBytes(4).toString("hex");
const email = () => `p-${unique()}@example.com`;

/** A completed (or running) assessment of the application, written straight to the table: its percentile is the score. */
async function assessed(
  applicationId: string,
  candidateId: string,
  percentile: number | null,
  completedAt: string | null,
) {
  await db.orm.em.fork().execute(
    `insert into assessments (candidate_id, application_id, status, role, company, started_at, completed_at, percentile)
     values (?, ?, ?, 'Role', 'Company', now(), ?, ?)`,
    [candidateId, applicationId, completedAt ? "completed" : "in_progress", completedAt, percentile],
  );
}

describe("jobs.board", () => {
  test("one column per stage in order, cards longest-in-stage first, `more` past perStage, closed ones counted apart", async () => {
    const job = await recruiter.jobs.create({ title: "Planner", company: `Umbrella ${unique()}` });
    const [, screening, , , , hired] = job.stages;
    const people: Awaited<ReturnType<Caller["candidates"]["create"]>>[] = [];
    for (const name of ["Ann", "Ben", "Cid", "Dot", "Eve", "Fay"])
      people.push(
        await recruiter.candidates.create({ name, email: email(), jobId: job.id, tags: [name.toLowerCase()] }),
      );
    const app = (i: number) => people[i]!.application!;
    // Ben, then Ann, enter Screening: Ben has been there longer.
    await recruiter.applications.move({ id: app(1).id, version: app(1).version, stageId: screening!.id });
    await recruiter.applications.move({ id: app(0).id, version: app(0).version, stageId: screening!.id });
    await recruiter.applications.move({ id: app(5).id, version: app(5).version, stageId: hired!.id });
    const [reason] = await viewer.rejectionReasons.list();
    await recruiter.applications.reject({ id: app(4).id, version: app(4).version, reasonId: reason!.id });
    // Ann's score is her latest completed assessment's percentile; a running one does not count.
    await assessed(app(0).id, people[0]!.id, 40, "2026-01-01T00:00:00Z");
    await assessed(app(0).id, people[0]!.id, 72.5, "2026-02-01T00:00:00Z");
    await assessed(app(0).id, people[0]!.id, 99, null);

    const board = await viewer.jobs.board({ jobId: job.id, perStage: 1 });
    expect(board.job.id).toBe(job.id);
    expect(board.columns.map((c) => c.stageId)).toEqual(job.stages.map((s) => s.id));
    expect(board.closed).toEqual({ rejected: 1, withdrawn: 0 });
    const column = (i: number) => board.columns[i]!;
    // Applied holds Cid and Dot (Eve was rejected): one shown, more to read.
    expect(column(0).cards.map((c) => c.name)).toEqual(["Cid"]);
    expect(column(0).more).toBe(true);
    expect(column(1).cards.map((c) => c.name)).toEqual(["Ben"]);
    expect(column(1).more).toBe(true);
    expect(column(5).cards).toEqual([
      expect.objectContaining({ name: "Fay", outcome: "hired", tags: ["fay"], score: null }),
    ]);
    expect(column(2)).toEqual({ stageId: job.stages[2]!.id, cards: [], more: false, nextCursor: null });
    // "Load more" on a column: the list in the column's order, from the column's cursor.
    const rest = await viewer.applications.list({
      jobId: job.id,
      stageId: job.stages[0]!.id,
      sort: "entered",
      cursor: column(0).nextCursor!,
    });
    expect(rest).toMatchObject({ items: [{ name: "Dot", stageName: "Applied" }], nextCursor: null });

    const full = await viewer.jobs.board({ jobId: job.id });
    expect(full.columns[1]!.cards).toEqual([
      expect.objectContaining({ name: "Ben", score: null }),
      {
        applicationId: app(0).id,
        version: app(0).version + 1,
        candidateId: people[0]!.id,
        name: "Ann",
        tags: ["ann"],
        score: 72.5,
        interviewScore: null,
        stageEnteredAt: expect.any(Date),
        lastActivityAt: expect.any(Date),
        outcome: "active",
      },
    ]);
    expect(full.columns.map((c) => c.cards.length)).toEqual(full.job.stages.map((s) => s.count));
    expect(full.columns.every((c) => !c.more && c.nextCursor === null)).toBe(true);
    const entered = full.columns[0]!.cards.map((c) => c.stageEnteredAt.getTime());
    expect(entered).toEqual([...entered].sort((a, b) => a - b));
  });

  test("the same few statements whatever the number of stages and cards (no statement per column)", async () => {
    /** The statements a call runs, as the ORM's query log sees them. */
    const statementsOf = async (call: () => Promise<unknown>) => {
      const { config } = deps.orm;
      const logger = config.getLogger() as unknown as { writer: (line: string) => void };
      const writer = logger.writer;
      const lines: string[] = [];
      logger.writer = (line) => lines.push(line);
      config.set("debug", ["query"]);
      try {
        await call();
      } finally {
        config.set("debug", false);
        logger.writer = writer;
      }
      return lines.filter((line) => line.includes("[query]")).length;
    };
    const small = await recruiter.jobs.create({ title: "Small", company: `Few ${unique()}` });
    const large = await recruiter.jobs.create({ title: "Large", company: `Many ${unique()}` });
    for (let i = 0; i < 14; i++) await recruiter.stages.add({ jobId: large.id, name: `Round ${i}` });
    for (let i = 0; i < 5; i++) await recruiter.candidates.create({ name: `L${i}`, email: email(), jobId: large.id });
    const few = await statementsOf(() => viewer.jobs.board({ jobId: small.id }));
    const many = await statementsOf(() => viewer.jobs.board({ jobId: large.id }));
    expect(many).toBe(few);
    expect(few).toBeGreaterThanOrEqual(3);
    expect(few).toBeLessThanOrEqual(5);
  });

  test("perStage is 1 to 200; an unknown job is not_found", async () => {
    const job = await recruiter.jobs.create({ title: "Planner", company: `Umbrella ${unique()}` });
    const tooMany = errorShape(await rejection(viewer.jobs.board({ jobId: job.id, perStage: 201 })));
    expect(tooMany.data.fieldErrors?.[0]?.path).toBe("perStage");
    const ghost = errorShape(await rejection(viewer.jobs.board({ jobId: "00000000-0000-4000-8000-000000000000" })));
    expect(ghost.data.reason).toBe("not_found");
  });
});

describe("applications.list", () => {
  let jobId: string;
  let stageIds: string[];
  beforeAll(async () => {
    const job = await recruiter.jobs.create({ title: "Sorter", company: `Initrode ${unique()}` });
    jobId = job.id;
    stageIds = job.stages.map((s) => s.id);
    const names = ["bob", "Alice", "carol", "Dave", "eve", "Frank", "alice", "Gus"];
    const scores = [55, null, 90, 10, null, 55, 70, 0];
    for (const [i, name] of names.entries()) {
      const person = await recruiter.candidates.create({ name, email: email(), jobId });
      if (scores[i] !== null) await assessed(person.application!.id, person.id, scores[i]!, "2026-03-01T00:00:00Z");
    }
    // Activity in another order than creation: every other one moved on.
    const page = await viewer.applications.list({ jobId, limit: 200 });
    for (const item of page.items.filter((_, i) => i % 2 === 1).reverse())
      await recruiter.applications.move({ id: item.applicationId, version: item.version, stageId: stageIds[1]! });
  });

  type Item = Awaited<ReturnType<Caller["applications"]["list"]>>["items"][number];
  const keyOf: Record<string, (item: Item) => string | number> = {
    name: (i) => i.name.toLowerCase(),
    added: (i) => i.addedAt.getTime(),
    activity: (i) => i.lastActivityAt.getTime(),
    entered: (i) => i.stageEnteredAt.getTime(),
  };

  async function everyPage(input: Omit<Parameters<Caller["applications"]["list"]>[0], "cursor">) {
    const items: Item[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await viewer.applications.list({ ...input, ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 50);
    return { items, pages };
  }

  for (const sort of ["name", "added", "activity", "entered", "score"] as const)
    for (const direction of ["asc", "desc"] as const)
      test(`sort ${sort} ${direction}: pages of 3 add up to the whole list, in order, none twice`, async () => {
        const { items, pages } = await everyPage({ jobId, sort, direction, limit: 3 });
        expect(pages).toBe(3);
        expect(items).toHaveLength(8);
        expect(new Set(items.map((i) => i.applicationId)).size).toBe(8);
        const sign = direction === "asc" ? 1 : -1;
        const compare = (a: Item, b: Item) => {
          if (sort === "score") {
            // Unscored last either way.
            if ((a.score === null) !== (b.score === null)) return a.score === null ? 1 : -1;
            if (a.score !== b.score) return sign * ((a.score ?? 0) - (b.score ?? 0));
          } else {
            const [x, y] = [keyOf[sort]!(a), keyOf[sort]!(b)];
            if (x !== y) return sign * (x < y ? -1 : 1);
          }
          return sign * (a.applicationId < b.applicationId ? -1 : 1);
        };
        expect(items.map((i) => i.applicationId)).toEqual([...items].sort(compare).map((i) => i.applicationId));
        if (sort === "score") expect(items.slice(-2).map((i) => i.score)).toEqual([null, null]);
      });

  test("rows carry the stage; stageId and outcome filter; active and hired by default", async () => {
    const all = await viewer.applications.list({ jobId, limit: 200 });
    const inScreening = await viewer.applications.list({ jobId, stageId: stageIds[1]!, limit: 200 });
    expect(inScreening.items).toHaveLength(4);
    expect(inScreening.items.every((i) => i.stageId === stageIds[1] && i.stageName === "Screening")).toBe(true);
    const victim = all.items[0]!;
    const [reason] = await viewer.rejectionReasons.list();
    await recruiter.applications.reject({ id: victim.applicationId, version: victim.version, reasonId: reason!.id });
    const rejected = await viewer.applications.list({ jobId, outcome: "rejected" });
    expect(rejected.items.map((i) => [i.applicationId, i.outcome])).toEqual([[victim.applicationId, "rejected"]]);
    expect((await viewer.applications.list({ jobId, limit: 200 })).items).toHaveLength(7);
    const reopened = await recruiter.applications.reopen({ id: victim.applicationId, version: victim.version + 1 });
    expect(reopened.outcome).toBe("active");
  });

  test("a cursor of another sort, or garbage, is refused on the cursor field; limit is at most 200", async () => {
    const first = await viewer.applications.list({ jobId, sort: "name", limit: 2 });
    for (const input of [
      { jobId, sort: "added" as const, cursor: first.nextCursor! },
      { jobId, sort: "name" as const, direction: "desc" as const, cursor: first.nextCursor! },
      { jobId, cursor: "not-a-cursor" },
      { jobId, sort: "name" as const, cursor: Buffer.from('["name","asc",1,"x"]').toString("base64url") },
    ]) {
      const refused = errorShape(await rejection(viewer.applications.list(input)));
      expect(refused.data.fieldErrors?.[0]?.path).toBe("cursor");
    }
    const tooMany = errorShape(await rejection(viewer.applications.list({ jobId, limit: 201 })));
    expect(tooMany.data.fieldErrors?.[0]?.path).toBe("limit");
  });
});
