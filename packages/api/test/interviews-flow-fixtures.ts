/**
 * The interview flow's test fixtures: a job with a vacancy profile and an applicant, a small bank, the candidate's
 * answers through the link (each followed by the interviewer's turn), and audit coverage's drive of an interview
 * from plan to completion through the candidate link.
 */
import { randomBytes } from "node:crypto";
import type { CandidateInterviewDTO, InterviewDTO } from "@shortlist/api";
import type { QuestionFieldsInput } from "@shortlist/api/schemas";
import type { Caller, TestApi } from "./helpers";
import type { InterviewsDriveContext } from "./interviews-fixtures";

const unique = () => randomBytes(4).toString("hex");

/** A concrete answer: long enough, with a number and something the candidate did (no follow-up). */
export const CONCRETE_ANSWER =
  "In my last role I migrated our billing database to PostgreSQL. I measured the slow queries with EXPLAIN ANALYZE, " +
  "added two composite indexes and partitioned the ledger by month, which cut the p95 latency from 800 ms to 120 ms.";

export interface FlowApplication {
  jobId: string;
  candidateId: string;
  applicationId: string;
}

export interface ProfileSkills {
  seniority?: "junior" | "mid" | "senior" | "lead";
  mustHave?: { skill: string; weight: number }[];
  niceToHave?: { skill: string; weight: number }[];
}

/** A job (with a vacancy profile unless `profile` is null) and a candidate filed under it. */
export async function newApplication(caller: Caller, profile: ProfileSkills | null = {}): Promise<FlowApplication> {
  const company = `Flowco ${unique()}`;
  const job = await caller.jobs.create({ title: "Backend Engineer", company });
  if (profile) {
    const { version } = await caller.intake.profile({ jobId: job.id });
    await caller.intake.updateProfile({
      jobId: job.id,
      version,
      profile: {
        title: "Backend Engineer",
        company,
        seniority: profile.seniority ?? "mid",
        mustHave: profile.mustHave ?? [],
        niceToHave: profile.niceToHave ?? [],
      },
    });
  }
  const candidate = await caller.candidates.create({
    name: "Ada Lovelace",
    email: `ada.${unique()}@example.com`,
    jobId: job.id,
  });
  return { jobId: job.id, candidateId: candidate.id, applicationId: candidate.application!.id };
}

/** A bank question with a one-criterion rubric. */
export function flowQuestion(overrides: Partial<QuestionFieldsInput> = {}): QuestionFieldsInput {
  return {
    text: `Tell me about a time you improved a slow system (${unique()}).`,
    type: "technical",
    difficulty: 3,
    skills: [],
    tags: ["flow"],
    rubric: [
      {
        name: "Method",
        weight: 3,
        strongAnswer: "Measures before changing anything and names the result in numbers.",
        keywords: ["measured", "explain analyze", "latency"],
      },
    ],
    idealAnswer: "I measured, found the cause, changed one thing and measured the result.",
    followUps: ["What did you measure first?"],
    timeLimitSeconds: 120,
    active: true,
    ...overrides,
  };
}

/** The link's token from the URL sendLink answered. */
export const tokenOf = (interview: InterviewDTO) => {
  const url = interview.link?.url;
  if (!url) throw new Error("sendLink answered no URL");
  return decodeURIComponent(url.slice(url.lastIndexOf("/") + 1));
};

/** The seq of the newest message the candidate has seen. */
export const lastSeq = (view: CandidateInterviewDTO) => view.messages.at(-1)?.seq ?? 0;

/** Answers the current question and waits for the interviewer's next words (as the candidate's page does). */
export async function answerAndWait(anonymous: Caller, token: string, text: string) {
  const before = await anonymous.interviewLink.open({ token });
  if (!before.current) throw new Error(`no current question (status ${before.status})`);
  const answered = await anonymous.interviewLink.answer({ token, questionId: before.current.id, text });
  return anonymous.interviewLink.awaitTurn({ token, afterSeq: lastSeq(answered) - 1, timeoutMs: 20_000 });
}

/** Plan to completion: create, plan edit, link sent, revoked and sent again, cancel and reopen, then the candidate. */
export async function driveInterviewFlow(admin: Caller, api: TestApi, context: InterviewsDriveContext): Promise<void> {
  const anonymous = api.caller();
  const applicationId = context.applicationId ?? (await newApplication(admin)).applicationId;
  const [a, b] = [await admin.questions.create(flowQuestion()), await admin.questions.create(flowQuestion())];
  let interview = await admin.interviews.create({ applicationId, questionCount: 2 });
  interview = await admin.interviews.updatePlan({
    id: interview.id,
    version: interview.version,
    questionIds: [a.id, b.id],
  });
  interview = await admin.interviews.sendLink({ id: interview.id, version: interview.version, days: 7 });
  interview = await admin.interviews.revokeLink({ id: interview.id, version: interview.version });
  interview = await admin.interviews.cancel({ id: interview.id, version: interview.version, reason: "coverage" });
  interview = await admin.interviews.reopen({ id: interview.id, version: interview.version });
  interview = await admin.interviews.sendLink({ id: interview.id, version: interview.version, days: 7 });
  const token = tokenOf(interview);
  await anonymous.interviewLink.start({ token });
  await answerAndWait(anonymous, token, CONCRETE_ANSWER);
  await answerAndWait(anonymous, token, CONCRETE_ANSWER);
  context.completedInterviewId = interview.id;

  // A second interview of the same application, ended early by the candidate.
  let early = await admin.interviews.create({ applicationId, questionCount: 1 });
  early = await admin.interviews.updatePlan({ id: early.id, version: early.version, questionIds: [a.id] });
  early = await admin.interviews.sendLink({ id: early.id, version: early.version, days: 1 });
  const earlyToken = tokenOf(early);
  await anonymous.interviewLink.start({ token: earlyToken });
  await anonymous.interviewLink.finish({ token: earlyToken });
}
