/**
 * The question bank through its procedures on a real database: create, read and versioned update; validation
 * naming fields; full-text search (ranking, web-search syntax) with filters and keyset pages; roles (import, export
 * and the starter bank: interviews-questions-import.test.ts).
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { QuestionListInput } from "@shortlist/api/schemas";
import { errorShape, rejection, rowCounts, useTestApi, type Caller } from "./helpers";
import { sampleQuestion } from "./interviews-questions-fixtures";

const api = useTestApi();
let recruiter: Caller;
let reviewer: Caller;
let viewer: Caller;
let recruiterId: string;

beforeAll(async () => {
  const signed = await api.signedIn("recruiter");
  recruiter = signed.caller;
  recruiterId = signed.user.id;
  reviewer = (await api.signedIn("reviewer")).caller;
  viewer = (await api.signedIn("viewer")).caller;
});

const questionCount = async () => (await rowCounts(api.db.orm, ["questions"])).questions!;

/** Every page of a list, in order. */
async function allPages(input: QuestionListInput) {
  const items = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page: Awaited<ReturnType<Caller["questions"]["list"]>> = await reviewer.questions.list({ ...input, cursor });
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
  throw new Error("more than 100 pages");
}

const texts = async (input: QuestionListInput) => (await allPages(input)).map((q) => q.text);

describe("create, get, update", () => {
  test("a question is stored with canonical skills, lower-cased tags and its author; get answers the same", async () => {
    const created = await recruiter.questions.create(
      sampleQuestion({
        skills: [" postgres ", "SQL", "PostgreSQL", "Query tuning"],
        tags: ["Backend", "backend ", "DB"],
      }),
    );
    expect(created).toMatchObject({
      version: 1,
      skills: ["PostgreSQL", "SQL", "Query tuning"],
      tags: ["backend", "db"],
      author: { id: recruiterId, name: "Test recruiter" },
      starter: false,
      active: true,
      timesAsked: 0,
      meanScore: null,
    });
    expect(created.rubric[1]).toEqual({
      name: "Index design",
      weight: 3,
      strongAnswer: "Proposes a composite index with the equality column first.",
      keywords: [],
    });
    expect(await reviewer.questions.get({ id: created.id })).toEqual(created);
    const [row] = await api.db.orm.em
      .fork()
      .execute<{ search_text: string }[]>("select search_text from questions where id = ?", [created.id]);
    expect(row!.search_text).toContain("sequential scan");
    expect(row!.search_text).toContain("composite index on (customer_id, created_at)");
  });

  test("an update changes only the fields given and bumps the version; an older version is stale", async () => {
    const created = await recruiter.questions.create(sampleQuestion({ text: "Versioned question about caching" }));
    const updated = await recruiter.questions.update({
      id: created.id,
      version: created.version,
      changes: { difficulty: 5, tags: ["Caching"] },
    });
    expect(updated).toMatchObject({ version: 2, difficulty: 5, tags: ["caching"], skills: created.skills });
    expect(updated.idealAnswer).toBe(created.idealAnswer);

    const stale = await rejection(
      recruiter.questions.update({ id: created.id, version: created.version, changes: { difficulty: 1 } }),
    );
    expect(errorShape(stale).data.reason).toBe("stale_version");
    expect((await reviewer.questions.get({ id: created.id })).difficulty).toBe(5);

    const same = await recruiter.questions.update({ id: created.id, version: 2, changes: { difficulty: 5 } });
    expect(same.version).toBe(2);

    const events = await api.db.orm.em
      .fork()
      .execute<{ action: string; change: { before: unknown; after: unknown } }[]>(
        "select action, change from audit_events where entity_kind = 'question' and entity_id = ? order by seq",
        [created.id],
      );
    expect(events.map((e) => e.action)).toEqual(["questions.create", "questions.update", "questions.update"]);
    expect(events[1]!.change).toEqual({
      before: { difficulty: 3, tags: ["databases", "performance"] },
      after: { difficulty: 5, tags: ["caching"] },
    });
    expect(events[2]!.change).toEqual({ before: {}, after: {} });
  });

  test("the search text follows an update of the rubric", async () => {
    const created = await recruiter.questions.create(
      sampleQuestion({ text: "Rubric search follows edits", tags: ["t-rubric"] }),
    );
    await recruiter.questions.update({
      id: created.id,
      version: 1,
      changes: { rubric: [{ name: "Idempotency", strongAnswer: "Explains zanzibar-style idempotency keys" }] },
    });
    expect(await texts({ q: "zanzibar", tags: ["t-rubric"] })).toEqual(["Rubric search follows edits"]);
    expect(await texts({ q: "sequential scan", tags: ["t-rubric"] })).toEqual([]);
  });

  test("a missing question is not_found with its kind and id", async () => {
    const id = "00000000-0000-4000-8000-000000000042";
    const error = await rejection(reviewer.questions.get({ id }));
    expect(errorShape(error).data).toMatchObject({ reason: "not_found", details: { kind: "question", id } });
    const update = await rejection(recruiter.questions.update({ id, version: 1, changes: { difficulty: 2 } }));
    expect(errorShape(update).data.reason).toBe("not_found");
  });

  test("invalid fields are refused, each named, and nothing is written", async () => {
    const before = await questionCount();
    const error = await rejection(
      recruiter.questions.create({
        ...sampleQuestion(),
        difficulty: 7,
        rubric: [],
        type: "trivia" as "technical",
        timeLimitSeconds: 5,
      }),
    );
    const data = errorShape(error).data;
    expect(data.reason).toBe("invalid_input");
    expect(data.fieldErrors?.map((f) => f.path).sort()).toEqual(["difficulty", "rubric", "timeLimitSeconds", "type"]);
    const criterion = await rejection(
      recruiter.questions.create(sampleQuestion({ rubric: [{ name: "", weight: 9, strongAnswer: "x" }] })),
    );
    expect(
      errorShape(criterion)
        .data.fieldErrors?.map((f) => f.path)
        .sort(),
    ).toEqual(["rubric.0.name", "rubric.0.weight"]);
    const unknown = await rejection(
      recruiter.questions.update({
        id: "00000000-0000-4000-8000-000000000042",
        version: 1,
        changes: { author: "me" } as never,
      }),
    );
    expect(errorShape(unknown).data.fieldErrors).toEqual([{ path: "changes.author", message: "Unknown field" }]);
    expect(await questionCount()).toBe(before);
  });
});

