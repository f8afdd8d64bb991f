import type { z } from "zod";
import type { ProcedureContext } from "../context";
import type { MemoryDTO } from "./dto";
import type { addMemoryInput, memorySearchInput } from "./schemas";

type Ctx = Pick<ProcedureContext, "em" | "audit">;
const todo = (): never => {
  throw new Error("not implemented yet");
};

/** With a query: the top `limit` by relevance × importance × recency (access counts updated); without: newest first. */
export async function listMemories(_ctx: Ctx, _input: z.output<typeof memorySearchInput>): Promise<MemoryDTO[]> {
  return todo();
}
export async function addMemory(_ctx: Ctx, _input: z.output<typeof addMemoryInput>): Promise<MemoryDTO> {
  return todo();
}
export async function deleteMemory(_ctx: Ctx, _id: string): Promise<{ id: string }> {
  return todo();
}
