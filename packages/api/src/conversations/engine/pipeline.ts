/**
 * The staged reply pipeline: how one pending reply becomes a stored answer.
 *
 * 1. Store (in `conversations.send`, the caller's transaction): the user's message and a `pending` reply, under
 *    the conversation row's lock (seq = last_seq + 1, + 2); committed before any model call, then the processor
 *    is kicked (processor.ts: one conversation at a time in seq order, conversations side by side).
 * 2. Load (no transaction): the conversation, its persona and active modules (persona order), the state, and the
 *    top 5 memories for the user's message (their access counts touched).
 * 3. Immediate (one transaction, audited as `conversations.reply` by the person who sent the message): the
 *    reply goes `pending` → `streaming` (skipped if it is no longer pending, e.g. cancelled); the persona's driver
 *    (if its mode has one), then the IMMEDIATE modules by stage priority (modules that need a model are skipped
 *    with the built-in provider); their state written (version + 1 per row), their directives merged.
 * 4. Generate (no transaction, no connection held): system prompt = the persona's template rendered with
 *    `{ variables, state, memories }` (state flat: the persona's own keys, then each module's) + the fired
 *    modules' content; history = the last 20 complete messages before the reply; the provider streams, `delta`
 *    events are published at most every 50 ms. Aborted on timeout, cancel and server stop.
 * 5. Store (one transaction): the reply's text, reasoning, tokens, latency, trace and quick replies, `complete`;
 *    then the POST_RESPONSE modules (state, memory directives) and the built-in memory extraction; the `message`
 *    event is published after the commit.
 * Any failure leaves the user's message and ends the reply `failed` with an error a person can act on
 * (`incomplete` when it was cancelled or the server stopped); it can be retried.
 */
import type { ModuleTraceEntry } from "@shortlist/db";
import { inBackgroundUnit } from "../../background";
import type { ContextDeps } from "../../context";
import { DomainError } from "../../errors";
import type { MemoryDTO } from "../dto";
import { MESSAGE_COLUMNS, toMessageDTO } from "../mappers";
import { providerFor } from "../providers";
import { ProviderError, type ChatTurn, type ProviderSettings, type ReplyChunk } from "../providers/types";
import { readState, templateState, writeState, type StateSnapshot } from "../state.service";
import { publish, publishMessage } from "./events";
import { loadConversation, loadModules, settingsOf, type LoadedConversation } from "./load";
import { extractMemories, retrieveMemories, storeMemories } from "./memory";
import { emptyDirectives, mergeDirectives, runModuleStage, type LoadedModule, type StageInput } from "./module-stage";
import { renderTemplate } from "./prompt";
import { driverFor } from "./types";

/** Why a run was aborted from outside (processor.ts); a timeout aborts with its own signal. */
export type StopReason = "cancelled" | "shutdown";

const HISTORY_SIZE = 20;
const MEMORY_COUNT = 5;
const DELTA_INTERVAL_MS = 50;

export const STOPPED_BY_SERVER = "The server stopped while writing this reply; retry it.";
export const CANCELLED = "Stopped before it was finished; retry it to write it again.";

export interface RunRequest {
  replyId: string;
  requestId: string;
  /** Aborted with a StopReason. */
  signal: AbortSignal;
}

interface Loaded {
  conversation: LoadedConversation;
  modules: LoadedModule[];
  state: StateSnapshot;
  memories: MemoryDTO[];
  settings: ProviderSettings;
  reply: { id: string; seq: number; authorId: string | null };
  message: { id: string; content: string };
}

/** Runs one pending reply through stages 2–5; never throws (a failure is recorded on the reply). */
export async function runReply(deps: ContextDeps, run: RunRequest): Promise<void> {
  let trace: ModuleTraceEntry[] = [];
  let partial = "";
  try {
    const loaded = await load(deps, run.replyId);
    if (!loaded) return;
    const prepared = await immediate(deps, run, loaded);
    if (!prepared) return;
    trace = prepared.trace;
    const generated = await generate(deps, run, loaded, prepared, (text) => (partial = text));
    await store(deps, run, loaded, prepared.trace, generated);
  } catch (error) {
    await end(deps, run, error, trace, partial);
  }
}

async function load(deps: ContextDeps, replyId: string): Promise<Loaded | null> {
  const em = deps.orm.em.fork();
  const [reply] = await em.execute<
    { id: string; seq: number; author_id: string | null; conversation_id: string; reply_to_id: string | null }[]
  >("select id, seq, author_id, conversation_id, reply_to_id from chat_messages where id = ? and status = 'pending'", [
    replyId,
  ]);
  if (!reply) return null;
  const conversation = await loadConversation(em, reply.conversation_id);
  if (!conversation) return null;
  const [message] = reply.reply_to_id
    ? await em.execute<{ id: string; content: string }[]>("select id, content from chat_messages where id = ?", [
        reply.reply_to_id,
      ])
    : [];
  if (!message) throw new Error(`reply ${replyId} answers no stored message`);
  const modules = await loadModules(em, conversation.personaId);
  const state = await readState(em, conversation.dto.id, conversation.personaId);
  const memories = await retrieveMemories(em, conversation.dto.id, message.content, MEMORY_COUNT, { touch: true });
  const settings = await settingsOf(em, deps.keyring, conversation);
  return {
    conversation,
    modules,
    state,
    memories,
    settings,
    reply: { id: reply.id, seq: reply.seq, authorId: reply.author_id },
    message,
  };
}

