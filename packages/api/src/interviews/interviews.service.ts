/** Interviews of an application: create (builds the plan), read, list, edit the plan, send the link, status moves. */
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import type { InterviewDTO, InterviewPage } from "./dto";
import type {
  createInterviewInput,
  interviewListInput,
  updatePlanInput,
  sendLinkInput,
  interviewMoveInput,
} from "./schemas";

export async function createInterview(
  ctx: ProcedureContext,
  input: z.output<typeof createInterviewInput>,
): Promise<InterviewDTO> {
  throw new Error("createInterview: not implemented yet");
}

export async function getInterview(ctx: ProcedureContext, id: string): Promise<InterviewDTO> {
  throw new Error("getInterview: not implemented yet");
}

export async function listInterviews(
  ctx: ProcedureContext,
  input: z.output<typeof interviewListInput>,
): Promise<InterviewPage> {
  throw new Error("listInterviews: not implemented yet");
}

export async function updatePlan(
  ctx: ProcedureContext,
  input: z.output<typeof updatePlanInput>,
): Promise<InterviewDTO> {
  throw new Error("updatePlan: not implemented yet");
}

export async function sendLink(ctx: ProcedureContext, input: z.output<typeof sendLinkInput>): Promise<InterviewDTO> {
  throw new Error("sendLink: not implemented yet");
}

export async function revokeLink(
  ctx: ProcedureContext,
  input: z.output<typeof interviewMoveInput>,
): Promise<InterviewDTO> {
  throw new Error("revokeLink: not implemented yet");
}

export async function cancelInterview(
  ctx: ProcedureContext,
  input: z.output<typeof interviewMoveInput>,
): Promise<InterviewDTO> {
  throw new Error("cancelInterview: not implemented yet");
}

export async function reopenInterview(
  ctx: ProcedureContext,
  input: z.output<typeof interviewMoveInput>,
): Promise<InterviewDTO> {
  throw new Error("reopenInterview: not implemented yet");
}
