import { z } from "zod";
import { idInput } from "../shared/ids";
import { procedureFor, publicProcedure, ROLES, router } from "../trpc";
import {
  answerQuestion,
  awaitTurn,
  finishInterview,
  openInterview,
  startInterview,
} from "./candidate-interview.service";
import { analyseCv, candidateCv } from "./cv.service";
import { interviewResults, overrideScore, reevaluate, rubricAgreement } from "./evaluations.service";
import {
  cancelInterview,
  createInterview,
  getInterview,
  listInterviews,
  reopenInterview,
  revokeLink,
  sendLink,
  updatePlan,
} from "./interviews.service";
import { oneInterview, settleDue } from "./lifecycle";
import { addMatches, rankCandidates } from "./matching.service";
import { exportQuestions, importQuestions } from "./questions-import.service";
import { createQuestion, getQuestion, listQuestions, loadStarterQuestions, updateQuestion } from "./questions.service";
import {
  addMatchesInput,
  analyseCvInput,
  awaitTurnInput,
  candidateAnswerInput,
  candidateCvInput,
  createInterviewInput,
  createQuestionInput,
  exportQuestionsInput,
  importQuestionsInput,
  interviewListInput,
  interviewMoveInput,
  linkInput,
  overrideScoreInput,
  questionListInput,
  rankCandidatesInput,
  reevaluateInput,
  sendLinkInput,
  updatePlanInput,
  updateQuestionInput,
} from "./schemas";
import { applicationScorecards } from "./scorecards.service";
import { uuid } from "../shared/ids";

const questions = router({
  list: procedureFor(ROLES.members)
    .input(questionListInput)
    .query(({ ctx, input }) => listQuestions(ctx, input)),
  get: procedureFor(ROLES.members)
    .input(idInput)
    .query(({ ctx, input }) => getQuestion(ctx, input.id)),
  create: procedureFor(ROLES.writers)
    .input(createQuestionInput)
    .mutation(({ ctx, input }) => createQuestion(ctx, input)),
  update: procedureFor(ROLES.writers)
    .input(updateQuestionInput)
    .mutation(({ ctx, input }) => updateQuestion(ctx, input)),
  /** JSONL rows (shared batch-import contract): all or nothing, problems named by line. */
  import: procedureFor(ROLES.writers)
    .input(importQuestionsInput)
    .mutation(({ ctx, input }) => importQuestions(ctx, input)),
  /** A page of rows for a JSONL export (the CLI and the SPA stream pages until `nextCursor` is null). */
  export: procedureFor(ROLES.members)
    .input(exportQuestionsInput)
    .query(({ ctx, input }) => exportQuestions(ctx, input)),
  /** The starter bank that ships with Shortlist (what `npm run db:seed` loads); a question already there is kept. */
  loadStarterBank: procedureFor(ROLES.writers).mutation(({ ctx }) => loadStarterQuestions(ctx)),
});

const cvs = router({
  /** The candidate's latest CV and its analysis (upload: POST /api/candidates/:candidateId/cv). */
  forCandidate: procedureFor(ROLES.writers)
    .input(candidateCvInput)
    .query(({ ctx, input }) => candidateCv(ctx, input.candidateId)),
  analyse: procedureFor(ROLES.writers)
    .input(analyseCvInput)
    .mutation(({ ctx, input }) => analyseCv(ctx, input)),
});

const interviews = router({
  list: procedureFor(ROLES.writers)
    .input(interviewListInput)
    .query(({ ctx, input }) => listInterviews(ctx, input)),
  get: procedureFor(ROLES.writers)
    .input(idInput)
    .query(({ ctx, input }) => getInterview(ctx, input.id)),
  /** PREPARING: builds the plan from the job's must-haves, the CV's gaps and the candidate's seniority. */
  create: procedureFor(ROLES.writers)
    .input(createInterviewInput)
    .mutation(({ ctx, input }) => createInterview(ctx, input)),
  updatePlan: procedureFor(ROLES.writers)
    .input(updatePlanInput)
    .mutation(({ ctx, input }) => updatePlan(ctx, input)),
  /** PREPARING → READY: issues the candidate link (the answer carries its URL once) and emails it. */
  sendLink: procedureFor(ROLES.writers)
    .input(sendLinkInput)
    .mutation(({ ctx, input }) => sendLink(ctx, input)),
  /** READY → PREPARING: the link stops working. */
  revokeLink: procedureFor(ROLES.writers)
    .input(interviewMoveInput)
    .mutation(({ ctx, input }) => revokeLink(ctx, input)),
  cancel: procedureFor(ROLES.writers)
    .input(interviewMoveInput)
    .mutation(({ ctx, input }) => cancelInterview(ctx, input)),
  /** An EXPIRED or CANCELLED interview back to PREPARING with a fresh plan state (answers kept). */
  reopen: procedureFor(ROLES.writers)
    .input(interviewMoveInput)
    .mutation(({ ctx, input }) => reopenInterview(ctx, input)),
  results: procedureFor(ROLES.members)
    .input(idInput)
    .query(async ({ ctx, input }) => {
      // Reviewers read only this: an interview whose link expired or whose time ran out is ended first, as get does.
      await settleDue(ctx, oneInterview(input.id), new Date());
      return interviewResults(ctx, input.id);
    }),
  overrideScore: procedureFor(ROLES.members)
    .input(overrideScoreInput)
    .mutation(({ ctx, input }) => overrideScore(ctx, input)),
  reevaluate: procedureFor(ROLES.writers)
    .input(reevaluateInput)
    .mutation(({ ctx, input }) => reevaluate(ctx, input)),
  scorecards: procedureFor(ROLES.members)
    .input(z.strictObject({ applicationId: uuid }))
    .query(({ ctx, input }) => applicationScorecards(ctx, input.applicationId)),
  rubricAgreement: procedureFor(ROLES.members)
    .input(z.strictObject({ questionIds: z.array(uuid).max(200).nullish() }))
    .query(({ ctx, input }) => rubricAgreement(ctx, input.questionIds ?? null)),
});

/** The candidate's side: public, the link's token is the only key. */
const interviewLink = router({
  open: publicProcedure.input(linkInput).query(({ ctx, input }) => openInterview(ctx, input)),
  start: publicProcedure.input(linkInput).mutation(({ ctx, input }) => startInterview(ctx, input)),
  answer: publicProcedure.input(candidateAnswerInput).mutation(({ ctx, input }) => answerQuestion(ctx, input)),
  awaitTurn: publicProcedure.input(awaitTurnInput).query(({ ctx, input }) => awaitTurn(ctx, input)),
  finish: publicProcedure.input(linkInput).mutation(({ ctx, input }) => finishInterview(ctx, input)),
});

const matching = router({
  rank: procedureFor(ROLES.writers)
    .input(rankCandidatesInput)
    .query(({ ctx, input }) => rankCandidates(ctx, input)),
  /** Files the picked candidates under the job (its first stage), through jobs' port. */
  addToJob: procedureFor(ROLES.writers)
    .input(addMatchesInput)
    .mutation(({ ctx, input }) => addMatches(ctx, input)),
});

export const routes = { questions, cvs, interviews, interviewLink, matching };