const unitOf = (run: RunRequest, loaded: Loaded) => ({
  action: "conversations.reply",
  actor: loaded.reply.authorId
    ? { type: "user" as const, id: loaded.reply.authorId, label: null }
    : { type: "system" as const, id: null, label: "conversations" },
  requestId: run.requestId,
});

interface Prepared {
  trace: ModuleTraceEntry[];
  directives: ReturnType<typeof emptyDirectives>;
  contents: string[];
}

const stageInput = (em: StageInput["em"], loaded: Loaded, reply: string | null): StageInput => ({
  em,
  conversationId: loaded.conversation.dto.id,
  personaId: loaded.conversation.personaId,
  builtin: loaded.settings.provider === "builtin",
  message: loaded.message.content,
  reply,
  memories: loaded.memories.map(({ content, type, importance }) => ({ content, type, importance })),
  variables: loaded.conversation.dto.variables,
  state: loaded.state,
});

async function immediate(deps: ContextDeps, run: RunRequest, loaded: Loaded): Promise<Prepared | null> {
  return inBackgroundUnit(deps, unitOf(run, loaded), async (ctx) => {
    const started = await ctx.em.execute<{ id: string }[]>(
      "update chat_messages set status = 'streaming', error = null, updated_at = now() where id = ? and status = 'pending' returning id",
      [loaded.reply.id],
    );
    if (started.length === 0) return null;
    const prepared: Prepared = { trace: [], directives: emptyDirectives(), contents: [] };
    const driver = driverFor(loaded.conversation.personaMode);
    if (driver) {
      const t0 = performance.now();
      const before = { ...loaded.state.own };
      const turn = await driver.onMessage(
        { em: ctx.em, audit: ctx.audit, keyring: deps.keyring, conversation: loaded.conversation.dto, state: before },
        loaded.message.content,
      );
      const updates = turn.state ?? {};
      const target = { conversationId: loaded.conversation.dto.id, personaId: loaded.conversation.personaId };
      await writeState(ctx.em, { ...target, moduleId: null }, updates);
      Object.assign(loaded.state.own, updates);
      mergeDirectives(prepared.directives, turn.directives);
      prepared.trace.push({
        moduleId: null,
        name: loaded.conversation.dto.persona.name,
        stage: "DRIVER",
        fired: true,
        reason: turn.note ?? `the ${loaded.conversation.personaMode} driver`,
        stateChanges: Object.entries(updates).map(([key, after]) => ({ key, before: before[key] ?? null, after })),
        directives: { ...turn.directives },
        ms: Math.round(performance.now() - t0),
      });
    }
    const outcome = await runModuleStage(stageInput(ctx.em, loaded, null), loaded.modules, "IMMEDIATE");
    prepared.trace.push(...outcome.trace);
    mergeDirectives(prepared.directives, outcome.directives);
    prepared.contents.push(...outcome.contents);
    if (outcome.memories.length > 0) {
      const target = { conversationId: loaded.conversation.dto.id, personaId: loaded.conversation.personaId };
      await storeMemories(ctx.em, { ...target, messageId: loaded.message.id }, outcome.memories);
    }
    return prepared;
  });
}

interface Generated {
  text: string;
  reasoning: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyMs: number;
  quickReplies: string[];
}

