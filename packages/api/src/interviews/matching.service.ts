/**
 * Matching: candidates ranked for a job by fit (logic/matching.ts says how), each factor shown; the picked ones
 * filed under the job through jobs' port. The ranking is one statement: the profile's skills go in as arrays and are
 * joined to candidate_skills (its (skill, candidate) index), the latest CV analysis and completed assessment per
 * person come from DISTINCT ON, EXISTS over the group says which factors anybody in it has, and the page is keyset-paged
 * on (score, candidate id). The skills shown beside a row are read for the page's rows only.
 */
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { NotFound, InvalidInput, Conflict } from "../errors";
import { canonicalSkill } from "../intake";
import { fileManyUnderJobs, readVacancyProfile } from "../jobs";
import { SENIORITIES } from "../schemas";
import type { AddMatchesResult, MatchDTO, MatchPage } from "./dto";
import {
  BASE_WEIGHTS,
  FACTOR_LABELS,
  MATCH_FACTORS,
  SENIORITY_SPAN,
  YEARS_CAP,
  activeWeights,
  factorDetail,
  profileSkills,
  type MatchContext,
  type MatchFactor,
} from "./logic/matching";
import type { addMatchesInput, rankCandidatesInput } from "./schemas";

type RankInput = z.output<typeof rankCandidatesInput>;
type Ctx = Pick<ProcedureContext, "em" | "audit" | "keyring" | "getAuth">;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FLOAT = /^-?\d+(\.\d+)?(e[+-]?\d{1,3})?$/i;

const badCursor = () =>
  InvalidInput.field("cursor", "Not a cursor of matching.rank for this job and scope; start again without one");

function decodeCursor(cursor: string, scope: string): [score: string, id: string] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw badCursor();
  const [s, score, id] = parsed as unknown[];
  if (s !== scope || typeof score !== "string" || !FLOAT.test(score) || !Number.isFinite(Number(score)))
    throw badCursor();
  if (typeof id !== "string" || !UUID.test(id)) throw badCursor();
  return [score, id];
}

/** The people ranked: the job's active applications, or everyone not in the job; never an erased placeholder. */
const POOL = {
  applied: `select a.candidate_id, a.id as application_id, a.interview_score as interview
              from applications a
             where a.job_id = ? and a.outcome = 'active'
               and not exists (select 1 from data_keys k where k.subject_id = a.candidate_id and k.destroyed_at is not null)`,
  // Someone not in the job has no interview for it: their best interview score elsewhere stands in.
  everyone: `select c.id as candidate_id, null::uuid as application_id, iv.interview
               from candidates c
               left join (select candidate_id, max(interview_score) as interview from applications
                           where interview_score is not null group by candidate_id) iv on iv.candidate_id = c.id
              where not exists (select 1 from applications a where a.job_id = ? and a.candidate_id = c.id)
                and not exists (select 1 from data_keys k where k.subject_id = c.id and k.destroyed_at is not null)`,
} as const;

/**
 * The ranking statement. A factor nobody in the group has is 0 for everyone, so leaving it out only divides every
 * score by the same sum of weights: the rows are ranked (and paged) on `raw`, 100 × Σ base weight × value, and only
 * the page's rows are scaled by the weights present, which EXISTS finds without reading the group twice.
 * Parameters, in order: the profile's skill names, weights and must flags (arrays), the job's id (the pool), the
 * skill names again (the index read of candidate_skills), the role's level (1-based in SENIORITIES, or null) twice,
 * the page's cursor (raw, raw, id) when given, the page size + 1, the role's level again, and the skill names once
 * more (the page's evidence).
 */
