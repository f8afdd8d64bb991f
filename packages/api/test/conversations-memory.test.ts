/**
 * Episodic memory on a real database: storing (one statement, duplicates raise importance instead), retrieval by
 * relevance × importance × recency (the GIN-indexed full-text match, a 30-day half-life), access counting by the
 * pipeline's retrieval only, and the memories / addMemory / deleteMemory procedures.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { retrieveMemories, storeMemories, type NewMemory } from "../src/conversations/engine/memory";
import { rejection, useTestApi } from "./helpers";

const api = useTestApi();
let recruiter: Awaited<ReturnType<typeof api.signedIn>>["caller"];
let personaId: string;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

beforeAll(async () => {
  recruiter = (await api.signedIn("recruiter")).caller;
  const [persona] = await sql<{ id: string }>(
    "insert into personas (name, template) values (?, 'You are helpful.') returning id",
    [`Memory persona ${randomUUID()}`],
  );
  personaId = persona!.id;
});

async function newConversation() {
  const [row] = await sql<{ id: string }>(
    "insert into conversations (title, persona_id, provider) values ('Memory test', ?, 'builtin') returning id",
    [personaId],
  );
  return row!.id;
}

const store = (conversationId: string, memories: NewMemory[]) =>
  storeMemories(api.db.orm.em.fork(), { conversationId, personaId, messageId: null }, memories);

const retrieve = (conversationId: string, query: string, k = 10, touch = false) =>
  retrieveMemories(api.db.orm.em.fork(), conversationId, query, k, { touch });

const fact = (content: string, importance = 0.5): NewMemory => ({ content, type: "fact", importance });

/** Moves a memory's creation (and no access) `days` into the past. */
const age = (conversationId: string, content: string, days: number) =>
  sql(
    "update conversation_memories set created_at = now() - make_interval(days => ?), last_accessed_at = null where conversation_id = ? and content = ?",
    [days, conversationId, content],
  );

describe("storeMemories", () => {
  test("stores all in one go; an equal memory (case and spaces aside) raises the existing one's importance", async () => {
    const id = await newConversation();
    await store(id, [fact("Our team uses Kotlin", 0.4), fact("I prefer mornings", 0.6)]);
    await store(id, [
      fact("  our team USES kotlin ", 0.9),
      fact("I prefer mornings", 0.2),
      fact("We ship weekly", 0.5),
    ]);
    const rows = await sql<{ content: string; importance: number }>(
      "select content, importance from conversation_memories where conversation_id = ? order by content",
      [id],
    );
    expect(rows.map((r) => [r.content, Number(r.importance)])).toEqual([
      ["I prefer mornings", 0.6],
      ["Our team uses Kotlin", 0.9],
      ["We ship weekly", 0.5],
    ]);
  });

  test("nothing to store is a no-op; another conversation's equal memory is its own", async () => {
    const [a, b] = [await newConversation(), await newConversation()];
    await store(a, []);
    await store(a, [fact("The budget is 90k EUR")]);
    await store(b, [fact("The budget is 90k EUR")]);
    const [row] = await sql<{ n: string }>(
      "select count(*) as n from conversation_memories where conversation_id in (?, ?)",
      [a, b],
    );
    expect(Number(row!.n)).toBe(2);
  });
});

