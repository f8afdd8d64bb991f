/** The candidate's side, by link token (public): open, start, answer, await the interviewer's turn, finish. */
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import type { CandidateInterviewDTO } from "./dto";
import type { linkInput, candidateAnswerInput, awaitTurnInput } from "./schemas";

export async function openInterview(
  ctx: ProcedureContext,
  input: z.output<typeof linkInput>,
): Promise<CandidateInterviewDTO> {
  throw new Error("openInterview: not implemented yet");
}

export async function startInterview(
  ctx: ProcedureContext,
  input: z.output<typeof linkInput>,
): Promise<CandidateInterviewDTO> {
  throw new Error("startInterview: not implemented yet");
}

export async function answerQuestion(
  ctx: ProcedureContext,
  input: z.output<typeof candidateAnswerInput>,
): Promise<CandidateInterviewDTO> {
  throw new Error("answerQuestion: not implemented yet");
}

export async function awaitTurn(
  ctx: ProcedureContext,
  input: z.output<typeof awaitTurnInput>,
): Promise<CandidateInterviewDTO> {
  throw new Error("awaitTurn: not implemented yet");
}

export async function finishInterview(
  ctx: ProcedureContext,
  input: z.output<typeof linkInput>,
): Promise<CandidateInterviewDTO> {
  throw new Error("finishInterview: not implemented yet");
}
