/**
 * Memory retrieval at scale (issue #11): 100,000 memories in one conversation (seeded inside PostgreSQL with
 * generate_series, sentences from a small vocabulary), then `conversations.memories` over HTTP with a query (the
 * GIN-indexed full-text match ranked by relevance × importance × recency) and without one (importance × recency
 * over the whole conversation), against a baseline route running the same statement raw through `pg`
 * (packages/api/src/conversations/engine/memory.ts `retrievalSql`, written out here by hand). Target ≥ 0.5×.
 */
import { createServer } from "node:http";
import type { Request, Response } from "express";
import pg from "pg";
import { listenOnLoopback } from "@shortlist/db/net";
import { createBaselineApp } from "../baseline-server";
import { auth, trpcInput, type Row, type ScenarioContext } from "./context";
import { fetchJson, measureBoth } from "./http";

export const MEMORY_ROWS = 100_000;

const SUBJECTS = ["I", "We", "Our team", "The hiring manager", "The candidate", "My colleague", "The company"];
const VERBS = ["prefers", "mentioned", "needs", "discussed", "will review", "finished", "planned", "asked about"];
const OBJECTS = [
  "remote work two days a week",
  "the Kubernetes migration",
  "the salary range in euros",
  "Python services for billing",
  "a Postgres upgrade",
  "the onboarding plan",
  "night shifts on the ICU ward",
  "the sales pipeline for Benelux",
  "customer escalations",
  "a Terraform rewrite",
  "the quarterly hiring budget",
  "a React design system",
  "pair programming sessions",
  "the on-call rotation",
  "visa sponsorship for new hires",
  "the take-home assignment",
  "a move to Amsterdam",
  "mentoring junior engineers",
  "the product roadmap",
  "weekly one-on-ones",
  "a data warehouse in Snowflake",
  "the interview loop",
  "parental leave policy",
  "a bonus tied to targets",
  "the Java monolith",
  "travel to client sites",
  "a four-day week trial",
  "the security audit",
  "account executives in Germany",
  "patient handovers",
];
const WHENS = [
  "last year",
  "next week",
  "on Monday",
  "in 2024",
  "yesterday",
  "every sprint",
  "before the launch",
  "after the merger",
  "this quarter",
  "two weeks ago",
  "by Friday",
  "during the offsite",
  "in March",
];

/** The query measured: three words that meet in about 1 in 400 memories (the object and the time word). */
export const MEMORY_QUERY = "kubernetes migration merger";

const sqlArray = (values: readonly string[]) => `array[${values.map((v) => pg.escapeLiteral(v)).join(", ")}]`;

/** A persona and a conversation with `rows` memories; returns the conversation's id and the seconds it took. */
export async function seedMemories(client: pg.Client, rows = MEMORY_ROWS) {
  const started = performance.now();
  // The full-text index is built once after the insert rather than row by row during it (as seed.ts does).
  const {
    rows: [search],
  } = await client.query<{ indexdef: string }>(
    "select indexdef from pg_indexes where indexname = 'conversation_memories_search_idx'",
  );
  await client.query("begin");
  if (search) await client.query("drop index conversation_memories_search_idx");
  const {
    rows: [persona],
  } = await client.query<{ id: string }>(
    "insert into personas (name, template) values ('Bench memory persona', 'You remember things.') returning id",
  );
  const {
    rows: [conversation],
  } = await client.query<{ id: string }>(
    "insert into conversations (title, persona_id, provider) values ('Bench memories', $1, 'builtin') returning id",
    [persona!.id],
  );
  // Co-prime strides through each list, so that the sentences vary rather than repeat in one cycle.
  const pick = (list: readonly string[], stride: number) => `(${sqlArray(list)})[1 + (g * ${stride}) % ${list.length}]`;
  await client.query(
    `insert into conversation_memories (conversation_id, persona_id, content, type, importance, created_at, updated_at,
                                        last_accessed_at, access_count)
     select $1, $2,
            ${pick(SUBJECTS, 1)} || ' ' || ${pick(VERBS, 3)} || ' ' || ${pick(OBJECTS, 7)} || ' ' || ${pick(WHENS, 11)}
              || case when g % 5 = 0 then ', which really matters for hire number ' || g else '.' end,
            (array['fact', 'preference', 'event', 'commitment']::memory_type[])[1 + g % 4],
            ((g * 7919) % 100) / 100.0,
            now() - ((g * 7) % 365) * interval '1 day' - (g % 86400) * interval '1 second',
            now(),
            case when g % 10 = 0 then now() - (g % 30) * interval '1 day' end,
            case when g % 10 = 0 then 1 + g % 5 else 0 end
       from generate_series(1, $3::int) as g`,
    [conversation!.id, persona!.id, rows],
  );
  if (search) {
    await client.query("set local maintenance_work_mem = '256MB'");
    await client.query(search.indexdef);
  }
  await client.query("commit");
  await client.query("vacuum analyze conversation_memories");
  return { conversationId: conversation!.id, seconds: (performance.now() - started) / 1000 };
}

