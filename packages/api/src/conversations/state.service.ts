import type { z } from "zod";
import type { ProcedureContext } from "../context";
import type { ConversationStateDTO } from "./dto";
import type { setStateInput } from "./schemas";

type Ctx = Pick<ProcedureContext, "em" | "audit">;
const todo = (): never => {
  throw new Error("not implemented yet");
};

export async function listState(_ctx: Ctx, _conversationId: string): Promise<ConversationStateDTO[]> {
  return todo();
}
/** Optimistic: refused as stale when the value changed since `version`. */
export async function setState(_ctx: Ctx, _input: z.output<typeof setStateInput>): Promise<ConversationStateDTO> {
  return todo();
}
