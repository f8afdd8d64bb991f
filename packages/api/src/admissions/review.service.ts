/**
 * What reviewers see (anonymized applications only: never the identity map) and their own scores, which count as one
 * more evaluator: a worker result with no batch and the evaluator `reviewer:<user id>`.
 */
import type { AdmissionStatus, OverrideDecision, PiiKind } from "@shortlist/db/constants";
import type { AdmissionMetrics, FormQuestion, ScoringCriterion } from "@shortlist/db";
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { dbRows } from "../db-rows";
import { InvalidInput, NotFound } from "../errors";
import { lockCycle, requirePhase } from "./cycle-lock";
import type { AnonymizedApplicationDto, EvaluationDto, FinalScoreDto, ReviewQueueItemDto } from "./dto";
import { assertCycle, overrideOf } from "./score-rows";
import type { reviewQueueInput, reviewScoreInput } from "./schemas";

/** The evaluator id of a reviewer's own scores. */
export const reviewerEvaluatorId = (userId: string) => `reviewer:${userId}`;

async function callerId(ctx: Pick<ProcedureContext, "getAuth">): Promise<string> {
  const auth = await ctx.getAuth();
  if (!auth) throw new Error("review: a signed-in caller is required (the router checks the role first)");
  return auth.user.id;
}

/** Results that count (not rejected by a judge), as the final score counts them. */
const COUNTED_RESULTS = `
  select count(*)::int from admission_worker_results w
   where w.application_id = an.application_id
     and (w.batch_id is null or not exists (
       select 1 from admission_judge_results j where j.worker_result_id = w.id and j.verdict = 'reject'))`;

const MY_RESULT = `
  select 1 from admission_worker_results m
   where m.batch_id is null and m.application_id = an.application_id and m.evaluator_id = ?`;

/** A cycle's anonymized applications by number, keyset-paged (the cursor is the last row's number). */
export async function reviewQueue(
  ctx: ProcedureContext,
  input: z.output<typeof reviewQueueInput>,
): Promise<{ items: ReviewQueueItemDto[]; nextCursor: string | null }> {
  if (input.cursor && !/^\d{1,9}$/.test(input.cursor))
    throw InvalidInput.field("cursor", "Not a cursor of review.queue; start again without one");
  const me = reviewerEvaluatorId(await callerId(ctx));
  const rows = dbRows<ReviewQueueItemDto>(
    await ctx.em.execute(
      `select an.application_id, an.number, a.status,
              coalesce((an.metrics ->> 'totalWords')::int, 0) as total_words,
              coalesce((an.metrics ->> 'answeredRatio')::float8, 0) as answered_ratio,
              (${COUNTED_RESULTS}) as evaluations,
              f.score as final_score,
              exists (${MY_RESULT}) as scored_by_me
         from admission_anonymized an
         join admission_applications a on a.id = an.application_id
         left join admission_final_scores f on f.application_id = an.application_id
        where an.cycle_id = ? and an.number > ? ${input.unscoredByMe ? `and not exists (${MY_RESULT})` : ""}
        order by an.number
        limit ?`,
      [
        me,
        input.cycleId,
        input.cursor ? Number(input.cursor) : 0,
        ...(input.unscoredByMe ? [me] : []),
        input.limit + 1,
      ],
    ),
  );
  if (rows.length === 0 && !input.cursor) await assertCycle(ctx, input.cycleId);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? String(last.number) : null };
}

interface AnonymizedRow {
  applicationId: string;
  cycleId: string;
  number: number;
  status: AdmissionStatus;
  answers: Record<string, string>;
  replacements: Partial<Record<PiiKind, number>>;
  metrics: AdmissionMetrics;
  contentHash: string;
  questions: FormQuestion[];
  finalScore: number | null;
  finalRank: number | null;
  finalEvaluations: number | null;
  finalCriteria: FinalScoreDto["criteria"] | null;
  overrideDecision: OverrideDecision | null;
  overrideReason: string | null;
  previousId: string | null;
  nextId: string | null;
}

