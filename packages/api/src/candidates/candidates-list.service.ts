import type { EntityManager } from "@shortlist/db";
import { APPLICATION_OUTCOMES, type ApplicationOutcome } from "@shortlist/db/constants";
import { InvalidInput } from "../errors";
import { candidateFromRow, toCandidateDTO } from "./mappers";
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

function filterConditions(filters: CandidateFilters): Condition[] {
  const conditions: Condition[] = [];
  const applications = applicationConditions(filters);
  if (applications) conditions.push(applications);
  if (filters.tag) conditions.push(["c.tags @> array[lower(?)]::text[]", [filters.tag]]);
  if (filters.domain) conditions.push(["c.assessment_domains @> array[?]::text[]", [filters.domain]]);
  const search = candidateSearch(filters.search);
  if (search) conditions.push(search.condition);
  return conditions;
}

function whereClause(conditions: Condition[]) {
  return {
    sql: conditions.length ? `where ${conditions.map(([sql]) => sql).join(" and ")}` : "",
    params: conditions.flatMap(([, params]) => params),
  };
}

export function encodeCursor(createdAt: Date, id: string) {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString("base64url");
}

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const createdAt = new Date(at);
    // Exactly what encodeCursor writes, so every value that reaches Postgres is one it accepts.
    if (!ISO_INSTANT.test(at) || Number.isNaN(createdAt.getTime()) || !UUID.test(id)) throw new Error("bad cursor");
    return [createdAt, id];
  } catch {
    throw new InvalidInput("cursor: not a cursor returned by candidates.list; start again without one", {
      fieldErrors: [{ path: "cursor", message: "not a cursor returned by candidates.list; start again without one" }],
    });
  }
}

/** Newest first, keyset-paginated on (created_at, id): no OFFSET and no COUNT per page. */
export async function listCandidates(em: EntityManager, input: ListCandidatesInput) {
  const conditions = filterConditions(input);
  if (input.cursor) {
    const [createdAt, id] = decodeCursor(input.cursor);
    conditions.push(["(c.created_at, c.id) < (?, ?)", [createdAt, id]]);
  }
  // One plain statement, its rows mapped to property names (Dates, arrays) rather than hydrated as managed
  // entities: a read-only page needs no identity map, and entity hydration, then the query builder, were
  // most of the CPU a list call cost (see BENCHMARKS.md).
  const where = whereClause(conditions);
  const raw = await em.execute<Record<string, unknown>[]>(
    `select c.* from candidates c ${where.sql} order by c.created_at desc, c.id desc limit ?`,
    [...where.params, input.limit + 1],
  );
  const rows = raw.map(candidateFromRow);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toCandidateDTO),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
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