/** The service's statement (engine/memory.ts `retrievalSql` with touch off), as the baseline runs it: $1 query, $2 conversation, $3 k. */
const recency = (t: string) =>
  `exp(-ln(2) * extract(epoch from (now() - coalesce(${t}.last_accessed_at, ${t}.created_at))) / 86400.0 / 30)`;
const RECENCY = recency("m");
const COLUMNS = "m.id, m.content, m.type, m.importance, m.message_id, m.access_count, m.last_accessed_at, m.created_at";
const RETRIEVAL_SQL = `
  with found as (
    (select ${COLUMNS},
            ts_rank_cd(to_tsvector('english', m.content), websearch_to_tsquery('english', $1)) * (0.5 + m.importance) * ${RECENCY} as score
       from conversation_memories m
      where m.conversation_id = $2 and numnode(websearch_to_tsquery('english', $1)) > 0
        and to_tsvector('english', m.content) @@ websearch_to_tsquery('english', $1)
      order by score desc, m.created_at desc, m.id desc
      limit $3)
    union all
    (select m.*, null::float8 as score
       from (select ${COLUMNS}
               from conversation_memories m
              where m.conversation_id = $2 and numnode(websearch_to_tsquery('english', $1)) = 0
              order by m.created_at desc, m.id desc
              limit 200) m
      order by m.importance * ${RECENCY} desc, m.created_at desc, m.id desc
      limit $3)),
  conversation as (select c.id from conversations c where c.id = $2)
  select found.* from conversation left join found on true
   order by found.score desc nulls last, found.importance * ${recency("found")} desc, found.created_at desc, found.id desc`;

interface MemoryRow {
  id: string | null;
  content: string;
  type: string;
  importance: number;
  message_id: string | null;
  access_count: number;
  last_accessed_at: Date | null;
  created_at: Date;
  score: number | null;
}

/** The baseline's server: the shared baseline app (token lookup) with a conversations.memories route of its own. */
async function startMemoryBaseline(config: pg.PoolConfig) {
  const pool = new pg.Pool(config);
  pool.on("error", () => {});
  const app = createBaselineApp(pool);
  app.get("/trpc/conversations.memories", async (req: Request, res: Response) => {
    try {
      if (res.locals.role !== "admin" && res.locals.role !== "recruiter") return void res.status(403).end();
      const input = (JSON.parse(String(req.query.input)) as { json: Record<string, unknown> }).json;
      const query = typeof input.query === "string" ? input.query.trim() : "";
      const limit = typeof input.limit === "number" ? input.limit : 10;
      const { rows } = await pool.query<MemoryRow>(RETRIEVAL_SQL, [query, input.conversationId, limit]);
      if (rows.length === 0) return void res.status(404).json({ error: { message: "Not found" } });
      const memories = rows
        .filter((r) => r.id !== null)
        .map((r) => ({
          id: r.id,
          content: r.content,
          type: r.type,
          importance: r.importance,
          messageId: r.message_id,
          accessCount: r.access_count,
          lastAccessedAt: r.last_accessed_at,
          createdAt: r.created_at,
          score: r.score,
        }));
      res.json({ result: { data: { json: memories } } });
    } catch (error) {
      console.error("memory baseline:", error);
      res.status(500).end();
    }
  });
  const { url, close } = await listenOnLoopback(createServer(app));
  return {
    url,
    async close() {
      await close();
      await pool.end();
    },
  };
}