async function generate(
  deps: ContextDeps,
  run: RunRequest,
  loaded: Loaded,
  prepared: Prepared,
  onText: (text: string) => void,
): Promise<Generated> {
  const conversationId = loaded.conversation.dto.id;
  const scope = {
    variables: loaded.conversation.dto.variables,
    state: templateState(
      loaded.state,
      loaded.modules.map((m) => m.id),
    ),
    memories: loaded.memories.map(({ content, type, importance }) => ({ content, type, importance })),
  };
  const rendered = await renderTemplate(loaded.conversation.template, scope, "template");
  const system = [rendered, ...prepared.contents].filter((part) => part.trim().length > 0).join("\n\n");
  const history = await deps.orm.em.fork().execute<ChatTurn[]>(
    `select role, content from chat_messages where conversation_id = ? and seq < ? and status = 'complete'
        and role in ('user', 'assistant') order by seq desc limit ${HISTORY_SIZE}`,
    [conversationId, loaded.reply.seq],
  );
  history.reverse();

  let text = "";
  let reasoning = "";
  let lastPublished = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    lastPublished = Date.now();
    publish(conversationId, { type: "delta", messageId: loaded.reply.id, text, reasoning });
  };
  const onChunk = (chunk: ReplyChunk) => {
    if (chunk.type === "text") onText((text += chunk.text));
    else reasoning += chunk.text;
    const wait = DELTA_INTERVAL_MS - (Date.now() - lastPublished);
    if (wait <= 0) flush();
    else timer ??= setTimeout(flush, wait);
  };
  const timeoutMs = loaded.settings.timeoutMs ?? deps.config.llm.timeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const started = performance.now();
  try {
    const result = await providerFor(loaded.settings, deps.config).generate(
      {
        system,
        messages: history,
        directives: prepared.directives,
        settings: loaded.settings,
        signal: AbortSignal.any([run.signal, timeout]),
      },
      onChunk,
    );
    return {
      text: result.text,
      reasoning: result.reasoning,
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      latencyMs: Math.round(performance.now() - started),
      quickReplies: prepared.directives.quickReplies,
    };
  } catch (error) {
    if (timeout.aborted && !run.signal.aborted && !(error instanceof ProviderError)) {
      throw new ProviderError(`The model did not finish within ${Math.round(timeoutMs / 1000)} s; retry it`, "timeout");
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function store(
  deps: ContextDeps,
  run: RunRequest,
  loaded: Loaded,
  trace: ModuleTraceEntry[],
  generated: Generated,
): Promise<void> {
  const message = await inBackgroundUnit(deps, unitOf(run, loaded), async (ctx) => {
    const input = stageInput(ctx.em, loaded, generated.text);
    const outcome = await runModuleStage(input, loaded.modules, "POST_RESPONSE");
    const target = { conversationId: loaded.conversation.dto.id, personaId: loaded.conversation.personaId };
    const memories = [
      ...outcome.memories,
      ...extractMemories({ message: loaded.message.content, reply: generated.text }),
    ];
    if (memories.length > 0) await storeMemories(ctx.em, { ...target, messageId: loaded.reply.id }, memories);
    const [row] = await ctx.em.execute<Record<string, unknown>[]>(
      `update chat_messages m set content = ?, reasoning = ?, input_tokens = ?, output_tokens = ?, latency_ms = ?,
          trace = ?::jsonb, quick_replies = array(select jsonb_array_elements_text(?::jsonb)), status = 'complete',
          error = null, updated_at = now()
        where id = ? and status = 'streaming' returning ${MESSAGE_COLUMNS}`,
      [
        generated.text,
        generated.reasoning,
        generated.inputTokens,
        generated.outputTokens,
        generated.latencyMs,
        JSON.stringify([...trace, ...outcome.trace]),
        JSON.stringify(generated.quickReplies),
        loaded.reply.id,
      ],
    );
    if (!row) throw new ReplyGone();
    await ctx.em.execute("update conversations set updated_at = now() where id = ?", [target.conversationId]);
    return toMessageDTO(row);
  });
  publishMessage(message);
}

/** The reply was cancelled or deleted while it was written: nothing of stage 5 is kept. */
class ReplyGone extends Error {
  constructor() {
    super("the reply is no longer being written");
  }
}

/** Ends a run that did not complete: `incomplete` when stopped from outside, else `failed`; the user message stays. */
async function end(
  deps: ContextDeps,
  run: RunRequest,
  error: unknown,
  trace: ModuleTraceEntry[],
  partial: string,
): Promise<void> {
  if (error instanceof ReplyGone) return;
  const stopped = run.signal.aborted ? (run.signal.reason as StopReason) : null;
  const status = stopped ? "incomplete" : "failed";
  const reason = stopped === "shutdown" ? STOPPED_BY_SERVER : stopped ? CANCELLED : describeFailure(error, run);
  if (!stopped && !(error instanceof ProviderError) && !(error instanceof DomainError)) {
    deps.log.error({ err: error, replyId: run.replyId, requestId: run.requestId }, "a chat reply failed");
  }
  try {
    const [row] = await deps.orm.em.fork().execute<Record<string, unknown>[]>(
      `update chat_messages m set status = ?, error = ?, content = ?, trace = ?::jsonb, updated_at = now()
        where id = ? and status in ('pending', 'streaming') returning ${MESSAGE_COLUMNS}`,
      [status, reason, stopped ? partial : "", JSON.stringify(trace), run.replyId],
    );
    if (row) publishMessage(toMessageDTO(row));
  } catch (failure) {
    // The database is away: the reply stays `streaming` and recovery marks it incomplete at the next start.
    deps.log.error({ err: failure, replyId: run.replyId }, "could not record that a chat reply failed");
  }
}

function describeFailure(error: unknown, run: RunRequest): string {
  if (error instanceof ProviderError) return error.message;
  if (error instanceof DomainError && error.reason === "invalid_input") {
    return `The persona's template could not be rendered: ${error.message}. Fix the persona, then retry.`;
  }
  return `The reply could not be written (internal error; quote request id ${run.requestId}). Retry it.`;
}
