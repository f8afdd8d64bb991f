/**
 * The question bank's search at scale (issue #13): 100,000 questions seeded inside PostgreSQL with generate_series
 * (texts, rubrics and ideal answers from a vocabulary of technical and non-technical topics), then `questions.list`
 * over HTTP with a web-search query and a skills filter (the GIN-indexed full-text match ranked by ts_rank_cd), and
 * with the skills filter alone (newest first), against a baseline route running the same statement raw through `pg`
 * (packages/api/src/interviews/questions-list.service.ts, written out here by hand). Target ≥ 0.5×.
 */
import { createServer } from "node:http";
import type { Request, Response } from "express";
import pg from "pg";
import { listenOnLoopback } from "@shortlist/db/net";
import { createBaselineApp } from "../baseline-server";
import { auth, trpcInput, type Row, type ScenarioContext } from "./context";
import { fetchJson, measureBoth } from "./http";

export const QUESTION_ROWS = 100_000;

/** A topic as a question names it, and the skill (canonical, as the skills list spells it) it tests. */
const TOPICS: [topic: string, skill: string, tag: string][] = [
  ["a PostgreSQL connection pool", "PostgreSQL", "databases"],
  ["a slow SQL report query", "SQL", "databases"],
  ["a Kubernetes deployment rollout", "Kubernetes", "infrastructure"],
  ["a React component tree", "React", "frontend"],
  ["a Python data pipeline", "Python", "data"],
  ["a Kafka consumer group", "Kafka", "messaging"],
  ["a Terraform module for the network", "Terraform", "infrastructure"],
  ["a REST API written in Go", "Go", "backend"],
  ["a TypeScript monorepo build", "TypeScript", "frontend"],
  ["a Redis cache in front of the catalogue", "Redis", "backend"],
  ["an AWS account with many teams", "AWS", "cloud"],
  ["a continuous integration pipeline", "CI/CD", "delivery"],
  ["a Java payments service", "Java", "backend"],
  ["a machine learning model in production", "Machine learning", "data"],
  ["patient handover at the end of a night shift", "Patient care", "nursing"],
  ["a classroom of thirty pupils with mixed abilities", "Classroom management", "teaching"],
  ["a quarterly sales pipeline review", "Sales", "sales"],
  ["an angry customer escalation", "Customer service", "support"],
  ["a departmental budget under pressure", "Budgeting", "finance"],
  ["the onboarding plan for new hires", "Onboarding", "hr"],
  ["a warehouse picking process", "Logistics", "operations"],
  ["a restaurant kitchen on a busy Saturday", "Food safety", "hospitality"],
  ["an Elasticsearch cluster", "Elasticsearch", "search"],
  ["a GraphQL gateway", "GraphQL", "backend"],
  ["a Docker image used by every service", "Docker", "infrastructure"],
  ["a mobile app release in Swift", "Swift", "mobile"],
  ["a data warehouse in Snowflake", "Snowflake", "data"],
  ["a vendor contract negotiation", "Negotiation", "procurement"],
  ["a medication round on a busy ward", "Medication administration", "nursing"],
  ["a product roadmap with too many requests", "Product management", "product"],
];
const ISSUES = [
  "latency spikes",
  "memory growth",
  "data loss",
  "flaky tests",
  "deadlocks",
  "cost overruns",
  "timeouts",
  "configuration drift",
  "missed deadlines",
  "poor handovers",
  "duplicate records",
];
const OPENERS = [
  "How would you diagnose",
  "Walk me through how you would fix",
  "Tell me about a time you dealt with",
  "What would you measure first when you see",
  "How would you prevent",
  "Describe how you would explain to a manager",
  "What trade-offs would you weigh when facing",
];
const CRITERIA = ["Diagnosis", "Trade-offs", "Communication", "Measurement", "Ownership", "Prevention"];
const EVIDENCE = [
  "names the metric that shows the problem and reads it before changing anything",
  "compares two options and says what each costs",
  "explains the situation to a non-specialist in plain words",
  "sets a baseline and checks the change against it",
  "takes ownership and follows up until it is closed",
  "adds a check so that it does not happen again",
  "mentions the people affected and how they were kept informed",
];
const TYPES = ["technical", "behavioural", "situational", "system_design", "coding", "role_specific"];

