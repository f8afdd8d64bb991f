import type { EntityManager } from "@shortlist/db";
import { CANDIDATE_STATUSES, type CandidateStatus } from "@shortlist/db/constants";
import { InvalidInput } from "../errors";
import { candidateFromRow, toCandidateDTO } from "./mappers";
import type { CandidateFilters, ListCandidatesInput } from "./schemas";

type Condition = [sql: string, params: unknown[]];

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Each filter is an equality or containment that an index in the candidates entity serves. */
function filterConditions(filters: CandidateFilters): Condition[] {
  const conditions: Condition[] = [];
  if (filters.status) conditions.push(["c.status = ?", [filters.status]]);
  if (filters.company) conditions.push(["c.company = ?", [filters.company]]);
  if (filters.role) conditions.push(["c.role = ?", [filters.role]]);
  if (filters.domain) conditions.push(["c.assessment_domains @> array[?]::text[]", [filters.domain]]);
  if (filters.search) {
    // Same expression as candidates_search_trgm_idx, so the trigram index answers it.
    conditions.push(["lower(c.name || ' ' || c.email) like ?", [`%${escapeLike(filters.search.toLowerCase())}%`]]);
  }
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

/** Counts per status for the filter chips, under every filter but status. */
export async function candidateStats(em: EntityManager, filters: Omit<CandidateFilters, "status">) {
  const where = whereClause(filterConditions(filters));
  const rows = await em
    .getConnection()
    .execute<{ status: CandidateStatus; count: string }[]>(
      `select c.status, count(*) as count from candidates c ${where.sql} group by c.status`,
      where.params,
    );
  const byStatus = Object.fromEntries(CANDIDATE_STATUSES.map((s) => [s, 0])) as Record<CandidateStatus, number>;
  for (const row of rows) byStatus[row.status] = Number(row.count);
  return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
}
