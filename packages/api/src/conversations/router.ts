import { idInput, idVersionInput } from "../shared/ids";
import { procedureFor, ROLES, router } from "../trpc";
import {
  createChatModule,
  deleteChatModule,
  getChatModule,
  listChatModules,
  testChatModule,
  updateChatModule,
} from "./chat-modules.service";
import {
  awaitReply,
  cancelReply,
  conversationEvents,
  deleteConversation,
  getConversation,
  listConversations,
  retryReply,
  runModule,
  sendMessage,
  startConversation,
} from "./conversations.service";
import { addMemory, deleteMemory, listMemories } from "./memories.service";
import {
  createPersona,
  deletePersona,
  getPersona,
  listPersonas,
  previewPersona,
  updatePersona,
} from "./personas.service";
import {
  addMemoryInput,
  awaitReplyInput,
  chatModuleInput,
  conversationEventsInput,
  conversationListInput,
  createPersonaInput,
  memorySearchInput,
  previewPersonaInput,
  runModuleInput,
  sendMessageInput,
  setStateInput,
  startConversationInput,
  testChatModuleInput,
  updateChatModuleInput,
  updatePersonaInput,
} from "./schemas";
import { listState, setState } from "./state.service";
import { z } from "zod";
import { uuid } from "../shared/ids";

const conversationIdInput = z.strictObject({ conversationId: uuid });

const personas = router({
  list: procedureFor(ROLES.writers).query(({ ctx }) => listPersonas(ctx)),
  get: procedureFor(ROLES.writers)
    .input(idInput)
    .query(({ ctx, input }) => getPersona(ctx, input.id)),
  create: procedureFor(ROLES.admin)
    .input(createPersonaInput)
    .mutation(({ ctx, input }) => createPersona(ctx, input)),
  update: procedureFor(ROLES.admin)
    .input(updatePersonaInput)
    .mutation(({ ctx, input }) => updatePersona(ctx, input)),
  delete: procedureFor(ROLES.admin)
    .input(idVersionInput)
    .mutation(({ ctx, input }) => deletePersona(ctx, input.id, input.version)),
  /** The system prompt as the model would see it with these variables and state (nothing saved). */
  preview: procedureFor(ROLES.writers)
    .meta({ audit: { skip: "renders a draft template; saves nothing" } })
    .input(previewPersonaInput)
    .mutation(({ input }) => previewPersona(input)),
});

const chatModules = router({
  list: procedureFor(ROLES.writers).query(({ ctx }) => listChatModules(ctx)),
  get: procedureFor(ROLES.writers)
    .input(idInput)
    .query(({ ctx, input }) => getChatModule(ctx, input.id)),
  create: procedureFor(ROLES.admin)
    .input(chatModuleInput)
    .mutation(({ ctx, input }) => createChatModule(ctx, input)),
  update: procedureFor(ROLES.admin)
    .input(updateChatModuleInput)
    .mutation(({ ctx, input }) => updateChatModule(ctx, input)),
  delete: procedureFor(ROLES.admin)
    .input(idVersionInput)
    .mutation(({ ctx, input }) => deleteChatModule(ctx, input.id, input.version)),
  /** What a module (saved or draft) would do with a sample message and state; nothing saved. */
  test: procedureFor(ROLES.writers)
    .meta({ audit: { skip: "runs a module against sample input; saves nothing" } })
    .input(testChatModuleInput)
    .mutation(({ input }) => testChatModule(input)),
});

const conversations = router({
  list: procedureFor(ROLES.writers)
    .input(conversationListInput)
    .query(({ ctx, input }) => listConversations(ctx, input)),
  get: procedureFor(ROLES.writers)
    .input(idInput)
    .query(({ ctx, input }) => getConversation(ctx, input.id)),
  start: procedureFor(ROLES.writers)
    .input(startConversationInput)
    .mutation(({ ctx, input }) => startConversation(ctx, input)),
  delete: procedureFor(ROLES.writers)
    .input(idInput)
    .mutation(({ ctx, input }) => deleteConversation(ctx, input.id)),
  /** Stores the message (committed before any model call) and answers it with the pending reply; follow `events`. */
  send: procedureFor(ROLES.writers)
    .input(sendMessageInput)
    .mutation(({ ctx, input }) => sendMessage(ctx, input)),
  retry: procedureFor(ROLES.writers)
    .input(idInput)
    .mutation(({ ctx, input }) => retryReply(ctx, input.id)),
  cancel: procedureFor(ROLES.writers)
    .input(idInput)
    .mutation(({ ctx, input }) => cancelReply(ctx, input.id)),
  /** For scripts: waits until a reply is done (or failed), at most `timeoutMs`. */
  awaitReply: procedureFor(ROLES.writers)
    .input(awaitReplyInput)
    .query(({ ctx, input }) => awaitReply(ctx, input)),
  /** Replies as they stream and messages as they change (SSE). */
  events: procedureFor(ROLES.writers)
    .input(conversationEventsInput)
    .subscription(({ ctx, input, signal }) => conversationEvents(ctx, input.conversationId, signal)),
  runModule: procedureFor(ROLES.writers)
    .input(runModuleInput)
    .mutation(({ ctx, input }) => runModule(ctx, input)),
  state: procedureFor(ROLES.writers)
    .input(conversationIdInput)
    .query(({ ctx, input }) => listState(ctx, input.conversationId)),
  setState: procedureFor(ROLES.writers)
    .input(setStateInput)
    .mutation(({ ctx, input }) => setState(ctx, input)),
  memories: procedureFor(ROLES.writers)
    .input(memorySearchInput)
    .query(({ ctx, input }) => listMemories(ctx, input)),
  addMemory: procedureFor(ROLES.writers)
    .input(addMemoryInput)
    .mutation(({ ctx, input }) => addMemory(ctx, input)),
  deleteMemory: procedureFor(ROLES.writers)
    .input(idInput)
    .mutation(({ ctx, input }) => deleteMemory(ctx, input.id)),
});

/** Keyed by top-level API namespace: personas.*, chatModules.*, conversations.*. */
export const routes = { personas, chatModules, conversations };
