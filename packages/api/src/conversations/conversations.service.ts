import type { z } from "zod";
import type { ProcedureContext } from "../context";
import type { ChatMessageDTO, ConversationDTO, ModuleTestResult } from "./dto";
import type {
  awaitReplyInput,
  conversationListInput,
  runModuleInput,
  sendMessageInput,
  startConversationInput,
} from "./schemas";

type Ctx = ProcedureContext;
const todo = (): never => {
  throw new Error("not implemented yet");
};

export interface ConversationView {
  conversation: ConversationDTO;
  messages: ChatMessageDTO[];
}

export async function startConversation(
  _ctx: Ctx,
  _input: z.output<typeof startConversationInput>,
): Promise<ConversationView> {
  return todo();
}
export async function listConversations(
  _ctx: Ctx,
  _input: z.output<typeof conversationListInput>,
): Promise<{ items: ConversationDTO[]; nextCursor: string | null }> {
  return todo();
}
export async function getConversation(_ctx: Ctx, _id: string): Promise<ConversationView> {
  return todo();
}
export async function deleteConversation(_ctx: Ctx, _id: string): Promise<{ id: string }> {
  return todo();
}
/** Stores the user's message and a pending reply, commits, then generates the reply in the background. */
export async function sendMessage(
  _ctx: Ctx,
  _input: z.output<typeof sendMessageInput>,
): Promise<{ message: ChatMessageDTO; reply: ChatMessageDTO }> {
  return todo();
}
/** A failed or incomplete reply generated again. */
export async function retryReply(_ctx: Ctx, _id: string): Promise<ChatMessageDTO> {
  return todo();
}
/** Stops a reply being generated: it is kept as incomplete. */
export async function cancelReply(_ctx: Ctx, _id: string): Promise<ChatMessageDTO> {
  return todo();
}
export async function awaitReply(_ctx: Ctx, _input: z.output<typeof awaitReplyInput>): Promise<ChatMessageDTO> {
  return todo();
}
/** Runs an ON_DEMAND module of the conversation's persona now, against the last user message and the state. */
export async function runModule(_ctx: Ctx, _input: z.output<typeof runModuleInput>): Promise<ModuleTestResult> {
  return todo();
}