describe("retrieveMemories", () => {
  test("the more relevant memory ranks first; an irrelevant one is not returned at all", async () => {
    const id = await newConversation();
    await store(id, [
      fact("Kubernetes came up once"),
      fact("The candidate knows Kubernetes and Terraform, Terraform mostly"),
      fact("Lunch is served at noon daily"),
    ]);
    const found = await retrieve(id, "kubernetes or terraform");
    expect(found.map((m) => m.content)).toEqual([
      "The candidate knows Kubernetes and Terraform, Terraform mostly",
      "Kubernetes came up once",
    ]);
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score!);
    expect(await retrieve(id, "payroll")).toEqual([]);
  });

  test("the pipeline's retrieval matches any word of a message; the search box needs all of them", async () => {
    const id = await newConversation();
    await store(id, [
      fact("Kubernetes came up once"),
      fact("The candidate knows Kubernetes and Terraform, Terraform mostly"),
      fact("Lunch is served at noon daily"),
    ]);
    const message = 'How is the Terraform work going, and is -Kubernetes "still" or not on the plan?';
    expect((await retrieve(id, message)).map((m) => m.content)).toEqual([
      "The candidate knows Kubernetes and Terraform, Terraform mostly",
      "Kubernetes came up once",
    ]);
    expect(await recruiter.conversations.memories({ conversationId: id, query: "kubernetes lunch" })).toEqual([]);
    const both = await recruiter.conversations.memories({ conversationId: id, query: "kubernetes terraform" });
    expect(both.map((m) => m.content)).toEqual(["The candidate knows Kubernetes and Terraform, Terraform mostly"]);
  });

  test("importance breaks a tie of relevance", async () => {
    const id = await newConversation();
    await store(id, [fact("Salary range discussed for Berlin", 0.2), fact("Salary range agreed for Munich", 0.9)]);
    const found = await retrieve(id, "salary range");
    expect(found.map((m) => m.content)).toEqual([
      "Salary range agreed for Munich",
      "Salary range discussed for Berlin",
    ]);
    expect(found[0]!.score! / found[1]!.score!).toBeCloseTo((0.5 + 0.9) / (0.5 + 0.2), 2);
  });

  test("an old memory decays below a fresh equally relevant one: half its weight after 30 days", async () => {
    const id = await newConversation();
    await store(id, [fact("Remote work two days a week", 0.9), fact("Remote work three days a week", 0.5)]);
    await age(id, "Remote work two days a week", 60);
    const found = await retrieve(id, "remote work");
    expect(found.map((m) => m.content)).toEqual(["Remote work three days a week", "Remote work two days a week"]);
    // 60 days is two half-lives: (0.5 + 0.9) / 4 against (0.5 + 0.5).
    expect(found[1]!.score! / found[0]!.score!).toBeCloseTo(1.4 / 4 / 1.0, 2);
  });

  test("touch counts an access for the returned memories only; browsing counts none", async () => {
    const id = await newConversation();
    await store(id, [fact("Onboarding takes two weeks"), fact("The office is in Utrecht")]);
    await retrieve(id, "onboarding", 5, false);
    const touched = await retrieve(id, "onboarding", 5, true);
    expect(touched.map((m) => m.content)).toEqual(["Onboarding takes two weeks"]);
    await recruiter.conversations.memories({ conversationId: id, query: "onboarding" });
    const rows = await sql<{ content: string; access_count: number; last_accessed_at: string | null }>(
      "select content, access_count, last_accessed_at from conversation_memories where conversation_id = ? order by content",
      [id],
    );
    expect(rows.map((r) => [r.content, r.access_count, r.last_accessed_at !== null])).toEqual([
      ["Onboarding takes two weeks", 1, true],
      ["The office is in Utrecht", 0, false],
    ]);
  });

  test("an empty query, or one of stop words only, ranks the newest by importance × recency, without scores", async () => {
    const id = await newConversation();
    await store(id, [
      fact("First memory stored here"),
      fact("Second memory stored here"),
      fact("Third one"),
      fact("Important but older", 1),
    ]);
    await age(id, "First memory stored here", 3);
    await age(id, "Second memory stored here", 2);
    await age(id, "Third one", 1);
    // 1 × 2^(-10/30) ≈ 0.79 outweighs 0.5 × 2^(-1/30) ≈ 0.49.
    await age(id, "Important but older", 10);
    for (const query of ["", "the and of"]) {
      const found = await retrieve(id, query, 3);
      expect(found.map((m) => [m.content, m.score])).toEqual([
        ["Important but older", null],
        ["Third one", null],
        ["Second memory stored here", null],
      ]);
    }
  });

  test("websearch syntax is safe: quotes, minus and stray operators never fail", async () => {
    const id = await newConversation();
    await store(id, [fact("Senior backend engineer in Go"), fact("Senior frontend engineer in React")]);
    const search = (query: string) => recruiter.conversations.memories({ conversationId: id, query });
    expect((await search('"senior backend" -react')).map((m) => m.content)).toEqual(["Senior backend engineer in Go"]);
    for (const query of ["& | ! ( ) :*", "'; drop table x; --", "?? ?", "or or -", '"unclosed']) {
      await expect(search(query)).resolves.toBeDefined();
      await expect(retrieve(id, query)).resolves.toBeDefined();
    }
  });
});

describe("procedures", () => {
  test("add, list and delete, audited; a duplicate raises importance instead of adding", async () => {
    const id = await newConversation();
    const added = await recruiter.conversations.addMemory({
      conversationId: id,
      content: "Prefers async standups",
      type: "preference",
      importance: 0.3,
    });
    expect(added).toMatchObject({
      content: "Prefers async standups",
      type: "preference",
      importance: 0.3,
      accessCount: 0,
      score: null,
    });
    const again = await recruiter.conversations.addMemory({
      conversationId: id,
      content: "prefers ASYNC standups",
      importance: 0.8,
    });
    expect(again).toMatchObject({ id: added.id, importance: 0.8 });
    await recruiter.conversations.addMemory({ conversationId: id, content: "Team of six in Lisbon" });

    const listed = await recruiter.conversations.memories({ conversationId: id });
    expect(listed.map((m) => m.content).sort()).toEqual(["Prefers async standups", "Team of six in Lisbon"]);
    const searched = await recruiter.conversations.memories({ conversationId: id, query: "standups" });
    expect(searched.map((m) => m.id)).toEqual([added.id]);
    expect(searched[0]!.score).toBeGreaterThan(0);

    expect(await recruiter.conversations.deleteMemory({ id: added.id })).toEqual({ id: added.id });
    expect((await recruiter.conversations.memories({ conversationId: id })).map((m) => m.content)).toEqual([
      "Team of six in Lisbon",
    ]);
    expect((await rejection(recruiter.conversations.deleteMemory({ id: added.id }))).code).toBe("NOT_FOUND");

    const events = await sql<{ action: string }>(
      "select action from audit_events where entity_kind = 'memory' and entity_id = ? order by id",
      [added.id],
    );
    expect(events.length).toBe(3);
  });

  test("an unknown conversation is not found", async () => {
    const unknown = randomUUID();
    for (const call of [
      () => recruiter.conversations.memories({ conversationId: unknown }),
      () => recruiter.conversations.memories({ conversationId: unknown, query: "anything" }),
      () => recruiter.conversations.addMemory({ conversationId: unknown, content: "Something to remember" }),
    ]) {
      const error = await rejection(call());
      expect(error.code).toBe("NOT_FOUND");
    }
  });
});