function rankingSql(scope: RankInput["scope"], totals: { must: number; nice: number; all: number }, paged: boolean) {
  const levels = `array[${SENIORITIES.map((s) => `'${s}'`).join(", ")}]::text[]`;
  const weight = (factor: MatchFactor, present: string) => `(${present})::int * ${BASE_WEIGHTS[factor]}`;
  // A small group (applied) narrows the per-person lookups to it; everyone reads them whole.
  const inPool = (column: string) => (scope === "applied" ? `and ${column} in (select candidate_id from pool)` : "");
  const raw = MATCH_FACTORS.map(
    (f) => `${BASE_WEIGHTS[f]} * f.${f === "seniority" || f === "interview" ? `${f}_v` : f}`,
  );
  const weights = MATCH_FACTORS.map((f) => `w.w_${f}`).join(" + ");
  return `
  with req as (
    select * from unnest(array[?]::text[], array[?]::int[], array[?]::boolean[]) as r(skill, weight, must)
  ), pool as not materialized (${POOL[scope]}
  ), skills as (
    select cs.candidate_id,
           coalesce(sum(r.weight) filter (where r.must), 0) as must_w,
           coalesce(sum(r.weight) filter (where not r.must), 0) as nice_w,
           sum(r.weight * least(coalesce(cs.years, 0), ${YEARS_CAP}) / ${YEARS_CAP}.0) as years_w
      from candidate_skills cs join req r on r.skill = cs.skill
     where cs.skill = any(array[?]::text[])
     group by cs.candidate_id
  ), cv as (
    select distinct on (ca.candidate_id) ca.candidate_id, ca.seniority
      from cv_analyses ca where true ${inPool("ca.candidate_id")}
     order by ca.candidate_id desc, ca.created_at desc
  ), assessed as (
    select distinct on (s.candidate_id) s.candidate_id, s.percentile
      from assessments s where s.status = 'completed' ${inPool("s.candidate_id")}
     order by s.candidate_id, s.completed_at desc nulls last, s.id desc
  ), facts as (
    select p.candidate_id, p.application_id, p.interview, cv.candidate_id is not null as has_cv, cv.seniority,
           asd.percentile,
           ${totals.must ? `coalesce(sk.must_w, 0)::float8 / ${totals.must}` : "0::float8"} as must_have,
           ${totals.nice ? `coalesce(sk.nice_w, 0)::float8 / ${totals.nice}` : "0::float8"} as nice_to_have,
           ${totals.all ? `coalesce(sk.years_w, 0)::float8 / ${totals.all}` : "0::float8"} as years,
           case when ?::int is null then 0::float8
                else greatest(0, 1 - abs(coalesce(array_position(${levels}, cv.seniority), 0) - ?::int)::float8 / ${SENIORITY_SPAN})
                     * (array_position(${levels}, cv.seniority) is not null)::int end as seniority_v,
           coalesce(asd.percentile, 0)::float8 / 100 as assessment,
           coalesce(p.interview, 0)::float8 / 100 as interview_v
      from pool p
      left join skills sk on sk.candidate_id = p.candidate_id
      left join cv on cv.candidate_id = p.candidate_id
      left join assessed asd on asd.candidate_id = p.candidate_id
  ), ranked as (
    select f.*, (100 * (${raw.join(" + ")}))::float8 as raw from facts f
  ), page as (
    select * from ranked
     ${paged ? "where raw < ?::float8 or (raw = ?::float8 and candidate_id > ?::uuid)" : ""}
     order by raw desc, candidate_id
     limit ?
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
           ${weight("must_have", `${totals.must > 0} and a.cv`)} as w_must_have,
           ${weight("nice_to_have", `${totals.nice > 0} and a.cv`)} as w_nice_to_have,
           ${weight("years", `${totals.all > 0} and a.cv`)} as w_years,
           ${weight("seniority", "?::int is not null and a.seniority")} as w_seniority,
           ${weight("assessment", "a.assessment")} as w_assessment,
           ${weight("interview", "a.interview")} as w_interview
      from page cross join present a
  )
  select w.*, coalesce(w.raw / nullif(${weights}, 0), 0)::float8 as score, w.raw::text as raw_text, c.name, c.email,
         (select coalesce(jsonb_object_agg(lower(cs.skill), cs.years), '{}'::jsonb)
            from candidate_skills cs where cs.candidate_id = w.candidate_id and cs.skill = any(array[?]::text[])) as evidence
    from weighed w join candidates c on c.id = w.candidate_id
   order by w.raw desc, w.candidate_id`;
}

interface RankedRow {
  candidate_id: string;
  application_id: string | null;
  name: string;
  email: string;
  score: number;
  raw_text: string;
  has_cv: boolean;
  seniority: string | null;
  percentile: number | null;
  interview: number | null;
  evidence: Record<string, number | null>;
  must_have: number;
  nice_to_have: number;
  years: number;
  seniority_v: number;
  assessment: number;
  interview_v: number;
  [weight: `w_${string}`]: number;
}

