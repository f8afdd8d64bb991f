import type { z } from "zod";
import type { ProcedureContext } from "../context";
import type { IntakeSessionDTO, IntakeView, VacancyProfileDTO } from "./dto";
import type { startIntakeInput, updateProfileInput } from "./schemas";

const todo = (): never => {
  throw new Error("not implemented yet");
};

/** Opens a draft job (or takes the given one), starts a conversation with the intake persona, answers its first question. */
export async function startIntake(
  _ctx: ProcedureContext,
  _input: z.output<typeof startIntakeInput>,
): Promise<IntakeView> {
  return todo();
}
export async function listIntakes(_ctx: ProcedureContext, _limit: number): Promise<IntakeSessionDTO[]> {
  return todo();
}
export async function getIntake(_ctx: ProcedureContext, _id: string): Promise<IntakeView> {
  return todo();
}
export async function getProfile(_ctx: ProcedureContext, _jobId: string): Promise<VacancyProfileDTO> {
  return todo();
}
export async function updateProfile(
  _ctx: ProcedureContext,
  _input: z.output<typeof updateProfileInput>,
): Promise<VacancyProfileDTO> {
  return todo();
}