type Memories = { id: string; content: string; importance: number; score: number | null; accessCount: number }[];

/** Same memories in the same order; scores equal but for `now()` moving between the two calls. */
function sameAnswer(name: string, ours: Memories, theirs: Memories) {
  const key = (m: Memories[number]) => `${m.id} ${m.content} ${m.importance} ${m.accessCount}`;
  const differs =
    ours.length !== theirs.length ||
    ours.some((m, i) => {
      const t = theirs[i]!;
      if (key(m) !== key(t) || (m.score === null) !== (t.score === null)) return true;
      return m.score !== null && Math.abs(m.score - t.score!) > 1e-6 * Math.max(1e-12, Math.abs(m.score));
    });
  if (differs || ours.length === 0)
    throw new Error(
      `${name}: Shortlist and the baseline answered differently (or nothing): ${JSON.stringify(ours.slice(0, 3))} against ${JSON.stringify(theirs.slice(0, 3))}`,
    );
}

export async function memoryScenario(ctx: ScenarioContext, pgConfig: pg.PoolConfig): Promise<Row[]> {
  ctx.log(`  seeding ${MEMORY_ROWS.toLocaleString("en")} memories in one conversation`);
  const { conversationId, seconds } = await seedMemories(ctx.client);
  const {
    rows: [counted],
  } = await ctx.client.query<{ matches: string }>(
    "select count(*) as matches from conversation_memories where conversation_id = $1 and to_tsvector('english', content) @@ websearch_to_tsquery('english', $2)",
    [conversationId, MEMORY_QUERY],
  );
  ctx.log(`  seeded in ${seconds.toFixed(1)} s; "${MEMORY_QUERY}" matches ${Number(counted!.matches)} of them`);
  const baseline = await startMemoryBaseline(pgConfig);
  try {
    const cases = [
      { name: "memories: query, top 10 of 100k", input: { conversationId, query: MEMORY_QUERY, limit: 10 } },
      { name: "memories: no query, top 10 of the newest 200", input: { conversationId, limit: 10 } },
    ];
    const rows: Row[] = [];
    for (const { name, input } of cases) {
      const path = `/trpc/conversations.memories?${trpcInput(input)}`;
      const ours = (await fetchJson(`${ctx.shortlist.url}${path}`, ctx.token)) as {
        result: { data: { json: Memories } };
      };
      const theirs = (await fetchJson(`${baseline.url}${path}`, ctx.token)) as { result: { data: { json: Memories } } };
      sameAnswer(name, ours.result.data.json, theirs.result.data.json);
      const request = { path, headers: auth(ctx.token) };
      const rounds = await measureRoundsAgainst(ctx, baseline.url, name, request);
      rows.push({
        scenario: name,
        rounds,
        target: { op: ">=", value: 0.5 },
        note:
          `${MEMORY_ROWS.toLocaleString("en")} memories in one conversation (seeded in ${seconds.toFixed(1)} s)` +
          (input.query
            ? `; "${MEMORY_QUERY}" matches ${Number(counted!.matches).toLocaleString("en")} of them through the GIN index, ranked by ts_rank_cd × (0.5 + importance) × recency`
            : "; no query: the 200 newest (an index read) ordered by importance × recency") +
          ". The baseline runs the same statement raw through pg (no access counting on either side: browsing does not touch).",
      });
    }
    return rows;
  } finally {
    await baseline.close();
  }
}

/** measureBoth with this scenario's own baseline server in place of the shared one. */
function measureRoundsAgainst(
  ctx: ScenarioContext,
  baselineUrl: string,
  name: string,
  request: { path: string; headers: Record<string, string> },
) {
  return measureBoth({ ...ctx, baseline: { url: baselineUrl } }, name, request, request);
}
