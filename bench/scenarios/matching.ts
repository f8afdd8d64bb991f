/**
 * Matching at scale (issue #13): 100,000 candidates with a CV analysis and its skills (seeded inside PostgreSQL with
 * generate_series, the tables' indexes built once afterwards), a tenth of them interviewed and assessed for another
 * job, and one job with a vacancy profile; then `matching.rank` (everyone in the database, first page) over HTTP
 * against a baseline route running the same statement raw through `pg` (packages/api/src/interviews/
 * matching.service.ts `rankingSql`, written out here by hand) and building the same rows with the same scoring words
 * (logic/matching.ts, through @shortlist/api/schemas). Target ≥ 0.5×.
 */
import { createServer } from "node:http";
import type { Request, Response } from "express";
import pg from "pg";
import {
  activeWeights,
  BASE_WEIGHTS,
  canonicalSkill,
  FACTOR_LABELS,
  factorDetail,
  MATCH_FACTORS,
  profileSkills,
  SENIORITIES,
  SENIORITY_SPAN,
  YEARS_CAP,
  type MatchFactor,
} from "@shortlist/api/schemas";
import { listenOnLoopback } from "@shortlist/db/net";
import { createBaselineApp } from "../baseline-server";
import { auth, trpcInput, type Row, type ScenarioContext } from "./context";
import { fetchJson, measureBoth } from "./http";

export const MATCHING_CANDIDATES = 100_000;
const SKILLS_PER_CANDIDATE = 6;
/** Concurrent clients while measuring: each call ranks the whole table. */
const CONNECTIONS = 4;

/** The skills the seeded CVs evidence (canonical names, as the CV analyser stores them). */
const SKILL_POOL = [
  "PostgreSQL",
  "Kubernetes",
  "TypeScript",
  "Terraform",
  "Go",
  "Python",
  "Java",
  "React",
  "AWS",
  "Docker",
  "Kafka",
  "Redis",
  "SQL",
  "GraphQL",
  "Node.js",
  "Rust",
  "Elasticsearch",
  "Snowflake",
  "Swift",
  "Kotlin",
  "Machine learning",
  "CI/CD",
  "Linux",
  "Azure",
  "Google Cloud",
  "Spark",
  "Airflow",
  "dbt",
  "Vue.js",
  "Angular",
  "C#",
  "Ruby",
  "PHP",
  "Scala",
  "Patient care",
  "Customer service",
  "Sales",
  "Budgeting",
  "Negotiation",
  "Logistics",
];

const PROFILE = {
  title: "Platform Engineer",
  company: "Bench Matching Co",
  seniority: "senior",
  mustHave: [
    { skill: "PostgreSQL", weight: 5 },
    { skill: "TypeScript", weight: 4 },
    { skill: "Kubernetes", weight: 3 },
  ],
  niceToHave: [
    { skill: "Terraform", weight: 2 },
    { skill: "Go", weight: 2 },
  ],
};

const sqlArray = (values: readonly string[]) => `array[${values.map((v) => pg.escapeLiteral(v)).join(", ")}]`;

/** Runs `load` with the tables' secondary indexes dropped, then builds them again from their definitions. */
async function withoutIndexes(client: pg.Client, tables: string[], load: () => Promise<void>) {
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `select c.relname as name, pg_get_indexdef(x.indexrelid) as def
       from pg_index x join pg_class c on c.oid = x.indexrelid
      where x.indrelid = any(array(select unnest($1::text[])::regclass)) and not x.indisprimary and not x.indisunique`,
    [tables],
  );
  for (const i of indexes) await client.query(`drop index ${pg.escapeIdentifier(i.name)}`);
  await load();
  await client.query("set local maintenance_work_mem = '512MB'");
  for (const i of indexes) await client.query(i.def);
}

