/** The question bank: create, read, update (versioned); the list is questions-list.service.ts. */
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { StaleVersion } from "../errors";
import type { QuestionDTO } from "./dto";
import { insertQuestions, questionAuditView, readQuestion, storedQuestion, toExportRow } from "./questions-rows";
import type { createQuestionInput, QuestionFields, updateQuestionInput } from "./schemas";
import { loadStarterBank } from "./starter/load";

type Ctx = Pick<ProcedureContext, "em" | "audit" | "getAuth">;

export { listQuestions } from "./questions-list.service";

export async function createQuestion(ctx: Ctx, input: z.output<typeof createQuestionInput>): Promise<QuestionDTO> {
  const stored = storedQuestion(input);
  const authorId = (await ctx.getAuth())?.user.id ?? null;
  const [id] = await insertQuestions(ctx.em, [stored], authorId);
  ctx.audit.record({ entity: { kind: "question", id: id! }, before: null, after: questionAuditView(stored) });
  return readQuestion(ctx.em, id!);
}

export async function getQuestion(ctx: Pick<ProcedureContext, "em">, id: string): Promise<QuestionDTO> {
  return readQuestion(ctx.em, id);
}

/** The fields that differ, on both sides. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    b[key] = before[key] ?? null;
    a[key] = after[key];
  }
  return { before: b, after: a };
}

/**
 * Applies the changes given (the rest is kept) to the version the caller saw; an older version is refused as
 * stale. Saving what is already stored changes nothing and keeps the version (the event says so: empty change).
 */
export async function updateQuestion(ctx: Ctx, input: z.output<typeof updateQuestionInput>): Promise<QuestionDTO> {
  const current = await readQuestion(ctx.em, input.id, { lock: true });
  if (current.version !== input.version)
    throw new StaleVersion("question", { id: current.id, version: current.version });
  const currentFields: QuestionFields = toExportRow(current);
  const stored = storedQuestion({ ...currentFields, ...input.changes });
  const change = changedFields(questionAuditView(currentFields), questionAuditView(stored));
  ctx.audit.record({ entity: { kind: "question", id: current.id }, ...change });
  if (Object.keys(change.after).length === 0) return current;
  await ctx.em.execute(
    `update questions set text = ?, type = ?::question_type, difficulty = ?,
            skills = array(select jsonb_array_elements_text(?::jsonb)), tags = array(select jsonb_array_elements_text(?::jsonb)),
            rubric = ?::jsonb, ideal_answer = ?, follow_ups = array(select jsonb_array_elements_text(?::jsonb)),
            time_limit_seconds = ?, active = ?, search_text = ?, version = version + 1, updated_at = now()
      where id = ?`,
    [
      stored.text,
      stored.type,
      stored.difficulty,
      JSON.stringify(stored.skills),
      JSON.stringify(stored.tags),
      JSON.stringify(stored.rubric),
      stored.idealAnswer,
      JSON.stringify(stored.followUps),
      stored.timeLimitSeconds,
      stored.active,
      stored.searchText,
      current.id,
    ],
  );
  return readQuestion(ctx.em, current.id);
}

/** The starter bank that ships with Shortlist, for an empty bank's "Load the starter bank"; re-running adds nothing twice. */
export async function loadStarterQuestions(ctx: Ctx): Promise<{ created: number; skipped: number }> {
  const result = await loadStarterBank(ctx.em);
  ctx.audit.record({ entity: { kind: "questionBank", id: null }, after: { starterBank: result } });
  return result;
}