describe("search and filters", () => {
  const tag = "t-search";
  beforeAll(async () => {
    const add = (text: string, extra: Parameters<typeof sampleQuestion>[0] = {}) =>
      recruiter.questions.create(
        sampleQuestion({
          text,
          tags: [tag, ...(extra.tags ?? [])],
          rubric: [{ name: "Answer", strongAnswer: "A clear answer." }],
          idealAnswer: "",
          ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== "tags")),
        }),
      );
    // Created in this order: the newest first among equal ranks.
    await add("Pools are shared; describe how a database connection is opened by each worker.", {
      skills: ["PostgreSQL"],
      type: "system_design",
      difficulty: 4,
    });
    await add("How do you size a connection pool for a busy web service?", {
      skills: ["PostgreSQL", "Python"],
      difficulty: 3,
    });
    await add("When would a connection be dropped by a load balancer?", { skills: ["Kubernetes"], difficulty: 2 });
    await add("Compare Kafka with a traditional queue for order events.", {
      skills: ["Kafka"],
      type: "system_design",
      difficulty: 5,
      tags: ["messaging"],
    });
    await add("What does RabbitMQ give you that a database table does not?", {
      skills: ["RabbitMQ"],
      difficulty: 3,
      tags: ["messaging"],
    });
    await add("Tell me about a time you calmed an upset patient.", {
      skills: ["Patient care"],
      type: "behavioural",
      difficulty: 1,
      active: false,
    });
  });

  test("the question that holds the phrase ranks first; every match carries its rank", async () => {
    const found = await allPages({ q: "connection pool", tags: [tag] });
    expect(found.map((q) => q.text)).toEqual([
      "How do you size a connection pool for a busy web service?",
      "Pools are shared; describe how a database connection is opened by each worker.",
    ]);
    expect(found[0]!.rank).toBeGreaterThan(found[1]!.rank!);
    const plain = await reviewer.questions.list({ tags: [tag] });
    expect(plain.items.every((q) => q.rank === null)).toBe(true);
  });

  test('web-search syntax: "an exact phrase", -excluded words, or', async () => {
    expect(await texts({ q: '"connection pool"', tags: [tag] })).toEqual([
      "How do you size a connection pool for a busy web service?",
    ]);
    expect(await texts({ q: "connection -pool", tags: [tag] })).toEqual([
      "When would a connection be dropped by a load balancer?",
    ]);
    expect((await texts({ q: "kafka or rabbitmq", tags: [tag] })).sort()).toEqual([
      "Compare Kafka with a traditional queue for order events.",
      "What does RabbitMQ give you that a database table does not?",
    ]);
    // Stemmed: "pools" finds "pool" and "Pools".
    expect(await texts({ q: "pools", tags: [tag] })).toHaveLength(2);
    // Words only full-text search ignores find nothing rather than everything.
    expect(await texts({ q: "the", tags: [tag] })).toEqual([]);
  });

  test("skills: all of them, or any of them (written any way the skills list knows)", async () => {
    expect(await texts({ tags: [tag], skills: ["postgres", "python"], skillsMatch: "all" })).toEqual([
      "How do you size a connection pool for a busy web service?",
    ]);
    expect(await texts({ tags: [tag], skills: ["postgres", "python"], skillsMatch: "any" })).toEqual([
      "How do you size a connection pool for a busy web service?",
      "Pools are shared; describe how a database connection is opened by each worker.",
    ]);
  });

  test("tags overlap, types, difficulty range, active", async () => {
    expect(await texts({ tags: ["Messaging"] })).toEqual([
      "What does RabbitMQ give you that a database table does not?",
      "Compare Kafka with a traditional queue for order events.",
    ]);
    expect(await texts({ tags: [tag], types: ["system_design"] })).toEqual([
      "Compare Kafka with a traditional queue for order events.",
      "Pools are shared; describe how a database connection is opened by each worker.",
    ]);
    expect(await texts({ tags: [tag], difficultyMin: 3, difficultyMax: 4 })).toEqual([
      "What does RabbitMQ give you that a database table does not?",
      "How do you size a connection pool for a busy web service?",
      "Pools are shared; describe how a database connection is opened by each worker.",
    ]);
    expect(await texts({ tags: [tag], active: false })).toEqual(["Tell me about a time you calmed an upset patient."]);
    expect(await texts({ tags: [tag], active: "all" })).toHaveLength(6);
    expect(await texts({ tags: [tag] })).toHaveLength(5);
    const range = await rejection(reviewer.questions.list({ difficultyMin: 4, difficultyMax: 2 }));
    expect(errorShape(range).data.fieldErrors).toEqual([
      { path: "difficultyMax", message: "Must not be below the minimum" },
    ]);
  });

  test("the list's search expression and skills filter can use their GIN indexes", async () => {
    const plan = await api.db.orm.em.fork().transactional(async (em) => {
      await em.execute("set local enable_seqscan = off");
      return em.execute<{ "QUERY PLAN": string }[]>(
        `explain select id from questions q
          where to_tsvector('english', q.search_text) @@ websearch_to_tsquery('english', 'pool')
            and q.skills && array['PostgreSQL']::text[]`,
      );
    });
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/Bitmap Index Scan on (questions_search_idx|questions_skills_gin_idx)/);
    expect(text).not.toMatch(/Seq Scan/);
  });
});

