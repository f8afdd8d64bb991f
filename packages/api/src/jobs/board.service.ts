/**
 * What the board and the list view read: cards (the application, its person's name and tags, and the score of its
 * latest completed assessment). The board is three statements whatever the number of stages (the job, its stages,
 * one for every column's first cards); the list is one keyset-paged statement per page, for each sort.
 */
import type { EntityManager } from "@shortlist/db";
import type { ApplicationOutcome } from "@shortlist/db/constants";
import { dbRows } from "../db-rows";
import { InvalidInput } from "../errors";
import { getJob } from "./jobs.service";
import type { JobDetailDTO } from "./mappers";
import type { ApplicationSort, BoardInput, ListApplicationsInput } from "./schemas";

export interface BoardCard {
  applicationId: string;
  version: number;
  candidateId: string;
  name: string;
  tags: string[];
  /** The percentile (0–100) of the application's latest completed assessment; null without one. */
  score: number | null;
  /** The overall score (0–100) of the application's latest completed interview scorecard; null without one. */
  interviewScore: number | null;
  stageEnteredAt: Date;
  lastActivityAt: Date;
  outcome: ApplicationOutcome;
}

export interface BoardColumn {
  stageId: string;
  /** Active and hired applications, longest in the stage first. */
  cards: BoardCard[];
  /** More cards than these are in the stage. */
  more: boolean;
  /** When `more`: the cursor of applications.list `{ jobId, stageId, sort: "entered", direction: "asc" }` for the next ones. */
  nextCursor: string | null;
}

export interface BoardDTO {
  job: JobDetailDTO;
  columns: BoardColumn[];
  /** Closed applications, off the board (from the job's counters). */
  closed: { rejected: number; withdrawn: number };
}

export interface ApplicationListItem extends BoardCard {
  stageId: string;
  stageName: string;
  /** When the application was filed (the "added" sort). */
  addedAt: Date;
}

export interface ApplicationPage {
  items: ApplicationListItem[];
  nextCursor: string | null;
}

/** The score of an application: its latest completed assessment's percentile. Joined as `sc`, on `a`. */
const SCORE_JOIN = `left join lateral (
    select x.percentile from assessments x where x.application_id = a.id and x.status = 'completed'
    order by x.completed_at desc nulls last, x.id desc limit 1
  ) sc on true`;

const CARD_COLUMNS = `a.id as application_id, a.version, a.candidate_id, c.name, c.tags, sc.percentile as score,
  a.interview_score, a.stage_entered_at, a.last_activity_at, a.outcome`;

interface CardRow extends BoardCard {
  stageId: string;
}

const CARD_DATES = ["stageEnteredAt", "lastActivityAt"] as const;

const toCard = ({
  applicationId,
  version,
  candidateId,
  name,
  tags,
  score,
  interviewScore,
  stageEnteredAt,
  lastActivityAt,
  outcome,
}: BoardCard): BoardCard => ({
  applicationId,
  version,
  candidateId,
  name,
  tags: [...(tags ?? [])],
  score: score === null || score === undefined ? null : Number(score),
  interviewScore: interviewScore === null || interviewScore === undefined ? null : Number(interviewScore),
  stageEnteredAt,
  lastActivityAt,
  outcome,
});

export async function getBoard(em: EntityManager, input: BoardInput): Promise<BoardDTO> {
  const job = await getJob(em, input.jobId);
  const rows = await em.execute<Record<string, unknown>[]>(
    `select s.id as stage_id, ${CARD_COLUMNS}
     from job_stages s
     cross join lateral (
       select a.* from applications a
       where a.stage_id = s.id and a.outcome in ('active', 'hired')
       order by a.stage_entered_at, a.id limit ?
     ) a
     join candidates c on c.id = a.candidate_id
     ${SCORE_JOIN}
     where s.job_id = ?
     order by s.position, s.id, a.stage_entered_at, a.id`,
    [input.perStage + 1, input.jobId],
  );
  const byStage = new Map<string, Record<string, unknown>[]>(job.stages.map((s) => [s.id, []]));
  for (const row of rows) byStage.get(row.stage_id as string)?.push(row);
  return {
    job,
    columns: job.stages.map((stage) => {
      const column = byStage.get(stage.id) ?? [];
      const shown = column.slice(0, input.perStage);
      const last = shown.at(-1);
      const more = column.length > input.perStage;
      return {
        stageId: stage.id,
        cards: dbRows<CardRow>(shown, { dates: CARD_DATES }).map(toCard),
        more,
        nextCursor:
          more && last
            ? encodeCursor(["entered", "asc", cursorValue(last.stage_entered_at), last.application_id as string])
            : null,
      };
    }),
    closed: { rejected: job.counts.rejected, withdrawn: job.counts.withdrawn },
  };
}

