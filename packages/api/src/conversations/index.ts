/** conversations: personas, modules, conversations with state and memory, and the staged reply pipeline. The only entry point for other modules. */
import { fileRoutes } from "./files";
import { conversationsPersonalData } from "./personal-data.service";
import { routes } from "./router";

export const conversationsModule = {
  name: "conversations",
  routes,
  fileRoutes,
  personalData: conversationsPersonalData,
} as const;

export { openPersonaApiKey } from "./personas.service";

export { registerDriver, type ConversationDriver, type DriverContext, type DriverTurn } from "./engine/types";
export type {
  ChatMessageDTO,
  ChatModuleDTO,
  ConversationDTO,
  ConversationEvent,
  ConversationStateDTO,
  MemoryDTO,
  ModuleTestResult,
  PersonaDTO,
  ReplyDirectivesDTO,
} from "./dto";
export {
  startConversationFor,
  getConversation,
  sendMessageFor,
  replyInProgress,
  awaitReplyAfter,
  type ConversationView,
  type StartConversationFor,
} from "./conversations.service";
export { recoverConversations, stopConversations } from "./engine/recovery";
/** For other modules' structured-output calls to the configured model (interviews: CV analysis, the answer judge). */
export { providerFor, ProviderError, type Provider, type ProviderSettings } from "./providers";