describe("keyset pages", () => {
  const tag = "t-pages";
  beforeAll(async () => {
    const rows = Array.from({ length: 23 }, (_, i) => ({
      line: i + 1,
      ...sampleQuestion({
        text: `Paging question ${i + 1}: explain ${i % 2 ? "replication lag" : "replication slots and lag"} ${i}`,
        tags: [tag],
      }),
    }));
    await recruiter.questions.import({ rows });
  });

  test("newest first and searched: every question once, pages of the limit, then no cursor", async () => {
    for (const q of [undefined, "replication lag"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<Caller["questions"]["list"]>> = await reviewer.questions.list({
          q,
          tags: [tag],
          limit: 5,
          cursor,
        });
        expect(page.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(23);
      const whole = await reviewer.questions.list({ q, tags: [tag], limit: 100 });
      expect(seen).toEqual(whole.items.map((i) => i.id));
    }
  });

  test("a cursor that is not one, or from the other kind of list, is refused on cursor", async () => {
    const searched = await reviewer.questions.list({ q: "replication", tags: [tag], limit: 2 });
    const wrongKind = await rejection(reviewer.questions.list({ tags: [tag], cursor: searched.nextCursor }));
    expect(errorShape(wrongKind).data.fieldErrors).toEqual([{ path: "cursor", message: expect.any(String) as string }]);
    const forged = Buffer.from(
      JSON.stringify(["s", "1; drop table questions", "2026-01-01T00:00:00.000000Z", "x"]),
    ).toString("base64url");
    expect(errorShape(await rejection(reviewer.questions.list({ q: "x", cursor: forged }))).data.reason).toBe(
      "invalid_input",
    );
  });
});

describe("roles", () => {
  test("a viewer may not create nor list; a reviewer lists and reads but may not create, import or load", async () => {
    expect(errorShape(await rejection(viewer.questions.create(sampleQuestion()))).data.reason).toBe("forbidden");
    expect(errorShape(await rejection(viewer.questions.list({}))).data.reason).toBe("forbidden");
    expect((await reviewer.questions.list({ limit: 1 })).items).toHaveLength(1);
    expect(errorShape(await rejection(reviewer.questions.create(sampleQuestion()))).data.reason).toBe("forbidden");
    expect(
      errorShape(await rejection(reviewer.questions.import({ rows: [{ line: 1, ...sampleQuestion() }] }))).data.reason,
    ).toBe("forbidden");
    expect(errorShape(await rejection(reviewer.questions.loadStarterBank())).data.reason).toBe("forbidden");
  });
});
