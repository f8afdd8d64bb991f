/** Conversations and their messages: start, list, read, delete, send (the pipeline's stage 1), retry, cancel. */
import { randomUUID } from "node:crypto";
import type { ModuleTraceEntry } from "@shortlist/db";
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { Conflict, InvalidInput, NotFound } from "../errors";
import type { ChatMessageDTO, ConversationDTO, ModuleTestResult, ReplyDirectivesDTO } from "./dto";
import { nextMessageEvent, publishMessage, subscribe } from "./engine/events";
import { loadConversation, loadModules } from "./engine/load";
import { retrieveMemories } from "./engine/memory";
import { applyModuleResult, runSafely, traceEntry } from "./engine/module-stage";
import { CANCELLED } from "./engine/pipeline";
import { processorFor } from "./engine/processor";
import { renderTemplate } from "./engine/prompt";
import { driverFor } from "./engine/types";
import { CONVERSATION_COLUMNS, cursorOf, MESSAGE_COLUMNS, toConversationDTO, toMessageDTO } from "./mappers";
import type {
  awaitReplyInput,
  conversationListInput,
  runModuleInput,
  sendMessageInput,
  startConversationInput,
} from "./schemas";
import { readState, writeState } from "./state.service";

type Ctx = ProcedureContext;
type Row = Record<string, unknown>;

/** `get` answers at most this many messages, the newest. */
const MESSAGES_SHOWN = 500;

export interface ConversationView {
  conversation: ConversationDTO;
  messages: ChatMessageDTO[];
}

export async function startConversation(
  ctx: Ctx,
  input: z.output<typeof startConversationInput>,
): Promise<ConversationView> {
  return startConversationFor(ctx, input);
}

export interface StartConversationFor {
  personaId: string;
  title?: string | undefined;
  variables?: Record<string, unknown>;
  candidateId?: string | null | undefined;
  jobId?: string | null | undefined;
}

/**
 * Starts a conversation with an active persona (its provider settings copied), about a candidate or a job;
 * the persona's driver (or its first message) opens it. For other modules through the port (intake).
 */
export async function startConversationFor(ctx: Ctx, input: StartConversationFor): Promise<ConversationView> {
  const [persona] = await ctx.em.execute<
    { id: string; name: string; mode: string; active: boolean; first_message: string | null }[]
  >("select id, name, mode, active, first_message from personas where id = ?", [input.personaId]);
  if (!persona) throw new NotFound("persona", input.personaId);
  if (!persona.active)
    throw new Conflict(
      `The persona "${persona.name}" is inactive; activate it to start a conversation`,
      "precondition_failed",
      {
        personaId: persona.id,
        active: false,
      },
    );
  if (input.candidateId) await requireRow(ctx, "candidates", "candidate", input.candidateId);
  if (input.jobId) await requireRow(ctx, "jobs", "job", input.jobId);
  const auth = await ctx.getAuth();
  const title = input.title ?? `${persona.name} · ${new Date().toISOString().slice(0, 10)}`;
  const variables = input.variables ?? {};
  const [created] = await ctx.em.execute<{ id: string }[]>(
    `insert into conversations (title, persona_id, provider, model, provider_options, variables, candidate_id, job_id, created_by_id)
     select ?, p.id, p.provider, p.model, p.provider_options, ?::jsonb, ?::uuid, ?::uuid, ?::uuid from personas p where p.id = ?
     returning id`,
    [
      title,
      JSON.stringify(variables),
      input.candidateId ?? null,
      input.jobId ?? null,
      auth?.user.id ?? null,
      persona.id,
    ],
  );
  const conversation = (await loadConversation(ctx.em, created!.id))!;
  const opening = await openingTurn(ctx, conversation.dto, persona.first_message, variables);
  if (opening) {
    await ctx.em.execute(
      `insert into chat_messages (conversation_id, seq, role, content, status, author_id, trace, quick_replies)
       values (?, 1, 'assistant', ?, 'complete', ?, ?::jsonb, array(select jsonb_array_elements_text(?::jsonb)))`,
      [
        conversation.dto.id,
        opening.content,
        auth?.user.id ?? null,
        JSON.stringify(opening.trace),
        JSON.stringify(opening.quickReplies),
      ],
    );
    await ctx.em.execute("update conversations set last_seq = 1, last_message_at = now() where id = ?", [
      conversation.dto.id,
    ]);
  }
  ctx.audit.record({
    entity: { kind: "conversation", id: conversation.dto.id },
    after: { title, personaId: persona.id, provider: conversation.dto.provider, subject: conversation.dto.subject },
  });
  return getConversation(ctx, conversation.dto.id);
}

