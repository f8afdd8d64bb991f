import type { EntityManager } from "@shortlist/db";
import { APPLICATION_OUTCOMES, type ApplicationOutcome } from "@shortlist/db/constants";
import { dbRow, pgDate } from "../db-rows";
import { effectiveSort, encodeCursor, LIST_ROW_EXTRAS, listOrder } from "./list-order";
import { candidateFromRow, toCandidateDTO, type CandidateJobSummary, type CandidateListPage } from "./mappers";
import type { CandidateFilters, ListCandidatesInput } from "./schemas";
import { candidateSearch } from "./search";

type Condition = [sql: string, params: unknown[]];

/** The filters on a person's applications, as one EXISTS (a person matches when one application matches all). */
function applicationConditions(filters: CandidateFilters): Condition | null {
  const parts: Condition[] = [];
  if (filters.outcome) parts.push(["a.outcome = ?", [filters.outcome]]);
  if (filters.jobId) parts.push(["a.job_id = ?", [filters.jobId]]);
  if (filters.stageId) parts.push(["a.stage_id = ?", [filters.stageId]]);
  if (filters.company) parts.push(["lower(j.company) = lower(?)", [filters.company]]);
  if (filters.role) parts.push(["lower(j.title) = lower(?)", [filters.role]]);
  if (parts.length === 0) return null;
  return [
    `exists (select 1 from applications a join jobs j on j.id = a.job_id where a.candidate_id = c.id and ${parts.map(([sql]) => sql).join(" and ")})`,
    parts.flatMap(([, params]) => params),
  ];
}

function filterConditions(filters: CandidateFilters, search = candidateSearch(filters.search)): Condition[] {
  const conditions: Condition[] = [];
  const applications = applicationConditions(filters);
  if (applications) conditions.push(applications);
  // Tags are stored lower-cased by JavaScript (tagsSchema): the term too, whatever PostgreSQL's locale would do.
  if (filters.tag) conditions.push(["c.tags @> array[?]::text[]", [filters.tag.toLowerCase()]]);
  // Domains keep the spelling they were typed in ("PostgreSQL"); the filter matches any case.
  if (filters.domain)
    conditions.push([
      "exists (select 1 from unnest(c.assessment_domains) as d where lower(d) = lower(?))",
      [filters.domain],
    ]);
  if (search) conditions.push(search.condition);
  return conditions;
}

function whereClause(conditions: Condition[]) {
  return {
    sql: conditions.length ? `where ${conditions.map(([sql]) => sql).join(" and ")}` : "",
    params: conditions.flatMap(([, params]) => params),
  };
}

/** One page in the order asked (newest first by default), keyset-paginated on (sort key, id): no OFFSET, no COUNT. */
export async function listCandidates(em: EntityManager, input: ListCandidatesInput): Promise<CandidateListPage> {
  const search = candidateSearch(input.search);
  const sort = effectiveSort(input.sort, search !== null);
  const { orderBy, cursorKey, after } = listOrder(sort, input.order, input.cursor);
  const where = whereClause(filterConditions(input, search));
  const page = whereClause(after ? [after] : []);
  const [rankSql, rankParams] = search && sort === "relevance" ? search.rank : ["null::float8", []];
  // One plain statement, its rows mapped to property names (Dates, arrays) rather than hydrated as managed
  // entities: a read-only page needs no identity map, and entity hydration, then the query builder, were
  // most of the CPU a list call cost (see BENCHMARKS.md). The row's score, last activity and rank are computed in
  // the subquery, so every sort reads them under the same names.
  const raw = await em.execute<Record<string, unknown>[]>(
    `select c.*, ${cursorKey}
       from (select c.*, ${LIST_ROW_EXTRAS}, ${rankSql} as rank from candidates c ${where.sql}) c
     ${page.sql} order by ${orderBy} limit ?`,
    [...rankParams, ...where.params, ...page.params, input.limit + 1],
  );
  const rows = raw.slice(0, input.limit);
  const jobs = await jobsOf(
    em,
    rows.map((r) => r.id as string),
  );
  const last = rows.at(-1);
  return {
    items: rows.map((row) => {
      const candidate = candidateFromRow(row);
      return {
        ...toCandidateDTO(candidate),
        score: row.score == null ? null : Number(row.score),
        lastActivityAt: pgDate(row.last_activity, "last_activity"),
        applications: jobs.get(candidate.id) ?? [],
      };
    }),
    nextCursor:
      raw.length > input.limit && last
        ? encodeCursor(sort, input.order, last.cursor_key as string, last.id as string)
        : null,
  };
}

/** The applications of the page's people, most recently active first, in one statement. */
async function jobsOf(em: EntityManager, candidateIds: string[]) {
  const byCandidate = new Map<string, CandidateJobSummary[]>();
  if (!candidateIds.length) return byCandidate;
  const rows = await em.execute<Record<string, unknown>[]>(
    `select a.candidate_id, a.id as application_id, a.job_id, j.title as job_title, j.company, s.name as stage_name,
            a.outcome
       from applications a join jobs j on j.id = a.job_id join job_stages s on s.id = a.stage_id
      where a.candidate_id = any(?::uuid[])
      order by a.last_activity_at desc, a.id`,
    [`{${candidateIds.join(",")}}`],
  );
  for (const row of rows) {
    const { candidateId, ...summary } = dbRow<CandidateJobSummary & { candidateId: string }>(row);
    byCandidate.set(candidateId, [...(byCandidate.get(candidateId) ?? []), summary]);
  }
  return byCandidate;
}

/**
 * Applications per outcome for the filter chips, summed from the jobs' counters (kept by every move, never counted
 * by scanning): under the job-level filters (job, company, role). Under a filter no counter answers (search, tag,
 * domain, stage), `byOutcome` is null and the chips show no numbers.
 */
export async function candidateStats(em: EntityManager, filters: Omit<CandidateFilters, "outcome">) {
  if (filters.search || filters.tag || filters.domain || filters.stageId) return { total: null, byOutcome: null };
  const conditions: Condition[] = [];
  if (filters.jobId) conditions.push(["j.id = ?", [filters.jobId]]);
  if (filters.company) conditions.push(["lower(j.company) = lower(?)", [filters.company]]);
  if (filters.role) conditions.push(["lower(j.title) = lower(?)", [filters.role]]);
  const where = whereClause(conditions);
  const [row] = await em.execute<Record<string, string | null>[]>(
    `select sum(active_count) as active, sum(hired_count) as hired, sum(rejected_count) as rejected,
            sum(withdrawn_count) as withdrawn from jobs j ${where.sql}`,
    where.params,
  );
  const byOutcome = Object.fromEntries(APPLICATION_OUTCOMES.map((o) => [o, Number(row?.[o] ?? 0)])) as Record<
    ApplicationOutcome,
    number
  >;
  return { total: Object.values(byOutcome).reduce((a, b) => a + b, 0), byOutcome };
}
