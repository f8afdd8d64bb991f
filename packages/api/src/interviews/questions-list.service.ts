/**
 * The question bank's list: PostgreSQL full-text search (web-search syntax, ranked by ts_rank_cd, then newest) with
 * filters, keyset-paged. One plain statement whose rows are mapped to DTOs (no entity hydration). The search reads
 * `to_tsvector('english', search_text)`, exactly the expression of the GIN index `questions_search_idx`.
 */
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { InvalidInput } from "../errors";
import { canonicalSkill } from "../intake";
import type { QuestionPage } from "./dto";
import { normaliseSkills, normaliseTags } from "./logic/questions";
import { QUESTION_COLUMNS, QUESTION_FROM, toQuestionDTO } from "./questions-rows";
import type { questionListInput } from "./schemas";

type Condition = [sql: string, params: unknown[]];
type ListInput = z.output<typeof questionListInput>;

export const QUESTION_TSVECTOR = "to_tsvector('english', q.search_text)";
const TSQUERY = "websearch_to_tsquery('english', ?)";

const UTC_TEXT = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const UTC_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REAL = /^\d+(\.\d+)?(e[+-]?\d{1,3})?$/i;

/** Cursors: `["s", rank, createdAt, id]` after a searched page, `["n", createdAt, id]` after a newest-first one. */
const encodeCursor = (parts: string[]) => Buffer.from(JSON.stringify(parts)).toString("base64url");

const badCursor = () =>
  InvalidInput.field("cursor", "Not a cursor of questions.list for this search; start again without one");

function decodeCursor(cursor: string, searching: boolean): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === "string")) throw badCursor();
  const parts = parsed as string[];
  const [mode, ...rest] = parts;
  const valid = searching
    ? mode === "s" && rest.length === 3 && REAL.test(rest[0]!) && Number.isFinite(Number(rest[0]))
    : mode === "n" && rest.length === 2;
  const [createdAt, id] = rest.slice(-2);
  if (!valid || !UTC_INSTANT.test(createdAt!) || Number.isNaN(Date.parse(createdAt!)) || !UUID.test(id!))
    throw badCursor();
  return rest;
}

/** The filters, each as SQL over `q` with its parameters (values are inlined by the driver as literals). */
function filterConditions(input: ListInput): Condition[] {
  const conditions: Condition[] = [];
  const skills = normaliseSkills(input.skills, canonicalSkill);
  if (skills.length)
    conditions.push([`q.skills ${input.skillsMatch === "all" ? "@>" : "&&"} array[?]::text[]`, [skills]]);
  const tags = normaliseTags(input.tags);
  if (tags.length) conditions.push(["q.tags && array[?]::text[]", [tags]]);
  if (input.types.length) conditions.push(["q.type = any(array[?]::question_type[])", [input.types]]);
  if (input.difficultyMin > 1) conditions.push(["q.difficulty >= ?", [input.difficultyMin]]);
  if (input.difficultyMax < 5) conditions.push(["q.difficulty <= ?", [input.difficultyMax]]);
  if (input.active !== "all") conditions.push(["q.active = ?", [input.active]]);
  return conditions;
}

const where = (conditions: Condition[]) => ({
  sql: conditions.length ? `where ${conditions.map(([sql]) => sql).join(" and ")}` : "",
  params: conditions.flatMap(([, params]) => params),
});

export async function listQuestions(ctx: Pick<ProcedureContext, "em">, input: ListInput): Promise<QuestionPage> {
  const q = input.q?.trim() || null;
  const conditions = filterConditions(input);
  if (q) conditions.push([`${QUESTION_TSVECTOR} @@ ${TSQUERY}`, [q]]);
  const filters = where(conditions);
  const after = input.cursor ? decodeCursor(input.cursor, q !== null) : null;
  const page: Condition | null = after
    ? q
      ? ["(q.rank, q.created_at, q.id) < (?::real, ?::timestamptz, ?::uuid)", after]
      : ["(q.created_at, q.id) < (?::timestamptz, ?::uuid)", after]
    : null;
  const rank: Condition = q ? [`ts_rank_cd(${QUESTION_TSVECTOR}, ${TSQUERY})`, [q]] : ["null::real", []];
  const rows = await ctx.em.execute<Record<string, unknown>[]>(
    `select q.*, q.rank::text as rank_text, ${UTC_TEXT("q.created_at")} as created_text
       from (select ${QUESTION_COLUMNS}, ${rank[0]} as rank from ${QUESTION_FROM} ${filters.sql}) q
      ${page ? `where ${page[0]}` : ""}
      order by ${q ? "q.rank desc, " : ""}q.created_at desc, q.id desc
      limit ?`,
    [...rank[1], ...filters.params, ...(page?.[1] ?? []), input.limit + 1],
  );
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map(({ rank, rank_text: _r, created_text: _c, ...row }) => ({
      ...toQuestionDTO(row),
      rank: rank == null ? null : Number(rank),
    })),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor(
            q
              ? ["s", last.rank_text as string, last.created_text as string, last.id as string]
              : ["n", last.created_text as string, last.id as string],
          )
        : null,
  };
}