async function openingTurn(
  ctx: Ctx,
  conversation: ConversationDTO,
  firstMessage: string | null,
  variables: Record<string, unknown>,
): Promise<{ content: string; quickReplies: string[]; trace: ModuleTraceEntry[] } | null> {
  const driver = driverFor(conversation.persona.mode);
  if (driver) {
    const t0 = performance.now();
    const turn = await driver.start({ em: ctx.em, audit: ctx.audit, keyring: ctx.keyring, conversation, state: {} });
    const updates = turn.state ?? {};
    const target = { conversationId: conversation.id, personaId: conversation.persona.id, moduleId: null };
    await writeState(ctx.em, target, updates);
    const directives: Partial<ReplyDirectivesDTO> = turn.directives;
    const content = [...(directives.say ?? []), ...(directives.ask ? [directives.ask] : [])]
      .filter((line) => line.trim().length > 0)
      .join("\n\n");
    if (!content) return null;
    const trace: ModuleTraceEntry = {
      moduleId: null,
      name: conversation.persona.name,
      stage: "DRIVER",
      fired: true,
      reason: turn.note ?? `the ${conversation.persona.mode} driver's opening`,
      stateChanges: Object.entries(updates).map(([key, after]) => ({ key, before: null, after })),
      directives: { ...directives },
      ms: Math.round(performance.now() - t0),
    };
    return { content, quickReplies: directives.quickReplies ?? [], trace: [trace] };
  }
  if (!firstMessage?.trim()) return null;
  const content = await renderTemplate(firstMessage, { variables, state: {}, memories: [] }, "firstMessage");
  return content.trim() ? { content, quickReplies: [], trace: [] } : null;
}

async function requireRow(ctx: Ctx, table: "candidates" | "jobs", kind: string, id: string): Promise<void> {
  const [row] = await ctx.em.execute<{ id: string }[]>(`select id from ${table} where id = ?`, [id]);
  if (!row) throw new NotFound(kind, id);
}

export async function listConversations(
  ctx: Ctx,
  input: z.output<typeof conversationListInput>,
): Promise<{ items: ConversationDTO[]; nextCursor: string | null }> {
  const [ms, id] = input.cursor ? input.cursor.split(":") : [null, null];
  const rows = await ctx.em.execute<Row[]>(
    `select ${CONVERSATION_COLUMNS} from conversations c join personas p on p.id = c.persona_id
      where (?::uuid is null or c.persona_id = ?::uuid)
        and (?::bigint is null or (c.updated_at, c.id) < ('epoch'::timestamptz + ?::bigint * interval '1 millisecond', ?::uuid))
      order by c.updated_at desc, c.id desc limit ?`,
    [input.personaId ?? null, input.personaId ?? null, ms, ms, id, input.limit + 1],
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page.map(toConversationDTO), nextCursor: rows.length > input.limit && last ? cursorOf(last) : null };
}

export async function getConversation(ctx: Pick<Ctx, "em">, id: string): Promise<ConversationView> {
  const conversation = await loadConversation(ctx.em, id);
  if (!conversation) throw new NotFound("conversation", id);
  const rows = await ctx.em.execute<Row[]>(
    `select * from (select ${MESSAGE_COLUMNS} from chat_messages m where m.conversation_id = ? order by m.seq desc limit ${MESSAGES_SHOWN}) m
      order by m.seq`,
    [id],
  );
  return { conversation: conversation.dto, messages: rows.map(toMessageDTO) };
}

/** Deletes the conversation with its messages, state and memories (foreign keys cascade). */
export async function deleteConversation(ctx: Ctx, id: string): Promise<{ id: string }> {
  const [row] = await ctx.em.execute<{ title: string; persona_id: string }[]>(
    "delete from conversations where id = ? returning title, persona_id",
    [id],
  );
  if (!row) throw new NotFound("conversation", id);
  ctx.audit.record({ entity: { kind: "conversation", id }, before: { title: row.title, personaId: row.persona_id } });
  const processor = processorFor(ctx);
  ctx.afterCommit(() => processor.cancelConversation(id));
  return { id };
}

