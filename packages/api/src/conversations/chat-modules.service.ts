import type { z } from "zod";
import type { ProcedureContext } from "../context";
import type { ChatModuleDTO, ModuleTestResult } from "./dto";
import type { chatModuleInput, testChatModuleInput, updateChatModuleInput } from "./schemas";

type Ctx = Pick<ProcedureContext, "em" | "audit">;
const todo = (): never => {
  throw new Error("not implemented yet");
};

export async function listChatModules(_ctx: Ctx): Promise<ChatModuleDTO[]> {
  return todo();
}
export async function getChatModule(_ctx: Ctx, _id: string): Promise<ChatModuleDTO> {
  return todo();
}
/** Refuses an invalid pattern or script with the error's position in `fieldErrors`. */
export async function createChatModule(_ctx: Ctx, _input: z.output<typeof chatModuleInput>): Promise<ChatModuleDTO> {
  return todo();
}
export async function updateChatModule(
  _ctx: Ctx,
  _input: z.output<typeof updateChatModuleInput>,
): Promise<ChatModuleDTO> {
  return todo();
}
export async function deleteChatModule(_ctx: Ctx, _id: string): Promise<{ id: string }> {
  return todo();
}
export async function testChatModule(_input: z.output<typeof testChatModuleInput>): Promise<ModuleTestResult> {
  return todo();
}