/** The measured search: a phrase of the topic and an issue word, on a skill (about 1 in 330 questions match). */
export const QUESTION_QUERY = { q: "connection pool latency", skills: ["PostgreSQL"] };

const sqlArray = (values: readonly string[]) => `array[${values.map((v) => pg.escapeLiteral(v)).join(", ")}]`;

/** `rows` questions; returns the seconds it took. The GIN indexes are built once after the insert. */
export async function seedQuestions(client: pg.Client, rows = QUESTION_ROWS) {
  const started = performance.now();
  const names = ["questions_search_idx", "questions_skills_gin_idx", "questions_tags_gin_idx", "questions_created_idx"];
  const { rows: indexes } = await client.query<{ indexdef: string }>(
    "select indexdef from pg_indexes where indexname = any($1::text[])",
    [names],
  );
  await client.query("begin");
  for (const name of names) await client.query(`drop index if exists ${name}`);
  // Co-prime strides through each list, so that combinations vary rather than repeat in one cycle.
  const pick = (list: readonly string[], stride: number, offset = 0) =>
    `(${sqlArray(list)})[1 + (g * ${stride} + ${offset}) % ${list.length}]`;
  const topic = (stride: number) => `(${sqlArray(TOPICS.map((t) => t[0]))})[1 + (g * ${stride}) % ${TOPICS.length}]`;
  const skill = (stride: number, offset = 0) =>
    `(${sqlArray(TOPICS.map((t) => t[1]))})[1 + (g * ${stride} + ${offset}) % ${TOPICS.length}]`;
  const tag = (stride: number) => `(${sqlArray(TOPICS.map((t) => t[2]))})[1 + (g * ${stride}) % ${TOPICS.length}]`;
  await client.query(
    `insert into questions (id, created_at, updated_at, text, type, difficulty, skills, tags, rubric, ideal_answer,
                            follow_ups, time_limit_seconds, active, times_asked, scored_count, score_total, search_text)
     select gen_random_uuid(), ts, ts, text, type::question_type, difficulty, skills, tags, rubric, ideal, follow_ups, 300,
            g % 20 <> 0, times, scored, scored * (40 + g % 50),
            text || E'\\n' || c1 || E'\\n' || e1 || E'\\n' || c2 || E'\\n' || e2 || E'\\n' || ideal
       from (select g, timestamptz '2025-01-01 00:00:00+00' + g * interval '30 seconds' as ts,
                    ${pick(OPENERS, 1)} || ' ' || ${pick(ISSUES, 3)} || ' in ' || ${topic(7)} || '?' as text,
                    (array[${TYPES.map((t) => pg.escapeLiteral(t)).join(", ")}])[1 + g % ${TYPES.length}] as type,
                    1 + (g * 7) % 5 as difficulty,
                    case when g % 3 = 0 then array[${skill(7)}, ${skill(11, 5)}] else array[${skill(7)}] end as skills,
                    array[${tag(7)}, ${pick(["senior", "junior", "screening", "onsite"], 1)}] as tags,
                    ${pick(CRITERIA, 5)} as c1, ${pick(EVIDENCE, 3)} as e1,
                    ${pick(CRITERIA, 5, 1)} as c2, ${pick(EVIDENCE, 3, 2)} as e2,
                    'A strong answer about ' || ${topic(7)} || ' starts from the ' || ${pick(ISSUES, 3)}
                      || ', ' || ${pick(EVIDENCE, 3)} || ', and ' || ${pick(EVIDENCE, 3, 4)} || '.' as ideal,
                    array['What would you do differently next time?'] as follow_ups,
                    g % 40 as times, g % 10 as scored
               from generate_series(1, $1::int) as g) s,
            lateral (select jsonb_build_array(
                              jsonb_build_object('name', c1, 'weight', 1 + g % 5, 'strongAnswer', 'The answer ' || e1,
                                                 'keywords', jsonb_build_array(${pick(ISSUES, 3)})),
                              jsonb_build_object('name', c2, 'weight', 1 + g % 3, 'strongAnswer', 'The answer ' || e2,
                                                 'keywords', '[]'::jsonb)) as rubric) r`,
    [rows],
  );
  await client.query("set local maintenance_work_mem = '512MB'");
  for (const { indexdef } of indexes) await client.query(indexdef);
  await client.query("commit");
  await client.query("vacuum analyze questions");
  return (performance.now() - started) / 1000;
}

