import type { z } from "zod";
import type { ProcedureContext } from "../context";
import type { PersonaDTO } from "./dto";
import type { createPersonaInput, previewPersonaInput, updatePersonaInput } from "./schemas";

type Ctx = Pick<ProcedureContext, "em" | "audit" | "keyring" | "config" | "getAuth">;
const todo = (): never => {
  throw new Error("not implemented yet");
};

export async function listPersonas(_ctx: Ctx): Promise<PersonaDTO[]> {
  return todo();
}
export async function getPersona(_ctx: Ctx, _id: string): Promise<PersonaDTO> {
  return todo();
}
export async function createPersona(_ctx: Ctx, _input: z.output<typeof createPersonaInput>): Promise<PersonaDTO> {
  return todo();
}
export async function updatePersona(_ctx: Ctx, _input: z.output<typeof updatePersonaInput>): Promise<PersonaDTO> {
  return todo();
}
/** Refused (precondition_failed) while conversations use it: deactivate it instead. */
export async function deletePersona(_ctx: Ctx, _id: string): Promise<{ id: string }> {
  return todo();
}
export async function previewPersona(_input: z.output<typeof previewPersonaInput>): Promise<{ rendered: string }> {
  return todo();
}
