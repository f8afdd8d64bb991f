/**
 * The evaluation helper's test data: an interview written straight to the tables (a job, a candidate's application,
 * bank questions, the plan and sealed answers evaluated as the answer flow does), and audit coverage's drive of
 * overrides and re-evaluation on a completed interview.
 */
import { randomBytes } from "node:crypto";
import type { ContextDeps } from "@shortlist/api";
import type { InterviewStatus, RubricCriterion } from "@shortlist/db";
import { inBackgroundUnit } from "../src/background";
import { evaluateAnswer } from "../src/interviews/evaluations.service";
import { refreshScorecard } from "../src/interviews/scorecards.service";
import type { Caller, TestApi } from "./helpers";
import type { InterviewsDriveContext } from "./interviews-fixtures";

export const DIAGNOSIS_RUBRIC: RubricCriterion[] = [
  {
    name: "Diagnosis",
    weight: 3,
    strongAnswer: "Reads the query plan with EXPLAIN ANALYZE and finds the sequential scan on the large table.",
    keywords: ["explain analyze", "sequential scan", "query plan"],
  },
  {
    name: "Fix",
    weight: 2,
    strongAnswer: "Adds a B-tree index on the filtered column and checks the plan now uses an index scan.",
    keywords: ["index", "index scan"],
  },
];

export const STRONG_ANSWER =
  "I start with EXPLAIN ANALYZE on PostgreSQL to read the query plan. In my last role a report took 9 seconds: the " +
  "plan showed a sequential scan over the large orders table, 40 million rows, filtered on customer_id. I added a " +
  "b-tree index on that filtered column and checked that the plan now used an index scan: 12 ms.";

export interface SeedQuestion {
  skills: string[];
  difficulty: number;
  rubric?: RubricCriterion[];
  /** The candidate's answer; null leaves the question unanswered. */
  answer: string | null;
  overTime?: boolean;
}

export interface SeededInterview {
  interviewId: string;
  applicationId: string;
  candidateId: string;
  jobId: string;
  /** Bank question ids, in plan order. */
  questionIds: string[];
  /** Planned question ids, in plan order. */
  plannedIds: string[];
  /** Answer ids by plan position (null: unanswered). */
  answerIds: (string | null)[];
}

const unique = () => randomBytes(4).toString("hex");

/** Runs `work` as the answer flow's background unit would: its own transaction and audit. */
export const inUnit = <T>(deps: ContextDeps, work: Parameters<typeof inBackgroundUnit<T>>[2]) =>
  inBackgroundUnit(
    deps,
    { action: "interviews.test", actor: { type: "system", id: null, label: "test" }, requestId: unique() },
    work,
  );

async function newApplication(recruiter: Caller) {
  const job = await recruiter.jobs.create({ title: "Backend engineer", company: `Evaluated ${unique()}` });
  const candidate = await recruiter.candidates.create({
    name: `Cand ${unique()}`,
    email: `c-${unique()}@example.com`,
    jobId: job.id,
  });
  return { applicationId: candidate.application!.id, candidateId: candidate.id, jobId: job.id };
}

/**
 * An interview of a new candidate's application, written with SQL as the flow would leave it; each answer sealed
 * as `{ text }` with the candidate's key and evaluated (`evaluateAnswer`) in its own transaction. COMPLETED ones
 * get their scorecard (`refreshScorecard`).
 */
export async function seedInterview(
  deps: ContextDeps,
  recruiter: Caller,
  questions: SeedQuestion[],
  status: InterviewStatus = "COMPLETED",
  /** An existing application to interview; a new job and candidate when left out. */
  existing?: { applicationId: string; candidateId: string; jobId: string },
): Promise<SeededInterview> {
  const { applicationId, candidateId, jobId } = existing ?? (await newApplication(recruiter));
  const em = deps.orm.em.fork();
  const questionIds: string[] = [];
  for (const [i, q] of questions.entries()) {
    const [row] = await em.execute<{ id: string }[]>(
      `insert into questions (text, type, difficulty, skills, rubric, ideal_answer, search_text)
       values (?, 'technical', ?, ?::text[], ?::jsonb, ?, ?) returning id`,
      [
        `Question ${i} ${unique()}: a query got slow, what do you do?`,
        q.difficulty,
        `{${q.skills.map((s) => `"${s}"`).join(",")}}`,
        JSON.stringify(q.rubric ?? DIAGNOSIS_RUBRIC),
        STRONG_ANSWER,
        "slow query",
      ],
    );
    questionIds.push(row!.id);
  }
  const completed = status === "COMPLETED";
  const [interview] = await em.execute<{ id: string }[]>(
    `insert into interviews (application_id, candidate_id, job_id, status, current_index, started_at, completed_at)
     values (?, ?, ?, ?, ?, now(), ${completed ? "now()" : "null"}) returning id`,
    [applicationId, candidateId, jobId, status, questions.filter((q) => q.answer !== null).length],
  );
  const interviewId = interview!.id;
  const plannedIds: string[] = [];
  const answerIds: (string | null)[] = [];
  for (const [i, q] of questions.entries()) {
    const [planned] = await em.execute<{ id: string }[]>(
      `insert into interview_questions
         (interview_id, question_id, position, text, type, difficulty, skills, rubric, ideal_answer, time_limit_seconds)
       select ?, q.id, ?, q.text, q.type, q.difficulty, q.skills, q.rubric, q.ideal_answer, 300 from questions q
       where q.id = ? returning id`,
      [interviewId, i, questionIds[i]],
    );
    plannedIds.push(planned!.id);
    if (q.answer === null) {
      answerIds.push(null);
      continue;
    }
    const answerId = await inUnit(deps, async (ctx) => {
      const sealed = await deps.keyring.seal(ctx.em, candidateId, { text: q.answer });
      const [answer] = await ctx.em.execute<{ id: string }[]>(
        `insert into interview_answers (interview_id, interview_question_id, text_sealed, submitted_at, over_time)
         values (?, ?, ?::jsonb, now(), ?) returning id`,
        [interviewId, planned!.id, JSON.stringify(sealed), q.overTime ?? false],
      );
      await evaluateAnswer(ctx, answer!.id);
      return answer!.id;
    });
    answerIds.push(answerId);
  }
  if (completed) await inUnit(deps, (ctx) => refreshScorecard(ctx, interviewId));
  return { interviewId, applicationId, candidateId, jobId, questionIds, plannedIds, answerIds };
}

/** Audit coverage: every mutation of this area through its happy path, on a completed interview. */
export async function driveEvaluations(admin: Caller, api: TestApi, context: InterviewsDriveContext): Promise<void> {
  const interviewId =
    context.completedInterviewId ??
    (await seedInterview(api.deps, admin, [{ skills: ["PostgreSQL"], difficulty: 2, answer: STRONG_ANSWER }]))
      .interviewId;
  const results = await admin.interviews.results({ id: interviewId });
  const answer = results.answers[0];
  if (!answer) throw new Error("driveEvaluations: the completed interview has no answer");
  await admin.interviews.overrideScore({
    answerId: answer.id,
    version: answer.version,
    score: 55,
    reason: "Covered the fix but never measured it",
  });
  await admin.interviews.reevaluate({ id: interviewId, evaluator: "builtin" });
}