/** At least MATCHING_CANDIDATES people, each of the first that many with a CV; one job with a profile. */
export async function seedMatching(client: pg.Client) {
  const started = performance.now();
  const {
    rows: [{ n: existing } = { n: "0" }],
  } = await client.query<{ n: string }>("select count(*) as n from candidates");
  await client.query("begin");
  if (Number(existing) < MATCHING_CANDIDATES) {
    await client.query(
      `insert into candidates (name, email, search_key, created_at, updated_at)
       select 'Matching Candidate ' || g, 'matching' || g || '@example.com',
              'matching candidate ' || g || ' matching' || g || '@example.com', now(), now()
         from generate_series(1, $1::int) g`,
      [MATCHING_CANDIDATES - Number(existing)],
    );
  }
  await withoutIndexes(client, ["cv_documents", "cv_analyses", "candidate_skills"], async () => {
    await client.query(
      `create temporary table bench_cv on commit drop as
       select c.id as candidate_id, row_number() over (order by c.id) as n, gen_random_uuid() as document_id,
              gen_random_uuid() as analysis_id
         from candidates c order by c.id limit $1`,
      [MATCHING_CANDIDATES],
    );
    await client.query(
      `insert into cv_documents (id, candidate_id, file_sealed, media_type, size_bytes, sha256, text_sealed)
       select document_id, candidate_id, '{"bench":true}'::jsonb, 'text/plain', 2048, md5(n::text) || md5(n::text),
              '{"bench":true}'::jsonb
         from bench_cv`,
    );
    await client.query(
      `insert into cv_analyses (id, document_id, candidate_id, analyser, skills, total_years, seniority, details_sealed)
       select analysis_id, document_id, candidate_id, 'builtin@1', '[]'::jsonb, (n % 20)::float8,
              (${sqlArray(SENIORITIES)})[1 + (n * 3) % ${SENIORITIES.length}], '{"bench":true}'::jsonb
         from bench_cv`,
    );
    // Six skills each, a stride through the pool that repeats none within a person; years from 0 to 12.
    await client.query(
      `insert into candidate_skills (candidate_id, skill, years, evidence_count, analysis_id)
       select candidate_id, (${sqlArray(SKILL_POOL)})[1 + (n * 7 + k * 11) % ${SKILL_POOL.length}],
              case when (n + k) % 9 = 0 then null else ((n * 13 + k * 5) % 13)::float8 end, 1 + k % 3, analysis_id
         from bench_cv, generate_series(0, ${SKILLS_PER_CANDIDATE - 1}) k`,
    );
  });
  // A tenth were interviewed and assessed for another job: those factors have data too.
  const {
    rows: [other],
  } = await client.query<{ id: string }>(
    "insert into jobs (title, company, status) values ('Backend Engineer', 'Bench Matching Co', 'open') returning id",
  );
  const {
    rows: [stage],
  } = await client.query<{ id: string }>(
    "insert into job_stages (job_id, name, kind, position) values ($1, 'Applied', 'applied', 0) returning id",
    [other!.id],
  );
  await client.query(
    `with added as (
       insert into applications (candidate_id, job_id, stage_id, outcome, stage_entered_at, last_activity_at, interview_score)
       select candidate_id, $1, $2, 'active', now(), now(), (n * 37) % 101 from bench_cv where n % 10 = 0
       returning id, candidate_id)
     insert into assessments (candidate_id, application_id, status, role, company, started_at, completed_at, percentile)
     select a.candidate_id, a.id, 'completed', 'Backend Engineer', 'Bench Matching Co', now() - interval '2 days',
            now() - interval '1 day', (b.n * 53) % 101
       from added a join bench_cv b on b.candidate_id = a.candidate_id`,
    [other!.id, stage!.id],
  );
  const {
    rows: [job],
  } = await client.query<{ id: string }>(
    `insert into jobs (title, company, status, vacancy_profile, vacancy_profile_version)
     values ($1, $2, 'open', $3::jsonb, 1) returning id`,
    [PROFILE.title, PROFILE.company, JSON.stringify(PROFILE)],
  );
  await client.query("commit");
  for (const table of ["candidates", "cv_documents", "cv_analyses", "candidate_skills", "applications", "assessments"])
    await client.query(`vacuum analyze ${table}`);
  const {
    rows: [{ n: total } = { n: "0" }],
  } = await client.query<{ n: string }>("select count(*) as n from candidates");
  return { jobId: job!.id, candidates: Number(total), seconds: (performance.now() - started) / 1000 };
}

