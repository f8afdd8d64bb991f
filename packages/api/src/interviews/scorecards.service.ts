/** Scorecards: per interview, scores per skill, overall, recommendation and summary; the application's score. */
import type { ProcedureContext } from "../context";
import { dbRows } from "../db-rows";
import { NotFound } from "../errors";
import { recordInterviewScore } from "../jobs";
import type { ScorecardDTO } from "./dto";
import { SCORECARD_COLUMNS, toScorecardDTO, type ScorecardRow } from "./evaluation-mappers";
import { buildScorecard, type ScorecardQuestion } from "./logic/evaluate-scorecard";

/** A final score in SQL: the override, else the model's evaluation, else the built-in one. `a` is the answer. */
export const FINAL_SCORE_SQL = `coalesce(a.override_score,
  (select e.score from answer_evaluations e where e.answer_id = a.id and e.evaluator = 'model'),
  (select e.score from answer_evaluations e where e.answer_id = a.id and e.evaluator = 'builtin'))`;

export async function applicationScorecards(ctx: ProcedureContext, applicationId: string): Promise<ScorecardDTO[]> {
  const [app] = await ctx.em.execute<{ id: string }[]>("select id from applications where id = ?", [applicationId]);
  if (!app) throw new NotFound("application", applicationId);
  const rows = await ctx.em.execute<Record<string, unknown>[]>(
    `select ${SCORECARD_COLUMNS} from interview_scorecards s
     where s.application_id = ? order by s.updated_at desc, s.id desc limit 100`,
    [applicationId],
  );
  return dbRows<ScorecardRow>(rows, { dates: ["updatedAt"] }).map(toScorecardDTO);
}

interface PlannedRow {
  skills: string[];
  difficulty: number;
  answerId: string | null;
  overTime: boolean | null;
  finalScore: number | null;
}

/**
 * Recomputes the interview's scorecard from its answers' final scores (in the caller's transaction) and writes the
 * overall score onto the application through jobs' port. Called when an interview completes and after an override.
 */
export async function refreshScorecard(
  unit: Pick<ProcedureContext, "em" | "audit">,
  interviewId: string,
): Promise<void> {
  const { em } = unit;
  const [interview] = await em.execute<{ status: string; application_id: string; candidate_id: string }[]>(
    "select status, application_id, candidate_id from interviews where id = ?",
    [interviewId],
  );
  if (!interview) throw new NotFound("interview", interviewId);
  const planned = dbRows<PlannedRow>(
    await em.execute<Record<string, unknown>[]>(
      `select iq.skills, iq.difficulty, a.id as answer_id, a.over_time, ${FINAL_SCORE_SQL} as final_score
       from interview_questions iq
       left join interview_answers a on a.interview_question_id = iq.id
       where iq.interview_id = ?
       order by iq.position, iq.id`,
      [interviewId],
    ),
    { numbers: ["finalScore"] },
  );
  const questions: ScorecardQuestion[] = planned.map((row) => ({
    skills: [...(row.skills ?? [])],
    difficulty: row.difficulty,
    answered: row.answerId !== null,
    finalScore: row.finalScore,
    overTime: row.overTime === true,
  }));
  const card = buildScorecard(questions, interview.status === "COMPLETED");

  // Locked, so two refreshes of one interview write one after the other and each audits what it replaced.
  const [before] = await em.execute<Record<string, unknown>[]>(
    "select id, overall, recommendation, answered, planned, skills, summary from interview_scorecards where interview_id = ? for update",
    [interviewId],
  );
  const after = {
    overall: card.overall,
    recommendation: card.recommendation,
    answered: card.answered,
    planned: card.planned,
  };
  const unchanged =
    before &&
    Number(before.overall) === card.overall &&
    before.recommendation === card.recommendation &&
    Number(before.answered) === card.answered &&
    Number(before.planned) === card.planned &&
    before.summary === card.summary &&
    JSON.stringify(before.skills) === JSON.stringify(card.skills);
  if (!unchanged) {
    const [saved] = await em.execute<{ id: string }[]>(
      `insert into interview_scorecards
         (interview_id, application_id, skills, overall, recommendation, summary, answered, planned)
       values (?, ?, ?::jsonb, ?, ?, ?, ?, ?)
       on conflict (interview_id) do update set skills = excluded.skills, overall = excluded.overall,
         recommendation = excluded.recommendation, summary = excluded.summary, answered = excluded.answered,
         planned = excluded.planned, version = interview_scorecards.version + 1, updated_at = now()
       returning id`,
      [
        interviewId,
        interview.application_id,
        JSON.stringify(card.skills),
        card.overall,
        card.recommendation,
        card.summary,
        card.answered,
        card.planned,
      ],
    );
    const changedBefore: Record<string, unknown> = {};
    const changedAfter: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(after)) {
      const old = before ? (key === "recommendation" ? before[key] : Number(before[key])) : null;
      if (old === value) continue;
      changedBefore[key] = old;
      changedAfter[key] = value;
    }
    unit.audit.record({
      entity: { kind: "interview_scorecard", id: saved!.id },
      subjectId: interview.candidate_id,
      before: before ? changedBefore : null,
      after: { interviewId, ...changedAfter },
    });
  }
  await writeApplicationScore(unit, interview.application_id);
}

/** The application's score: its latest completed interview's overall (null while none is completed). */
async function writeApplicationScore(unit: Pick<ProcedureContext, "em">, applicationId: string) {
  const [latest] = await unit.em.execute<{ overall: number }[]>(
    `select s.overall from interview_scorecards s join interviews i on i.id = s.interview_id
     where s.application_id = ? and i.status = 'COMPLETED'
     order by i.completed_at desc nulls last, i.id desc limit 1`,
    [applicationId],
  );
  await recordInterviewScore(unit.em, applicationId, latest ? Number(latest.overall) : null);
}
