/**
 * Runs the model judge after a commit: answers one at a time (bounded: one model call in flight per batch), each
 * call outside any transaction, each result written in its own background unit with its audit event and a refresh
 * of the interview's scorecard. Failures are logged; the built-in evaluation stays. Server stop aborts what runs.
 */
import { inBackgroundUnit } from "../background";
import type { ContextDeps } from "../context";
import { loadAnswer, saveEvaluation } from "./evaluation-store";
import { judgeAnswer, judgeModel } from "./judge";
import { refreshScorecard } from "./scorecards.service";

type Deps = Pick<ContextDeps, "orm" | "config" | "log" | "keyring" | "auditOff">;

const running = new Set<Promise<void>>();
let stopping = new AbortController();

/** Judges the answers in order, in the background; answers at once. */
export function scheduleJudge(deps: Deps, answerIds: readonly string[], requestId: string): void {
  if (!judgeModel(deps.config) || answerIds.length === 0) return;
  const signal = stopping.signal;
  const run = (async () => {
    for (const answerId of answerIds) {
      if (signal.aborted) return;
      await judgeOne(deps, answerId, requestId, signal).catch((error: unknown) =>
        deps.log.warn(
          { err: error, answerId, requestId },
          "interview judge: the model call failed; the built-in evaluation stays",
        ),
      );
    }
  })();
  running.add(run);
  void run.finally(() => running.delete(run));
}

async function judgeOne(deps: Deps, answerId: string, requestId: string, signal: AbortSignal): Promise<void> {
  const answer = await loadAnswer(deps.orm.em.fork(), deps.keyring, answerId, false);
  if (!answer || answer.text === null || answer.question.rubric.length === 0) return;
  const judgement = await judgeAnswer(deps, answer.question, answer.text, signal);
  await inBackgroundUnit(
    deps,
    { action: "interviews.judge", actor: { type: "system", id: null, label: "interview judge" }, requestId },
    async (ctx) => {
      // Locked again in this transaction: the answer may have been erased or changed while the model thought.
      const locked = await loadAnswer(ctx.em, deps.keyring, answerId, true);
      if (!locked || locked.text === null) return;
      await saveEvaluation(ctx, locked, {
        evaluator: "model",
        version: judgement.model,
        criteria: judgement.criteria,
        score: judgement.score,
        feedback: judgement.feedback,
      });
      await refreshScorecard(ctx, locked.interviewId);
    },
  );
}

/** Waits for every judge running now (tests; and the server's stop after `stopJudges`). */
export async function settleJudges(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

/** Server stop: model calls in flight are aborted (their answers keep the built-in evaluation). */
export async function stopJudges(): Promise<void> {
  stopping.abort(new Error("The server is stopping"));
  await settleJudges();
  stopping = new AbortController();
}
