/**
 * The baseline's SQL: what packages/api's candidates and jobs services run for candidates.list, candidates.stats and
 * candidates.create (with role and company), written out by hand over a raw `pg` Pool (see baseline-server.ts).
 */
import pg from "pg";
import { normalizeForSearch } from "@shortlist/db";
import { APPLICATION_OUTCOMES, DEFAULT_STAGES } from "@shortlist/db/constants";

interface CandidateRow {
  id: string;
  name: string;
  email: string;
  tags: string[];
  consent_given: boolean;
  consent_timestamp: Date | null;
  assessment_domains: string[];
  recruiter_notes: string | null;
  resume_url: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const toDTO = (r: CandidateRow) => ({
  id: r.id,
  name: r.name,
  email: r.email,
  tags: r.tags,
  consentGiven: r.consent_given,
  consentTimestamp: r.consent_timestamp,
  assessmentDomains: r.assessment_domains,
  recruiterNotes: r.recruiter_notes,
  resumeUrl: r.resume_url,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
const OUTCOMES = new Set<string>(APPLICATION_OUTCOMES);

/** `?` in `sql` become `$n` for the values, appended to `params`. */
function bind(params: unknown[], sql: string, values: unknown[]) {
  let i = 0;
  return sql.replace(/\?/g, () => {
    params.push(values[i++]);
    return `$${params.length}`;
  });
}

/** The search's condition and rank over candidates.search_key, as packages/api's candidates/search.ts writes them. */
function search(term: string | undefined) {
  const normalised = normalizeForSearch(term ?? "");
  if (!normalised) return null;
  const escaped = normalised.replace(/[\\%_]/g, (c) => `\\${c}`);
  const contains = `%${escaped}%`;
  return {
    condition: (params: unknown[]) =>
      bind(params, "(c.search_key like ? or ? <% c.search_key)", [contains, normalised]),
    rank: (params: unknown[]) =>
      bind(
        params,
        `(case when c.search_key like ? then case when c.search_key like ? or c.search_key like ? then 2 else 1.5 end
              else word_similarity(?, c.search_key) end)::float8`,
        [contains, `${escaped}%`, `% ${escaped}%`, normalised],
      ),
  };
}

/** The list's and the stats' filters: a person's applications through one EXISTS, then their own columns. */
function filters(i: Record<string, unknown>, params: unknown[], found: ReturnType<typeof search>): string[] {
  const where: string[] = [];
  const onApplications: string[] = [];
  const outcome = text(i.outcome);
  if (outcome) {
    if (!OUTCOMES.has(outcome)) throw new Error("bad outcome");
    onApplications.push(bind(params, "a.outcome = ?", [outcome]));
  }
  if (text(i.jobId)) onApplications.push(bind(params, "a.job_id = ?", [text(i.jobId)]));
  if (text(i.stageId)) onApplications.push(bind(params, "a.stage_id = ?", [text(i.stageId)]));
  if (text(i.company)) onApplications.push(bind(params, "lower(j.company) = lower(?)", [text(i.company)]));
  if (text(i.role)) onApplications.push(bind(params, "lower(j.title) = lower(?)", [text(i.role)]));
  if (onApplications.length)
    where.push(
      `exists (select 1 from applications a join jobs j on j.id = a.job_id where a.candidate_id = c.id and ${onApplications.join(" and ")})`,
    );
  if (text(i.tag)) where.push(bind(params, "c.tags @> array[lower(?)]::text[]", [text(i.tag)]));
  if (text(i.domain)) where.push(bind(params, "c.assessment_domains @> array[?]::text[]", [text(i.domain)]));
  if (found) where.push(found.condition(params));
  return where;
}

/** The list's keyset orders: date added (newest first by default), or the search's relevance under a search. */
const SORTS = {
  added: {
    key: "c.created_at",
    text: `to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    cast: "timestamptz",
  },
  relevance: { key: "c.rank", text: "c.rank::text", cast: "float8" },
} as const;

interface ListRow extends CandidateRow {
  score: string | number | null;
  last_activity: Date;
  cursor_key: string;
}

interface JobSummaryRow {
  candidate_id: string;
  application_id: string;
  job_id: string;
  job_title: string;
  company: string;
  stage_name: string;
  outcome: string;
}

export async function list(pool: pg.Pool, i: Record<string, unknown>) {
  const params: unknown[] = [];
  const found = search(text(i.search));
  const asked = i.sort === undefined ? (found ? "relevance" : "added") : i.sort;
  if (asked !== "added" && asked !== "relevance") throw new Error("the baseline sorts by date added or relevance only");
  // Relevance without a search is by date added.
  const sort = found ? asked : "added";
  const { key, text: keyText, cast } = SORTS[sort];
  const order = i.order ?? "desc";
  if (order !== "asc" && order !== "desc") throw new Error("bad order");
  const limit =
    typeof i.limit === "number" && Number.isInteger(i.limit) && i.limit >= 1 && i.limit <= 200 ? i.limit : 25;
  const rank = found && sort === "relevance" ? found.rank(params) : "null::float8";
  const where = filters(i, params, found);
  let after = "";
  if (typeof i.cursor === "string") {
    const [cursorSort, cursorOrder, value, id] = JSON.parse(
      Buffer.from(i.cursor, "base64url").toString("utf8"),
    ) as string[];
    if (cursorSort !== sort || cursorOrder !== order) throw new Error("not a cursor for this sort");
    after = bind(params, `where (${key}, c.id) ${order === "desc" ? "<" : ">"} (?::${cast}, ?::uuid)`, [value, id]);
  }
  const { rows } = await pool.query<ListRow>(
    `select c.*, ${keyText} as cursor_key
       from (select c.*,
                    (select s.percentile from assessments s where s.candidate_id = c.id and s.status = 'completed'
                      order by s.completed_at desc, s.id desc limit 1) as score,
                    greatest(c.updated_at, (select max(a.last_activity_at) from applications a where a.candidate_id = c.id))
                      as last_activity,
                    ${rank} as rank
               from candidates c ${where.length ? `where ${where.join(" and ")}` : ""}) c
     ${after} order by ${key} ${order}, c.id ${order} limit ${limit + 1}`,
    params,
  );
  const page = rows.slice(0, limit);
  const byCandidate = new Map<string, object[]>();
  if (page.length) {
    const { rows: jobs } = await pool.query<JobSummaryRow>(
      `select a.candidate_id, a.id as application_id, a.job_id, j.title as job_title, j.company, s.name as stage_name,
              a.outcome
         from applications a join jobs j on j.id = a.job_id join job_stages s on s.id = a.stage_id
        where a.candidate_id = any($1::uuid[])
        order by a.last_activity_at desc, a.id`,
      [page.map((r) => r.id)],
    );
    for (const j of jobs) {
      const summary = {
        applicationId: j.application_id,
        jobId: j.job_id,
        jobTitle: j.job_title,
        company: j.company,
        stageName: j.stage_name,
        outcome: j.outcome,
      };
      byCandidate.set(j.candidate_id, [...(byCandidate.get(j.candidate_id) ?? []), summary]);
    }
  }
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      ...toDTO(r),
      score: r.score == null ? null : Number(r.score),
      lastActivityAt: r.last_activity,
      applications: byCandidate.get(r.id) ?? [],
    })),
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify([sort, order, last.cursor_key, last.id])).toString("base64url")
        : null,
  };
}

/** Applications per outcome summed from the jobs' counters; none under a filter the counters cannot answer. */
export async function stats(pool: pg.Pool, i: Record<string, unknown>) {
  if (text(i.search) || text(i.tag) || text(i.domain) || text(i.stageId)) return { total: null, byOutcome: null };
  const params: unknown[] = [];
  const where: string[] = [];
  if (text(i.jobId)) where.push(bind(params, "j.id = ?", [text(i.jobId)]));
  if (text(i.company)) where.push(bind(params, "lower(j.company) = lower(?)", [text(i.company)]));
  if (text(i.role)) where.push(bind(params, "lower(j.title) = lower(?)", [text(i.role)]));
  const {
    rows: [row],
  } = await pool.query<Record<string, string | null>>(
    `select sum(active_count) as active, sum(hired_count) as hired, sum(rejected_count) as rejected,
            sum(withdrawn_count) as withdrawn from jobs j ${where.length ? `where ${where.join(" and ")}` : ""}`,
    params,
  );
  const byOutcome = Object.fromEntries(APPLICATION_OUTCOMES.map((o) => [o, Number(row?.[o] ?? 0)]));
  return { total: Object.values(byOutcome).reduce((a, b) => a + b, 0), byOutcome };
}

interface JobRow {
  id: string;
  title: string;
  company: string;
  status: string;
}

interface StageRow {
  id: string;
  name: string;
  kind: string;
}

/**
 * The person, and with role and company their application in the first stage of the job with that title and
 * company (the newest not closed, found under an advisory lock on the pair and locked; else a new open job with the
 * default stages), its history row and the counters: in one transaction, as candidates.create does.
 */
export async function create(
  db: pg.PoolClient,
  v: { person: unknown[]; role?: string; company?: string; actorId: string },
) {
  const {
    rows: [person],
  } = await db.query<CandidateRow>(
    `insert into candidates (name, email, search_key, tags, assessment_domains, recruiter_notes, resume_url, consent_given, consent_timestamp)
     values ($1, $2, $3, $4, $5, $6, $7, $8, case when $8 then now() end)
     on conflict ((lower(email))) where not legacy_duplicate do nothing
     returning *`,
    v.person,
  );
  if (!person) return null;
  if (!v.role || !v.company) return { ...toDTO(person), application: null };
  await db.query("select pg_advisory_xact_lock(hashtextextended(lower($1) || chr(31) || lower($2), 1047))", [
    v.role,
    v.company,
  ]);
  let {
    rows: [job],
  } = await db.query<JobRow>(
    `select id, title, company, status from jobs where lower(title) = lower($1) and lower(company) = lower($2)
       and status <> 'closed' order by created_at desc, id limit 1 for no key update`,
    [v.role, v.company],
  );
  let stage: StageRow | undefined;
  if (job) {
    ({
      rows: [stage],
    } = await db.query<StageRow>(
      "select id, name, kind from job_stages where job_id = $1 order by position, id limit 1",
      [job.id],
    ));
  } else {
    ({
      rows: [job],
    } = await db.query<JobRow>(
      "insert into jobs (title, company, status) values ($1, $2, 'open') returning id, title, company, status",
      [v.role, v.company],
    ));
    ({
      rows: [stage],
    } = await db.query<StageRow>(
      `insert into job_stages (job_id, name, kind, position)
       select $1, name, kind::stage_kind, position from jsonb_to_recordset($2::jsonb) as s(name text, kind text, position int)
       returning id, name, kind, position`,
      [job!.id, JSON.stringify(DEFAULT_STAGES.map((s, i) => ({ ...s, position: i + 1 })))],
    ));
  }
  if (!job || !stage) throw new Error("the job has no stages");
  const outcome = stage.kind === "hired" ? "hired" : "active";
  const {
    rows: [app],
  } = await db.query<{ id: string; version: number; stage_entered_at: Date; last_activity_at: Date; created_at: Date }>(
    `insert into applications (candidate_id, job_id, stage_id, outcome, stage_entered_at, last_activity_at)
     values ($1, $2, $3, $4, now(), now()) returning id, version, stage_entered_at, last_activity_at, created_at`,
    [person.id, job.id, stage.id, outcome],
  );
  await db.query("update job_stages set app_count = app_count + 1 where id = $1", [stage.id]);
  await db.query(`update jobs set ${outcome}_count = ${outcome}_count + 1 where id = $1`, [job.id]);
  await db.query(
    `insert into application_moves (application_id, job_id, to_stage_id, to_stage_name, to_outcome, actor_id)
     values ($1, $2, $3, $4, $5, $6)`,
    [app!.id, job.id, stage.id, stage.name, outcome, v.actorId],
  );
  return {
    ...toDTO(person),
    application: {
      id: app!.id,
      version: app!.version,
      candidateId: person.id,
      jobId: job.id,
      jobTitle: job.title,
      company: job.company,
      jobStatus: job.status,
      stageId: stage.id,
      stageName: stage.name,
      stageKind: stage.kind,
      outcome,
      rejectionReason: null,
      rejectionNote: null,
      stageEnteredAt: app!.stage_entered_at,
      lastActivityAt: app!.last_activity_at,
      createdAt: app!.created_at,
    },
  };
}