const skills = profileSkills(PROFILE.mustHave, PROFILE.niceToHave, canonicalSkill);
const sum = (list: typeof skills) => list.reduce((acc, s) => acc + s.weight, 0);
const TOTALS = { must: sum(skills.filter((s) => s.must)), nice: sum(skills.filter((s) => !s.must)), all: sum(skills) };
const LEVELS = `array[${SENIORITIES.map((s) => `'${s}'`).join(", ")}]::text[]`;

const weight = (factor: MatchFactor, present: string) => `(${present})::int * ${BASE_WEIGHTS[factor]}`;
const RAW = MATCH_FACTORS.map((f) => `${BASE_WEIGHTS[f]} * f.${f === "seniority" || f === "interview" ? `${f}_v` : f}`);

/**
 * The service's statement for scope everyone and this profile: $1–$3 the skills (names, weights, must), $4 the job,
 * $5 the role's level, $6 the page size + 1.
 */
export const RANK_SQL = `
  with req as (
    select * from unnest($1::text[], $2::int[], $3::boolean[]) as r(skill, weight, must)
  ), pool as not materialized (select c.id as candidate_id, null::uuid as application_id, iv.interview
               from candidates c
               left join (select candidate_id, max(interview_score) as interview from applications
                           where interview_score is not null group by candidate_id) iv on iv.candidate_id = c.id
              where not exists (select 1 from applications a where a.job_id = $4 and a.candidate_id = c.id)
                and not exists (select 1 from data_keys k where k.subject_id = c.id and k.destroyed_at is not null)
  ), skills as (
    select cs.candidate_id,
           coalesce(sum(r.weight) filter (where r.must), 0) as must_w,
           coalesce(sum(r.weight) filter (where not r.must), 0) as nice_w,
           sum(r.weight * least(coalesce(cs.years, 0), ${YEARS_CAP}) / ${YEARS_CAP}.0) as years_w
      from candidate_skills cs join req r on r.skill = cs.skill
     where cs.skill = any($1::text[])
     group by cs.candidate_id
  ), cv as (
    select distinct on (ca.candidate_id) ca.candidate_id, ca.seniority
      from cv_analyses ca where true
     order by ca.candidate_id desc, ca.created_at desc
  ), assessed as (
    select distinct on (s.candidate_id) s.candidate_id, s.percentile
      from assessments s where s.status = 'completed'
     order by s.candidate_id, s.completed_at desc nulls last, s.id desc
  ), facts as (
    select p.candidate_id, p.application_id, p.interview, cv.candidate_id is not null as has_cv, cv.seniority,
           asd.percentile,
           coalesce(sk.must_w, 0)::float8 / ${TOTALS.must} as must_have,
           coalesce(sk.nice_w, 0)::float8 / ${TOTALS.nice} as nice_to_have,
           coalesce(sk.years_w, 0)::float8 / ${TOTALS.all} as years,
           case when $5::int is null then 0::float8
                else greatest(0, 1 - abs(coalesce(array_position(${LEVELS}, cv.seniority), 0) - $5::int)::float8 / ${SENIORITY_SPAN})
                     * (array_position(${LEVELS}, cv.seniority) is not null)::int end as seniority_v,
           coalesce(asd.percentile, 0)::float8 / 100 as assessment,
           coalesce(p.interview, 0)::float8 / 100 as interview_v
      from pool p
      left join skills sk on sk.candidate_id = p.candidate_id
      left join cv on cv.candidate_id = p.candidate_id
      left join assessed asd on asd.candidate_id = p.candidate_id
  ), ranked as (
    select f.*, (100 * (${RAW.join(" + ")}))::float8 as raw from facts f
  ), page as (
    select * from ranked order by raw desc, candidate_id limit $6
  ), present as (
    select exists (select 1 from pool p join cv_analyses ca on ca.candidate_id = p.candidate_id) as cv,
           exists (select 1 from pool p cross join lateral (
                     select ca.seniority from cv_analyses ca where ca.candidate_id = p.candidate_id
                      order by ca.created_at desc limit 1) l where l.seniority is not null) as seniority,
           exists (select 1 from pool p cross join lateral (
                     select s.percentile from assessments s where s.candidate_id = p.candidate_id and s.status = 'completed'
                      order by s.completed_at desc nulls last, s.id desc limit 1) l where l.percentile is not null) as assessment,
           exists (select 1 from pool p where p.interview is not null) as interview
  ), weighed as (
    select page.*,
           ${weight("must_have", "true and a.cv")} as w_must_have,
           ${weight("nice_to_have", "true and a.cv")} as w_nice_to_have,
           ${weight("years", "true and a.cv")} as w_years,
           ${weight("seniority", "$5::int is not null and a.seniority")} as w_seniority,
           ${weight("assessment", "a.assessment")} as w_assessment,
           ${weight("interview", "a.interview")} as w_interview
      from page cross join present a
  )
  select w.*, coalesce(w.raw / nullif(${MATCH_FACTORS.map((f) => `w.w_${f}`).join(" + ")}, 0), 0)::float8 as score,
         w.raw::text as raw_text, c.name, c.email,
         (select coalesce(jsonb_object_agg(lower(cs.skill), cs.years), '{}'::jsonb)
            from candidate_skills cs where cs.candidate_id = w.candidate_id and cs.skill = any($1::text[])) as evidence
    from weighed w join candidates c on c.id = w.candidate_id
   order by w.raw desc, w.candidate_id`;