/** The service's columns and statements (questions-list.service.ts) for skills (any) + active, with `q` ($1) or without. */
const COLUMNS = `q.id, q.version, q.text, q.type, q.difficulty, q.skills, q.tags, q.rubric, q.ideal_answer,
  q.follow_ups, q.time_limit_seconds, q.author_id, u.name as author_name, q.starter_key is not null as starter, q.active,
  q.times_asked, q.scored_count, q.score_total, q.created_at, q.updated_at`;
const CREATED_TEXT = `to_char(q.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const SEARCH_SQL = `
  select q.*, q.rank::text as rank_text, ${CREATED_TEXT} as created_text
    from (select ${COLUMNS}, ts_rank_cd(to_tsvector('english', q.search_text), websearch_to_tsquery('english', $1)) as rank
            from questions q left join users u on u.id = q.author_id
           where q.skills && $2::text[] and q.active = true
             and to_tsvector('english', q.search_text) @@ websearch_to_tsquery('english', $1)) q
   order by q.rank desc, q.created_at desc, q.id desc
   limit $3`;
const NEWEST_SQL = `
  select q.*, null::text as rank_text, ${CREATED_TEXT} as created_text
    from (select ${COLUMNS}, null::real as rank
            from questions q left join users u on u.id = q.author_id
           where q.skills && $1::text[] and q.active = true) q
   order by q.created_at desc, q.id desc
   limit $2`;

interface QuestionRow {
  id: string;
  version: number;
  text: string;
  type: string;
  difficulty: number;
  skills: string[];
  tags: string[];
  rubric: unknown;
  ideal_answer: string;
  follow_ups: string[];
  time_limit_seconds: number;
  author_id: string | null;
  author_name: string | null;
  starter: boolean;
  active: boolean;
  times_asked: number;
  scored_count: number;
  score_total: number;
  created_at: Date;
  updated_at: Date;
  rank: number | null;
  rank_text: string | null;
  created_text: string;
}

const toItem = (r: QuestionRow) => ({
  id: r.id,
  version: r.version,
  text: r.text,
  type: r.type,
  difficulty: r.difficulty,
  skills: r.skills,
  tags: r.tags,
  rubric: r.rubric,
  idealAnswer: r.ideal_answer,
  followUps: r.follow_ups,
  timeLimitSeconds: r.time_limit_seconds,
  author: r.author_id ? { id: r.author_id, name: r.author_name ?? "" } : null,
  starter: r.starter,
  active: r.active,
  timesAsked: r.times_asked,
  meanScore: r.scored_count > 0 ? r.score_total / r.scored_count : null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  rank: r.rank,
});

async function startQuestionsBaseline(config: pg.PoolConfig) {
  const pool = new pg.Pool(config);
  pool.on("error", () => {});
  const app = createBaselineApp(pool);
  app.get("/trpc/questions.list", async (req: Request, res: Response) => {
    try {
      if (res.locals.role === "viewer") return void res.status(403).end();
      const input = (JSON.parse(String(req.query.input)) as { json: Record<string, unknown> }).json;
      const q = typeof input.q === "string" ? input.q.trim() : "";
      const limit = typeof input.limit === "number" ? input.limit : 25;
      const { rows } = await pool.query<QuestionRow>(
        q ? SEARCH_SQL : NEWEST_SQL,
        q ? [q, input.skills, limit + 1] : [input.skills, limit + 1],
      );
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const cursor =
        last && rows.length > limit ? [...(q ? ["s", last.rank_text] : ["n"]), last.created_text, last.id] : null;
      res.json({
        result: {
          data: {
            json: {
              items: items.map(toItem),
              nextCursor: cursor ? Buffer.from(JSON.stringify(cursor)).toString("base64url") : null,
            },
          },
        },
      });
    } catch (error) {
      console.error("questions baseline:", error);
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

type Page = { items: { id: string; rank: number | null }[]; nextCursor: string | null };

function sameAnswer(name: string, ours: Page, theirs: Page) {
  const a = JSON.stringify(ours);
  const b = JSON.stringify(theirs);
  if (a !== b || ours.items.length === 0) {
    const at = [...a].findIndex((c, i) => c !== b[i]);
    throw new Error(
      `${name}: Shortlist and the baseline answered differently (or nothing): …${a.slice(Math.max(at - 200, 0), at + 200)} against …${b.slice(Math.max(at - 200, 0), at + 200)}`,
    );
  }
}

export async function questionsScenario(ctx: ScenarioContext, pgConfig: pg.PoolConfig): Promise<Row[]> {
  ctx.log(`  seeding ${QUESTION_ROWS.toLocaleString("en")} questions`);
  const seconds = await seedQuestions(ctx.client);
  const {
    rows: [counted],
  } = await ctx.client.query<{ matches: string }>(
    `select count(*) as matches from questions
      where skills && $2::text[] and to_tsvector('english', search_text) @@ websearch_to_tsquery('english', $1)`,
    [QUESTION_QUERY.q, QUESTION_QUERY.skills],
  );
  const matches = Number(counted!.matches);
  ctx.log(
    `  seeded in ${seconds.toFixed(1)} s; "${QUESTION_QUERY.q}" on ${QUESTION_QUERY.skills[0]} matches ${matches}`,
  );
  const baseline = await startQuestionsBaseline(pgConfig);
  try {
    const cases = [
      { name: "questions: search + skill, first page of 100k", input: { ...QUESTION_QUERY, limit: 25 } },
      { name: "questions: skill filter, newest first", input: { skills: QUESTION_QUERY.skills, limit: 25 } },
    ];
    const rows: Row[] = [];
    for (const { name, input } of cases) {
      const path = `/trpc/questions.list?${trpcInput(input)}`;
      const ours = (await fetchJson(`${ctx.shortlist.url}${path}`, ctx.token)) as { result: { data: { json: Page } } };
      const theirs = (await fetchJson(`${baseline.url}${path}`, ctx.token)) as { result: { data: { json: Page } } };
      sameAnswer(name, ours.result.data.json, theirs.result.data.json);
      const request = { path, headers: auth(ctx.token) };
      const rounds = await measureBoth({ ...ctx, baseline: { url: baseline.url } }, name, request, request);
      rows.push({
        scenario: name,
        rounds,
        // The issue's target is the search; the plain filtered page is measured for comparison.
        ...("q" in input ? { target: { op: ">=" as const, value: 0.5 } } : {}),
        note:
          `${QUESTION_ROWS.toLocaleString("en")} questions (seeded in ${seconds.toFixed(1)} s)` +
          ("q" in input
            ? `; "${QUESTION_QUERY.q}" on ${QUESTION_QUERY.skills[0]} matches ${matches.toLocaleString("en")} of them through the GIN full-text and skills indexes, ranked by ts_rank_cd`
            : `; every active question on ${QUESTION_QUERY.skills[0]}, newest first (the (created_at, id) index)`) +
          ". The baseline runs the same statement raw through pg and maps the rows to the same DTO.",
      });
    }
    return rows;
  } finally {
    await baseline.close();
  }
}