/** One anonymized application with its evaluations (and their judges), final score, override and neighbours. */
export async function getAnonymized(ctx: ProcedureContext, applicationId: string): Promise<AnonymizedApplicationDto> {
  const [row] = dbRows<AnonymizedRow>(
    await ctx.em.execute(
      `select an.application_id, an.cycle_id, an.number, a.status, an.answers, an.replacements, an.metrics,
              an.content_hash, cy.questions,
              f.score as final_score, f.rank as final_rank, f.evaluations as final_evaluations, f.criteria as final_criteria,
              o.decision as override_decision, o.reason as override_reason,
              (select p.application_id from admission_anonymized p
                where p.cycle_id = an.cycle_id and p.number < an.number order by p.number desc limit 1) as previous_id,
              (select n.application_id from admission_anonymized n
                where n.cycle_id = an.cycle_id and n.number > an.number order by n.number limit 1) as next_id
         from admission_anonymized an
         join admission_applications a on a.id = an.application_id
         join admission_cycles cy on cy.id = an.cycle_id
         left join admission_final_scores f on f.application_id = an.application_id
         left join admission_overrides o on o.application_id = an.application_id
        where an.application_id = ?`,
      [applicationId],
    ),
  );
  if (!row) throw new NotFound("anonymized application", applicationId);
  const evaluations = dbRows<EvaluationDto>(
    await ctx.em.execute(
      `select w.id, w.evaluator_id, case when w.batch_id is null then 'reviewer' else 'worker' end as kind,
              w.batch_id, w.scores, w.rationale, w.created_at,
              coalesce((select jsonb_agg(jsonb_build_object('judgeId', j.judge_id, 'verdict', j.verdict,
                                  'adjustedScores', j.adjusted_scores, 'reason', j.reason) order by j.judge_id)
                          from admission_judge_results j where j.worker_result_id = w.id), '[]'::jsonb) as judges
         from admission_worker_results w
        where w.application_id = ?
        order by w.batch_id nulls last, w.created_at, w.evaluator_id`,
      [applicationId],
    ),
    { dates: ["createdAt"] },
  );
  // Identifying questions live only in the sealed identity; never shown here even if an answer carried the key.
  const answers = row.questions
    .filter((q) => !q.identifying)
    .map((q) => ({ key: q.key, label: q.label, text: row.answers[q.key] ?? "" }));
  return {
    applicationId: row.applicationId,
    cycleId: row.cycleId,
    number: row.number,
    status: row.status,
    answers,
    replacements: row.replacements,
    metrics: row.metrics,
    contentHash: row.contentHash,
    evaluations,
    finalScore:
      row.finalScore === null
        ? null
        : {
            score: row.finalScore,
            rank: row.finalRank!,
            evaluations: row.finalEvaluations!,
            criteria: row.finalCriteria ?? {},
          },
    override: overrideOf(row.overrideDecision, row.overrideReason),
    previousId: row.previousId,
    nextId: row.nextId,
  };
}

/** Every criterion of the cycle scored, and nothing else; errors name `scores.<key>`. */
function checkScores(criteria: readonly ScoringCriterion[], scores: Record<string, number>) {
  const keys = new Set(criteria.map((c) => c.key));
  const fieldErrors = [
    ...criteria
      .filter((c) => scores[c.key] === undefined)
      .map((c) => ({ path: `scores.${c.key}`, message: `Score ${c.label}` })),
    ...Object.keys(scores)
      .filter((key) => !keys.has(key))
      .map((key) => ({ path: `scores.${key}`, message: `${key} is not a criterion of this cycle` })),
  ];
  if (fieldErrors.length) throw new InvalidInput("Score every criterion of the cycle, and only those", { fieldErrors });
}

/** The caller's own scores and notes (BATCH_PREP or PROCESSING); saving again replaces them. */
export async function saveReviewScore(
  ctx: ProcedureContext,
  input: z.output<typeof reviewScoreInput>,
): Promise<AnonymizedApplicationDto> {
  const [target] = dbRows<{ cycleId: string }>(
    await ctx.em.execute("select cycle_id from admission_anonymized where application_id = ?", [input.applicationId]),
  );
  if (!target) throw new NotFound("anonymized application", input.applicationId);
  const cycle = await lockCycle(ctx, target.cycleId);
  requirePhase(cycle, ["BATCH_PREP", "PROCESSING"], "save a reviewer's scores");
  const [{ criteria } = { criteria: [] }] = dbRows<{ criteria: ScoringCriterion[] }>(
    await ctx.em.execute("select criteria from admission_cycles where id = ?", [cycle.id]),
  );
  checkScores(criteria, input.scores);
  const userId = await callerId(ctx);
  const evaluatorId = reviewerEvaluatorId(userId);
  const [before] = dbRows<{ scores: Record<string, number>; rationale: string }>(
    await ctx.em.execute(
      "select scores, rationale from admission_worker_results where batch_id is null and application_id = ? and evaluator_id = ?",
      [input.applicationId, evaluatorId],
    ),
  );
  const [saved] = dbRows<{ id: string }>(
    await ctx.em.execute(
      `insert into admission_worker_results (batch_id, application_id, evaluator_id, reviewer_id, scores, rationale)
       values (null, ?, ?, ?, ?::jsonb, ?)
       on conflict (batch_id, application_id, evaluator_id) do update
         set scores = excluded.scores, rationale = excluded.rationale, reviewer_id = excluded.reviewer_id, updated_at = now()
       returning id`,
      [input.applicationId, evaluatorId, userId, JSON.stringify(input.scores), input.notes],
    ),
  );
  ctx.audit.record({
    entity: { kind: "admission_worker_result", id: saved!.id },
    before: before ? { scores: before.scores, notes: before.rationale } : null,
    after: { applicationId: input.applicationId, evaluatorId, scores: input.scores, notes: input.notes },
  });
  return getAnonymized(ctx, input.applicationId);
}
