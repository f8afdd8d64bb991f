/**
 * The candidate list's sorts and their keyset cursors. Each sort is one SQL key over the list's row (a candidate with
 * its `score` and `last_activity`), ordered with the id as tie-break, so a page starts strictly after the previous
 * one's last row whatever the sort: no OFFSET. The cursor carries the key as PostgreSQL printed it (microseconds
 * included), never a value rounded by JavaScript.
 */
import { InvalidInput } from "../errors";
import { hasControlCharacters } from "../shared/text";
import type { CandidateSort, SortOrder } from "./schemas";

interface SortKey {
  /** The key over the list's row `c`. */
  sql: (order: SortOrder) => string;
  /** The key as text for the cursor. */
  text: (key: string) => string;
  /** The cursor's text back as the key's type. */
  cast: string;
  valid: (text: string) => boolean;
}

const utcText = (key: string) => `to_char(${key} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const UTC_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d{1,3})?$/i;

/** A real instant from year 1 on (PostgreSQL has no year 0), months and days in range. */
function validInstant(text: string) {
  if (!UTC_INSTANT.test(text) || text.startsWith("0000")) return false;
  const millis = `${text.slice(0, 23)}Z`;
  const date = new Date(millis);
  return !Number.isNaN(date.getTime()) && date.toISOString() === millis;
}

/** The score's range, with the sentinels that put people without one last. */
const validScore = (text: string) => {
  const n = Number(text);
  return NUMBER.test(text) && n >= -1 && n <= 1000 && (n === 0 || Math.abs(n) >= 1e-300);
};

const instant = (column: string): SortKey => ({
  sql: () => column,
  text: utcText,
  cast: "timestamptz",
  valid: validInstant,
});

/** Keys of the sorts. A person with no score sorts after every score, in either order. */
const SORT_KEYS: Record<CandidateSort, SortKey> = {
  /** The search's rank (search.ts): 0 to 2. */
  relevance: {
    sql: () => "c.rank",
    text: (key) => `${key}::text`,
    cast: "float8",
    valid: (text) => NUMBER.test(text) && Number(text) >= 0 && Number(text) <= 2,
  },
  added: instant("c.created_at"),
  activity: instant("c.last_activity"),
  name: {
    sql: () => "lower(c.name)",
    text: (key) => key,
    cast: "text",
    valid: (text) => text.length <= 300 && !hasControlCharacters(text) && text.isWellFormed(),
  },
  score: {
    sql: (order) => `coalesce(c.score, ${order === "desc" ? -1 : 1000})::float8`,
    text: (key) => `${key}::text`,
    cast: "float8",
    valid: validScore,
  },
};

/**
 * What one person's row holds besides the candidate: the latest completed assessment's percentile, and the latest
 * activity on any of their applications (or the last edit of the record). Sorted by date added or name, PostgreSQL
 * computes these for the page's rows only (after the sort and limit); sorted by score or activity, for every person
 * the filters let through (index lookups each): fine for the thousands a triage list holds, costly unfiltered at
 * hundreds of thousands.
 */
export const LIST_ROW_EXTRAS = `
  (select s.percentile from assessments s where s.candidate_id = c.id and s.status = 'completed'
    order by s.completed_at desc, s.id desc limit 1) as score,
  greatest(c.updated_at, (select max(a.last_activity_at) from applications a where a.candidate_id = c.id))
    as last_activity`;

export interface ListOrder {
  /** ORDER BY of the page. */
  orderBy: string;
  /** The key's text for the next cursor, as a select expression named `cursor_key`. */
  cursorKey: string;
  /** The condition that starts after the cursor, and its parameters; null without one. */
  after: [sql: string, params: unknown[]] | null;
}

const badCursor = () =>
  new InvalidInput("cursor: not a cursor returned by candidates.list for this sort; start again without one", {
    fieldErrors: [
      { path: "cursor", message: "not a cursor returned by candidates.list for this sort; start again without one" },
    ],
  });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(sort: CandidateSort, order: SortOrder, key: string, id: string) {
  return Buffer.from(JSON.stringify([sort, order, key, id])).toString("base64url");
}

function decodeCursor(cursor: string, sort: CandidateSort, order: SortOrder): [key: string, id: string] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  // Exactly what encodeCursor writes for this sort, so every value that reaches Postgres is one it accepts.
  if (!Array.isArray(parsed) || parsed.length !== 4) throw badCursor();
  const [cursorSort, cursorOrder, key, id] = parsed as unknown[];
  if (cursorSort !== sort || cursorOrder !== order) throw badCursor();
  if (typeof key !== "string" || !SORT_KEYS[sort].valid(key)) throw badCursor();
  if (typeof id !== "string" || !UUID.test(id)) throw badCursor();
  return [key, id];
}

/** The sort a list call gets: relevance only under a search (and by default then), else date added by default. */
export const effectiveSort = (sort: CandidateSort | undefined, searching: boolean): CandidateSort =>
  sort === undefined ? (searching ? "relevance" : "added") : sort === "relevance" && !searching ? "added" : sort;

export function listOrder(sort: CandidateSort, order: SortOrder, cursor: string | null | undefined): ListOrder {
  const key = SORT_KEYS[sort];
  const sql = key.sql(order);
  const dir = order === "desc" ? "desc" : "asc";
  let after: ListOrder["after"] = null;
  if (cursor) {
    const [value, id] = decodeCursor(cursor, sort, order);
    after = [`(${sql}, c.id) ${dir === "desc" ? "<" : ">"} (?::${key.cast}, ?::uuid)`, [value, id]];
  }
  return { orderBy: `${sql} ${dir}, c.id ${dir}`, cursorKey: `${key.text(sql)} as cursor_key`, after };
}