/** Stores the user's message and a pending reply, commits, then generates the reply in the background. */
export async function sendMessage(
  ctx: Ctx,
  input: z.output<typeof sendMessageInput>,
): Promise<{ message: ChatMessageDTO; reply: ChatMessageDTO }> {
  const [locked] = await ctx.em.execute<{ last_seq: number }[]>(
    "select last_seq from conversations where id = ? for update",
    [input.conversationId],
  );
  if (!locked) throw new NotFound("conversation", input.conversationId);
  const auth = await ctx.getAuth();
  const seq = locked.last_seq + 1;
  const messageId = randomUUID();
  const rows = await ctx.em.execute<Row[]>(
    `insert into chat_messages as m (id, conversation_id, seq, role, content, status, reply_to_id, author_id)
     values (?, ?, ?, 'user', ?, 'complete', null, ?), (?, ?, ?, 'assistant', '', 'pending', ?, ?)
     returning ${MESSAGE_COLUMNS}`,
    [
      messageId,
      input.conversationId,
      seq,
      input.content,
      auth?.user.id ?? null,
      randomUUID(),
      input.conversationId,
      seq + 1,
      messageId,
      auth?.user.id ?? null,
    ],
  );
  await ctx.em.execute(
    "update conversations set last_seq = ?, last_message_at = now(), updated_at = now() where id = ?",
    [seq + 1, input.conversationId],
  );
  ctx.audit.record({ entity: { kind: "conversation", id: input.conversationId }, after: { seq } });
  const [message, reply] = rows.map(toMessageDTO).sort((a, b) => a.seq - b.seq) as [ChatMessageDTO, ChatMessageDTO];
  const processor = processorFor(ctx);
  ctx.afterCommit(() => {
    publishMessage(message);
    publishMessage(reply);
    return processor.kick(input.conversationId, ctx.requestId);
  });
  return { message, reply };
}

/**
 * For other modules through the port (the interviewer's candidate answers): the same as `conversations.send` in
 * the caller's transaction; the reply is generated after the commit.
 */
export function sendMessageFor(ctx: Ctx, conversationId: string, content: string) {
  return sendMessage(ctx, { conversationId, content });
}

/** A reply is still being written (pending or streaming, and not left behind by a stopped server long ago). */
export async function replyInProgress(ctx: Pick<Ctx, "em">, conversationId: string): Promise<boolean> {
  const rows = await ctx.em.execute(
    `select 1 from chat_messages where conversation_id = ? and role = 'assistant' and status in ('pending', 'streaming')
        and updated_at > now() - interval '2 minutes' limit 1`,
    [conversationId],
  );
  return rows.length > 0;
}

/**
 * Waits (at most `timeoutMs`) until the conversation's first reply after `afterSeq` is finished; answers at once
 * when there is none.
 */
export async function awaitReplyAfter(ctx: Ctx, conversationId: string, afterSeq: number, timeoutMs: number) {
  const [next] = await ctx.em.execute<{ id: string }[]>(
    "select id from chat_messages where conversation_id = ? and seq > ? and role = 'assistant' order by seq limit 1",
    [conversationId, afterSeq],
  );
  if (next) await awaitReply(ctx, { messageId: next.id, timeoutMs });
}

async function readMessage(ctx: Pick<Ctx, "em">, id: string): Promise<ChatMessageDTO> {
  const [row] = await ctx.em.execute<Row[]>(`select ${MESSAGE_COLUMNS} from chat_messages m where m.id = ?`, [id]);
  if (!row) throw new NotFound("message", id);
  return toMessageDTO(row);
}

const notARetryableReply = (message: ChatMessageDTO, action: string) =>
  new Conflict(
    `This ${message.role} message is ${message.status}: only a reply can be ${action} then`,
    "precondition_failed",
    {
      status: message.status,
      role: message.role,
    },
  );

/** A failed or incomplete reply generated again. */
export async function retryReply(ctx: Ctx, id: string): Promise<ChatMessageDTO> {
  const before = await readMessage(ctx, id);
  const [row] = await ctx.em.execute<Row[]>(
    `update chat_messages m set status = 'pending', error = null, content = '', reasoning = null, input_tokens = null,
        output_tokens = null, latency_ms = null, trace = '[]', quick_replies = '{}', updated_at = now()
      where id = ? and role = 'assistant' and status in ('failed', 'incomplete') returning ${MESSAGE_COLUMNS}`,
    [id],
  );
  if (!row) throw notARetryableReply(before, "retried (failed or incomplete)");
  const reply = toMessageDTO(row);
  ctx.audit.record({
    entity: { kind: "conversation", id: reply.conversationId },
    before: { reply: id, status: before.status },
    after: { reply: id, status: reply.status },
  });
  const processor = processorFor(ctx);
  ctx.afterCommit(() => {
    publishMessage(reply);
    return processor.kick(reply.conversationId, ctx.requestId);
  });
  return reply;
}