/** Each sort's key (with a.id after it, the order is total) and how its cursor value is compared. */
const SORT_KEYS: Record<ApplicationSort, (direction: "asc" | "desc") => { sql: string; cast: string }> = {
  name: () => ({ sql: "lower(c.name)", cast: "text" }),
  added: () => ({ sql: "a.created_at", cast: "timestamptz" }),
  activity: () => ({ sql: "a.last_activity_at", cast: "timestamptz" }),
  entered: () => ({ sql: "a.stage_entered_at", cast: "timestamptz" }),
  // Unscored applications come last either way: percentiles run from 0 to 100.
  score: (direction) => ({ sql: `coalesce(sc.percentile, ${direction === "asc" ? 101 : -1})`, cast: "float8" }),
};

type Cursor = [sort: ApplicationSort, direction: "asc" | "desc", value: string | number, id: string];

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

function decodeCursor(raw: string, sort: ApplicationSort, direction: "asc" | "desc"): Cursor {
  const invalid = () => InvalidInput.field("cursor", "Not a cursor of this list and sort; start from the first page");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    parsed[0] !== sort ||
    parsed[1] !== direction ||
    !(typeof parsed[2] === "string" || typeof parsed[2] === "number") ||
    typeof parsed[3] !== "string" ||
    !/^[0-9a-f-]{36}$/i.test(parsed[3])
  )
    throw invalid();
  return parsed as Cursor;
}

const OUTCOMES_ON_BOARD: readonly ApplicationOutcome[] = ["active", "hired"];

export async function listApplications(em: EntityManager, input: ListApplicationsInput): Promise<ApplicationPage> {
  const key = SORT_KEYS[input.sort](input.direction);
  const where = ["a.job_id = ?", "a.outcome = any(?::application_outcome[])"];
  const params: unknown[] = [input.jobId, `{${(input.outcome ? [input.outcome] : OUTCOMES_ON_BOARD).join(",")}}`];
  if (input.stageId) {
    where.push("a.stage_id = ?");
    params.push(input.stageId);
  }
  if (input.cursor) {
    const [, , value, id] = decodeCursor(input.cursor, input.sort, input.direction);
    where.push(`(${key.sql}, a.id) ${input.direction === "asc" ? ">" : "<"} (?::${key.cast}, ?::uuid)`);
    params.push(value, id);
  }
  const dir = input.direction === "asc" ? "asc" : "desc";
  const rows = await em.execute<Record<string, unknown>[]>(
    `select ${CARD_COLUMNS}, a.stage_id, s.name as stage_name, a.created_at as added_at, ${key.sql} as sort_key
     from applications a
     join candidates c on c.id = a.candidate_id
     join job_stages s on s.id = a.stage_id
     ${SCORE_JOIN}
     where ${where.join(" and ")}
     order by ${key.sql} ${dir}, a.id ${dir}
     limit ?`,
    [...params, input.limit + 1],
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? encodeCursor([input.sort, input.direction, cursorValue(last.sort_key), last.application_id as string])
      : null;
  const items = dbRows<CardRow & { stageName: string; addedAt: Date }>(page, {
    dates: [...CARD_DATES, "addedAt"],
  }).map((row) => ({ ...toCard(row), stageId: row.stageId, stageName: row.stageName, addedAt: row.addedAt }));
  return { items, nextCursor };
}

/** The sort key as the database sent it: timestamps stay PostgreSQL's text (full precision), numbers numbers. */
const cursorValue = (value: unknown): string | number =>
  typeof value === "number" ? value : value instanceof Date ? value.toISOString() : String(value);
