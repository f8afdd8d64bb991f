/**
 * The question bank's rows: the stored form of a question (skills canonical, tags lower-cased, search text written),
 * the one bulk INSERT every path uses (create, import, the starter bank), and the row → DTO mapper of every read.
 */
import { randomUUID } from "node:crypto";
import type { EntityManager, RubricCriterion } from "@shortlist/db";
import { dbRow } from "../db-rows";
import { NotFound } from "../errors";
import { canonicalSkill } from "../intake";
import type { QuestionDTO, QuestionExportRow } from "./dto";
import { normaliseQuestion } from "./logic/questions";
import type { QuestionFields } from "./schemas";

/** A question as the bank stores it. */
export type StoredQuestion = QuestionFields & { searchText: string };

export const storedQuestion = (fields: QuestionFields): StoredQuestion => normaliseQuestion(fields, canonicalSkill);

/** What the audit trail keeps of a question: its fields (the search text is derived from them). */
export function questionAuditView(q: QuestionFields): Record<string, unknown> {
  return {
    text: q.text,
    type: q.type,
    difficulty: q.difficulty,
    skills: q.skills,
    tags: q.tags,
    rubric: q.rubric,
    idealAnswer: q.idealAnswer,
    followUps: q.followUps,
    timeLimitSeconds: q.timeLimitSeconds,
    active: q.active,
  };
}

/**
 * Inserts the questions in one statement, with ids made here so that each input keeps its own (ascending in input
 * order, so that the bank's order, creation then id, is the input's). With `starterKeys`,
 * a key already in the bank is left alone (ON CONFLICT DO NOTHING): the answer holds only the ids inserted.
 */
export async function insertQuestions(
  em: EntityManager,
  questions: readonly (StoredQuestion & { starterKey?: string })[],
  authorId: string | null,
): Promise<string[]> {
  if (questions.length === 0) return [];
  // Rows of one statement share their creation stamp: ids ascending in input order keep them in it (id breaks ties).
  const ids = questions.map(() => randomUUID()).sort();
  const payload = questions.map((q, i) => ({
    id: ids[i]!,
    text: q.text,
    type: q.type,
    difficulty: q.difficulty,
    skills: q.skills,
    tags: q.tags,
    rubric: q.rubric,
    ideal_answer: q.idealAnswer,
    follow_ups: q.followUps,
    time_limit_seconds: q.timeLimitSeconds,
    active: q.active,
    starter_key: q.starterKey ?? null,
    search_text: q.searchText,
  }));
  const rows = await em.execute<{ id: string }[]>(
    `insert into questions (id, text, type, difficulty, skills, tags, rubric, ideal_answer, follow_ups,
                            time_limit_seconds, active, starter_key, search_text, author_id)
     select r.id, r.text, r.type, r.difficulty, array(select jsonb_array_elements_text(r.skills)),
            array(select jsonb_array_elements_text(r.tags)), r.rubric, r.ideal_answer,
            array(select jsonb_array_elements_text(r.follow_ups)), r.time_limit_seconds, r.active, r.starter_key,
            r.search_text, ?::uuid
       from jsonb_to_recordset(?::jsonb) as r(id uuid, text text, type question_type, difficulty int,
              skills jsonb, tags jsonb, rubric jsonb, ideal_answer text, follow_ups jsonb, time_limit_seconds int,
              active boolean, starter_key text, search_text text)
     on conflict (starter_key) do nothing
     returning id`,
    [authorId, JSON.stringify(payload)],
  );
  const inserted = new Set(rows.map((r) => r.id));
  return payload.map((p) => p.id).filter((id) => inserted.has(id));
}

/** The columns every read of a question selects (`q` the question, `u` its author). */
export const QUESTION_COLUMNS = `q.id, q.version, q.text, q.type, q.difficulty, q.skills, q.tags, q.rubric, q.ideal_answer,
  q.follow_ups, q.time_limit_seconds, q.author_id, u.name as author_name, q.starter_key is not null as starter, q.active,
  q.times_asked, q.scored_count, q.score_total, q.created_at, q.updated_at`;
export const QUESTION_FROM = "questions q left join users u on u.id = q.author_id";

interface QuestionRow extends Omit<QuestionDTO, "author" | "meanScore"> {
  authorId: string | null;
  authorName: string | null;
  scoredCount: number;
  scoreTotal: number;
}

export function toQuestionDTO(raw: Record<string, unknown>): QuestionDTO {
  const { authorId, authorName, scoredCount, scoreTotal, ...row } = dbRow<QuestionRow>(raw, {
    dates: ["createdAt", "updatedAt"],
  });
  return {
    id: row.id,
    version: row.version,
    text: row.text,
    type: row.type,
    difficulty: row.difficulty,
    skills: row.skills,
    tags: row.tags,
    rubric: row.rubric as RubricCriterion[],
    idealAnswer: row.idealAnswer,
    followUps: row.followUps,
    timeLimitSeconds: row.timeLimitSeconds,
    author: authorId ? { id: authorId, name: authorName ?? "" } : null,
    starter: row.starter,
    active: row.active,
    timesAsked: row.timesAsked,
    meanScore: scoredCount > 0 ? Number(scoreTotal) / scoredCount : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The question as procedures answer it; `lock` holds its row for the rest of the transaction. */
export async function readQuestion(em: EntityManager, id: string, { lock = false } = {}): Promise<QuestionDTO> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select ${QUESTION_COLUMNS} from ${QUESTION_FROM} where q.id = ?${lock ? " for update of q" : ""}`,
    [id],
  );
  if (!row) throw new NotFound("question", id);
  return toQuestionDTO(row);
}

/** A question's editable fields, as an export line (and an import reads it back). */
export const toExportRow = (q: QuestionDTO): QuestionExportRow & QuestionFields => ({
  text: q.text,
  type: q.type,
  difficulty: q.difficulty,
  skills: q.skills,
  tags: q.tags,
  rubric: q.rubric.map((c) => ({ ...c, keywords: c.keywords ?? [] })),
  idealAnswer: q.idealAnswer,
  followUps: q.followUps,
  timeLimitSeconds: q.timeLimitSeconds,
  active: q.active,
});