/** Stops a reply being generated: it is kept as incomplete. */
export async function cancelReply(ctx: Ctx, id: string): Promise<ChatMessageDTO> {
  const before = await readMessage(ctx, id);
  const processor = processorFor(ctx);
  // Not locked: the run that is writing it must be able to record how it ended while this call waits for it.
  if (before.role === "assistant" && before.status === "streaming" && (await processor.cancel(id))) {
    recordCancel(ctx, before);
    return readMessage(ctx, id);
  }
  const [row] = await ctx.em.execute<Row[]>(
    `update chat_messages m set status = 'incomplete', error = ?, updated_at = now()
      where id = ? and role = 'assistant' and status in ('pending', 'streaming') returning ${MESSAGE_COLUMNS}`,
    [CANCELLED, id],
  );
  if (!row) {
    // It started streaming in between: stop that run.
    if (await processor.cancel(id)) {
      recordCancel(ctx, before);
      return readMessage(ctx, id);
    }
    throw notARetryableReply(await readMessage(ctx, id), "stopped (pending or streaming)");
  }
  const reply = toMessageDTO(row);
  recordCancel(ctx, before);
  ctx.afterCommit(() => publishMessage(reply));
  return reply;
}

function recordCancel(ctx: Ctx, before: ChatMessageDTO) {
  ctx.audit.record({
    entity: { kind: "conversation", id: before.conversationId },
    before: { reply: before.id, status: before.status },
    after: { reply: before.id, status: "incomplete" },
  });
}

const unfinished = (message: ChatMessageDTO) => message.status === "pending" || message.status === "streaming";

/** Waits until the message is no longer pending or streaming, at most `timeoutMs`; answers it as it is then. */
export async function awaitReply(ctx: Ctx, input: z.output<typeof awaitReplyInput>): Promise<ChatMessageDTO> {
  let message = await readMessage(ctx, input.messageId);
  const deadline = Date.now() + input.timeoutMs;
  while (unfinished(message) && Date.now() < deadline) {
    // Listen first, then read: a change between the two is not missed. The re-read each second covers
    // a reply written by another server process.
    const wait = Math.min(1_000, deadline - Date.now());
    const next = nextMessageEvent(message.conversationId, message.id, (m) => !unfinished(m), wait);
    message = await readMessage(ctx, input.messageId);
    if (!unfinished(message)) {
      next.cancel();
      break;
    }
    message = (await next.promise) ?? (await readMessage(ctx, input.messageId));
  }
  return message;
}

/** The conversation's live events (SSE), ending when the client goes or the server stops. */
export async function* conversationEvents(ctx: Ctx, conversationId: string, signal: AbortSignal | undefined) {
  if (!(await loadConversation(ctx.em, conversationId))) throw new NotFound("conversation", conversationId);
  const stop = processorFor(ctx).shutdown.signal;
  yield* subscribe(conversationId, signal ? AbortSignal.any([signal, stop]) : stop);
}

/** Runs an ON_DEMAND module of the conversation's persona now, against the last user message and the state. */
export async function runModule(ctx: Ctx, input: z.output<typeof runModuleInput>): Promise<ModuleTestResult> {
  const conversation = await loadConversation(ctx.em, input.conversationId);
  if (!conversation) throw new NotFound("conversation", input.conversationId);
  const module = (await loadModules(ctx.em, conversation.personaId)).find((m) => m.id === input.moduleId);
  if (!module) throw InvalidInput.field("moduleId", "Not an active module of this conversation's persona");
  if (module.executionContext !== "ON_DEMAND")
    throw InvalidInput.field(
      "moduleId",
      `"${module.name}" runs ${module.executionContext}; only ON_DEMAND modules run on request`,
    );
  const [last] = await ctx.em.execute<{ content: string }[]>(
    "select content from chat_messages where conversation_id = ? and role = 'user' order by seq desc limit 1",
    [input.conversationId],
  );
  const message = last?.content ?? "";
  const state = await readState(ctx.em, input.conversationId, conversation.personaId);
  const memories = await retrieveMemories(ctx.em, input.conversationId, message, 5);
  const started = performance.now();
  const result = await runSafely(
    module,
    {
      message,
      reply: null,
      state: { ...(state.byModule.get(module.id) ?? {}) },
      memories: memories.map(({ content, type, importance }) => ({ content, type, importance })),
      variables: conversation.dto.variables,
    },
    { force: true },
  );
  const stageInput = {
    em: ctx.em,
    conversationId: input.conversationId,
    personaId: conversation.personaId,
    builtin: conversation.dto.provider === "builtin",
    message,
    reply: null,
    memories: [],
    variables: conversation.dto.variables,
    state,
  };
  await applyModuleResult(stageInput, module.id, result);
  const entry = traceEntry(module, "ON_DEMAND", result, performance.now() - started);
  ctx.audit.record({
    entity: { kind: "conversation", id: input.conversationId },
    after: { module: { id: module.id, name: module.name, fired: entry.fired, stateChanges: entry.stateChanges } },
  });
  return result;
}
