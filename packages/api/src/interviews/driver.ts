/**
 * The interviewer persona's driver: the conversation engine calls it inside the stage's transaction. The interview
 * itself (interviews.currentIndex, the answers) is the truth, moved on by the candidate's `answer` before the
 * message reaches the engine; the driver says what that state calls for: the greeting and question 1, the next
 * question, the question's follow-up, or the closing words. One reply is written at a time per conversation and
 * an answer waits for the previous reply (candidate-interview.service.ts), so each turn reads its own answer's state.
 */
import type { EntityManager } from "@shortlist/db";
import type { ConversationDriver, DriverContext, DriverTurn } from "../conversations";
import { firstName, followUpPrompt } from "./logic/turns";
import { readPlan, type PlannedRow } from "./mappers";

interface Interview {
  id: string;
  status: string;
  currentIndex: number;
  endReason: string | null;
  candidateName: string;
  jobTitle: string;
  company: string;
  personaName: string;
}

/** The conversation's interview; `opening`: the interview does not name its conversation yet (it is being started). */
async function readInterviewFor(ctx: DriverContext, opening = false): Promise<Interview | null> {
  const em = ctx.em;
  const id = ctx.conversation.variables.interviewId;
  if (typeof id !== "string") return null;
  const [row] = await em.execute<
    {
      id: string;
      status: string;
      current_index: number;
      end_reason: string | null;
      candidate_name: string;
      job_title: string;
      company: string;
    }[]
  >(
    `select i.id, i.status, i.current_index, i.end_reason, c.name as candidate_name, j.title as job_title, j.company
       from interviews i join candidates c on c.id = i.candidate_id join jobs j on j.id = i.job_id
      where i.id = ? and (i.conversation_id = ? or (? and i.conversation_id is null))`,
    [id, ctx.conversation.id, opening],
  );
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    currentIndex: row.current_index,
    endReason: row.end_reason,
    candidateName: row.candidate_name,
    jobTitle: row.job_title,
    company: row.company,
    personaName: ctx.conversation.persona.name,
  };
}

const NOT_AN_INTERVIEW: DriverTurn = {
  directives: {
    say: ["This conversation is not linked to an interview, so there are no questions to ask."],
    end: true,
  },
  note: "no interview",
};

const asked = (q: PlannedRow, total: number) => `Question ${q.position + 1} of ${total}: ${q.text}`;

function closing(interview: Interview): DriverTurn {
  const name = firstName(interview.candidateName);
  const say =
    interview.status === "COMPLETED"
      ? interview.endReason === "time ran out"
        ? `The time for this interview has run out, ${name}. Thank you: every answer you gave is saved, and the recruiter will be in touch.`
        : `That was the last question, ${name}. Thank you for your answers: they are saved, and the recruiter will be in touch about the next steps.`
      : "This interview is closed; the recruiter will be in touch.";
  return { state: { phase: "closed" }, directives: { say: [say], end: true }, note: `closing (${interview.status})` };
}

async function hasAnswer(em: EntityManager, interviewQuestionId: string) {
  const rows = await em.execute("select 1 from interview_answers where interview_question_id = ?", [
    interviewQuestionId,
  ]);
  return rows.length > 0;
}

export const interviewerDriver: ConversationDriver = {
  async start(ctx) {
    const interview = await readInterviewFor(ctx, true);
    if (!interview) return NOT_AN_INTERVIEW;
    const plan = await readPlan(ctx.em, interview.id);
    const first = plan[interview.currentIndex];
    if (interview.status !== "IN_PROGRESS" || !first) return closing(interview);
    const minutes = Math.ceil(plan.reduce((sum, q) => sum + q.timeLimitSeconds, 0) / 60);
    const greeting =
      `Hello ${firstName(interview.candidateName)}, I'm ${interview.personaName}, and I'll be interviewing you for ` +
      `the ${interview.jobTitle} role at ${interview.company}. There ${plan.length === 1 ? "is 1 question" : `are ${plan.length} questions`}, ` +
      `about ${minutes} minute${minutes === 1 ? "" : "s"} in all; each has its own time limit. Answer in your own words: ` +
      "every answer is saved as soon as you send it.";
    return {
      state: { phase: "question", position: first.position },
      directives: { say: [greeting], ask: asked(first, plan.length) },
      note: `greeted; asked question ${first.position + 1}`,
    };
  },

  async onMessage(ctx) {
    const interview = await readInterviewFor(ctx);
    if (!interview) return NOT_AN_INTERVIEW;
    if (interview.status !== "IN_PROGRESS") return closing(interview);
    const plan = await readPlan(ctx.em, interview.id);
    const current = plan[interview.currentIndex];
    if (!current) return closing(interview);
    if (await hasAnswer(ctx.em, current.id)) {
      return {
        state: { phase: "follow-up", position: current.position },
        directives: { say: ["Thank you."], ask: followUpPrompt(current.followUps) },
        note: `follow-up on question ${current.position + 1}`,
      };
    }
    return {
      state: { phase: "question", position: current.position },
      directives: { say: ["Thank you."], ask: asked(current, plan.length) },
      note: `asked question ${current.position + 1}`,
    };
  },
};