type Ranked = Record<string, unknown> & {
  candidate_id: string;
  application_id: string | null;
  name: string;
  email: string;
  score: number;
  raw_text: string;
  evidence: Record<string, number | null>;
};

function toMatch(row: Ranked, available: Record<MatchFactor, boolean>) {
  const weights = activeWeights(available);
  const evidence = new Map(Object.entries(row.evidence ?? {}));
  const facts = {
    skills: evidence,
    hasCv: row.has_cv as boolean,
    seniority: row.seniority as string | null,
    percentile: row.percentile == null ? null : Number(row.percentile),
    interview: row.interview == null ? null : Number(row.interview),
  };
  const context = { skills, roleSeniority: PROFILE.seniority, available, who: "candidate" };
  const values: Record<MatchFactor, number> = {
    must_have: Number(row.must_have),
    nice_to_have: Number(row.nice_to_have),
    years: Number(row.years),
    seniority: Number(row.seniority_v),
    assessment: Number(row.assessment),
    interview: Number(row.interview_v),
  };
  return {
    candidate: { id: row.candidate_id, name: row.name, email: row.email },
    applicationId: row.application_id,
    score: Number(row.score),
    factors: MATCH_FACTORS.map((factor) => ({
      factor,
      label: FACTOR_LABELS[factor],
      value: values[factor],
      weight: weights[factor],
      detail: factorDetail(factor, facts, context),
    })),
    matchedSkills: skills.filter((s) => evidence.has(s.skill.toLowerCase())).map((s) => s.skill),
    missingSkills: skills.filter((s) => s.must && !evidence.has(s.skill.toLowerCase())).map((s) => s.skill),
  };
}