export async function rankCandidates(ctx: Pick<ProcedureContext, "em">, input: RankInput): Promise<MatchPage> {
  const job = await readVacancyProfile(ctx.em, input.jobId);
  const profile = job.profile ?? {};
  const skills = profileSkills(profile.mustHave, profile.niceToHave, canonicalSkill);
  const roleSeniority =
    typeof profile.seniority === "string" && (SENIORITIES as readonly string[]).includes(profile.seniority)
      ? profile.seniority
      : null;
  const level = roleSeniority ? SENIORITIES.indexOf(roleSeniority as (typeof SENIORITIES)[number]) + 1 : null;
  const sum = (list: typeof skills) => list.reduce((acc, s) => acc + s.weight, 0);
  const totals = {
    must: sum(skills.filter((s) => s.must)),
    nice: sum(skills.filter((s) => !s.must)),
    all: sum(skills),
  };
  const after = input.cursor ? decodeCursor(input.cursor, input.scope) : null;
  const names = skills.map((s) => s.skill);
  const rows = await ctx.em.execute<RankedRow[]>(rankingSql(input.scope, totals, after !== null), [
    names,
    skills.map((s) => s.weight),
    skills.map((s) => s.must),
    input.jobId,
    names,
    level,
    level,
    ...(after ? [after[0], after[0], after[1]] : []),
    input.limit + 1,
    level,
    names,
  ]);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const first = rows[0];
  const available = Object.fromEntries(
    MATCH_FACTORS.map((f) => [f, first ? Number(first[`w_${f}`]) > 0 : false]),
  ) as Record<MatchFactor, boolean>;
  const weights = activeWeights(available);
  const context: MatchContext = {
    skills,
    roleSeniority,
    available,
    who: input.scope === "applied" ? "applicant" : "candidate",
  };
  return {
    items: page.map((row) => toMatchDTO(row, context, weights)),
    nextCursor:
      rows.length > input.limit && last
        ? Buffer.from(JSON.stringify([input.scope, last.raw_text, last.candidate_id])).toString("base64url")
        : null,
    mustHave: skills.filter((s) => s.must).map((s) => s.skill),
    niceToHave: skills.filter((s) => !s.must).map((s) => s.skill),
  };
}

function toMatchDTO(row: RankedRow, context: MatchContext, weights: Record<MatchFactor, number>): MatchDTO {
  const evidence = new Map(Object.entries(row.evidence ?? {}));
  const facts = {
    skills: evidence,
    hasCv: row.has_cv,
    seniority: row.seniority,
    percentile: row.percentile == null ? null : Number(row.percentile),
    interview: row.interview == null ? null : Number(row.interview),
  };
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
    matchedSkills: context.skills.filter((s) => evidence.has(s.skill.toLowerCase())).map((s) => s.skill),
    missingSkills: context.skills.filter((s) => s.must && !evidence.has(s.skill.toLowerCase())).map((s) => s.skill),
  };
}

/** Files the picked candidates under the job (its first stage) through jobs' port; those already in it are counted apart. */
export async function addMatches(ctx: Ctx, input: z.output<typeof addMatchesInput>): Promise<AddMatchesResult> {
  const ids = [...new Set(input.candidateIds)];
  // The job's row first (as filing locks it): two adds of the same people count each person once.
  const [job] = await ctx.em.execute<{ id: string }[]>("select id from jobs where id = ? for no key update", [
    input.jobId,
  ]);
  if (!job) throw new NotFound("job", input.jobId);
  const found = await ctx.em.execute<{ id: string; erased: boolean; in_job: boolean }[]>(
    `select c.id,
            exists (select 1 from data_keys k where k.subject_id = c.id and k.destroyed_at is not null) as erased,
            exists (select 1 from applications a where a.job_id = ? and a.candidate_id = c.id) as in_job
       from candidates c where c.id = any(array[?]::uuid[])`,
    [input.jobId, ids],
  );
  const missing = ids.filter((id) => !found.some((row) => row.id === id));
  if (missing.length) throw InvalidInput.field("candidateIds", `No candidate has the id ${missing.join(", ")}`);
  const erased = found.filter((row) => row.erased).map((row) => row.id);
  if (erased.length)
    throw new Conflict(`Erased candidates cannot be added to a job: ${erased.join(", ")}`, "precondition_failed", {
      erased,
    });
  const fresh = ids.filter((id) => !found.find((row) => row.id === id)!.in_job);
  await fileManyUnderJobs(
    ctx,
    [],
    fresh.map((candidateId) => ({ candidateId, jobId: input.jobId })),
  );
  const alreadyInJob = ids.filter((id) => !fresh.includes(id));
  ctx.audit.record({ entity: { kind: "job", id: input.jobId }, after: { addedFromMatching: fresh, alreadyInJob } });
  return { added: fresh.length, alreadyInJob: alreadyInJob.length };
}