async function startMatchingBaseline(config: pg.PoolConfig) {
  const pool = new pg.Pool(config);
  pool.on("error", () => {});
  const app = createBaselineApp(pool);
  app.get("/trpc/matching.rank", async (req: Request, res: Response) => {
    try {
      if (res.locals.role !== "admin" && res.locals.role !== "recruiter") return void res.status(403).end();
      const input = (JSON.parse(String(req.query.input)) as { json: Record<string, unknown> }).json;
      const limit = typeof input.limit === "number" ? input.limit : 50;
      const level = SENIORITIES.indexOf(PROFILE.seniority as (typeof SENIORITIES)[number]) + 1;
      const { rows } = await pool.query<Ranked>(RANK_SQL, [
        skills.map((s) => s.skill),
        skills.map((s) => s.weight),
        skills.map((s) => s.must),
        input.jobId,
        level,
        limit + 1,
      ]);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const available = Object.fromEntries(
        MATCH_FACTORS.map((f) => [f, rows[0] ? Number(rows[0][`w_${f}`]) > 0 : false]),
      ) as Record<MatchFactor, boolean>;
      const json = {
        items: page.map((row) => toMatch(row, available)),
        nextCursor:
          rows.length > limit && last
            ? Buffer.from(JSON.stringify(["everyone", last.raw_text, last.candidate_id])).toString("base64url")
            : null,
        mustHave: skills.filter((s) => s.must).map((s) => s.skill),
        niceToHave: skills.filter((s) => !s.must).map((s) => s.skill),
      };
      res.json({ result: { data: { json } } });
    } catch (error) {
      console.error("matching baseline:", error);
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

export async function matchingScenario(ctx: ScenarioContext, pgConfig: pg.PoolConfig): Promise<Row[]> {
  ctx.log(`  seeding CV analyses and skills for ${MATCHING_CANDIDATES.toLocaleString("en")} candidates`);
  const { jobId, candidates, seconds } = await seedMatching(ctx.client);
  ctx.log(`  seeded in ${seconds.toFixed(1)} s; ${candidates.toLocaleString("en")} candidates in the database`);
  const baseline = await startMatchingBaseline(pgConfig);
  try {
    const name = "matching: everyone, first page";
    const path = `/trpc/matching.rank?${trpcInput({ jobId, scope: "everyone", limit: 50 })}`;
    const ours = JSON.stringify(
      ((await fetchJson(`${ctx.shortlist.url}${path}`, ctx.token)) as { result: { data: { json: unknown } } }).result
        .data.json,
    );
    const theirs = JSON.stringify(
      ((await fetchJson(`${baseline.url}${path}`, ctx.token)) as { result: { data: { json: unknown } } }).result.data
        .json,
    );
    if (ours !== theirs || !ours.includes('"score"')) {
      const at = [...ours].findIndex((c, i) => c !== theirs[i]);
      throw new Error(
        `${name}: Shortlist and the baseline answered differently (or nothing): …${ours.slice(Math.max(at - 200, 0), at + 200)} against …${theirs.slice(Math.max(at - 200, 0), at + 200)}`,
      );
    }
    const request = { path, headers: auth(ctx.token) };
    // Each call reads every candidate: a few at a time, a fixed number per slice (more at once only queue for the pool).
    const settings = {
      ...ctx.settings,
      connections: Math.min(ctx.settings.connections, CONNECTIONS),
      requestsPerSlice: 3 * CONNECTIONS,
    };
    const rounds = await measureBoth({ ...ctx, settings, baseline: { url: baseline.url } }, name, request, request);
    return [
      {
        scenario: name,
        rounds,
        target: { op: ">=", value: 0.5 },
        note:
          `${candidates.toLocaleString("en")} candidates ranked for one job, ${MATCHING_CANDIDATES.toLocaleString("en")} of them with a CV ` +
          `analysis of ${SKILLS_PER_CANDIDATE} skills (seeded in ${seconds.toFixed(1)} s), a tenth interviewed and assessed; ` +
          "the profile's 5 skills joined to candidate_skills, every factor computed and the top 50 taken in one statement. " +
          `The baseline runs the same statement raw through pg and builds the same rows with the same scoring words. ${CONNECTIONS} clients at once, ${3 * CONNECTIONS} calls per slice.`,
      },
    ];
  } finally {
    await baseline.close();
  }
}
