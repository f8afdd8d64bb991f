/**
 * Conversations (issue #11 item 10, seed 004's plan): 100 conversations at once, each sending 10 messages one
 * after another through HTTP (`conversations.send`, then `conversations.awaitReply` until the reply is complete),
 * with the built-in provider. The baseline (baseline-conversations.ts) stores the same messages in raw pg. Figures
 * per side and round: messages answered per second, send → complete reply latency p50 / p99, the servers' CPU per
 * message. Afterwards every conversation is read back: no message lost, none out of order, every reply complete
 * and answering its own message; anything else fails the run.
 *
 * Two personas, each its own row: one with no modules (the engine's own cost), and one with two modules (an
 * IMMEDIATE module whose RE2 trigger fires on every message and adds its content to the prompt, and a
 * POST_RESPONSE JSONata script counting the conversation's messages in state, which the check reads back).
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { round, type Measured, type Round, type Row, type ScenarioContext } from "./context";
import { fetchJson } from "./http";

const CONVERSATIONS = 100;
const MESSAGES = 10;
const WARMUP = { conversations: 10, messages: 3 };
const CONTENT_PREFIX = "Bench message";
const COUNTER_KEY = "messages";
const SIDES = ["shortlist", "baseline"] as const;
type SideName = (typeof SIDES)[number];

interface ClientResult {
  failed: string | null;
  answered: number;
  seconds: number;
  p50: number;
  p99: number;
}

/** The client process (conversations-client.mjs): the conversations are driven from outside the servers' process. */
class ChatClients {
  #child: ChildProcess = fork(fileURLToPath(new URL("./conversations-client.mjs", import.meta.url)), [], {
    execArgv: [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  #next = 0;

  run(opts: { url: string; token: string; conversationIds: string[]; messages: number }): Promise<ClientResult> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const onMessage = (m: { id: number; result?: ClientResult; error?: string }) => {
        if (m.id !== id) return;
        this.#child.off("message", onMessage);
        this.#child.off("exit", onExit);
        if (m.error) reject(new Error(m.error));
        else resolve(m.result!);
      };
      const onExit = (code: number | null) => reject(new Error(`the chat clients exited (${code})`));
      this.#child.on("message", onMessage);
      this.#child.once("exit", onExit);
      this.#child.send({ id, opts: { ...opts, contentPrefix: CONTENT_PREFIX } });
    });
  }

  async close() {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.#child.once("exit", resolve));
    this.#child.disconnect();
    await exited;
  }
}

async function call<T>(ctx: ScenarioContext, path: string, input: unknown, url = ctx.shortlist.url): Promise<T> {
  const answer = (await fetchJson(`${url}/trpc/${path}`, ctx.token, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: input }),
  })) as { result: { data: { json: T } } };
  return answer.result.data.json;
}

async function query<T>(url: string, ctx: ScenarioContext, path: string, input: unknown): Promise<T> {
  const q = `input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const answer = (await fetchJson(`${url}/trpc/${path}?${q}`, ctx.token)) as { result: { data: { json: T } } };
  return answer.result.data.json;
}

/** `n` conversations with the persona, started through `conversations.start`, a few at a time. */
async function startConversations(ctx: ScenarioContext, personaId: string, n: number, title: string) {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 20) {
    const batch = Array.from({ length: Math.min(20, n - i) }, (_, j) =>
      call<{ conversation: { id: string } }>(ctx, "conversations.start", {
        personaId,
        title: `${title} ${i + j + 1}`,
        variables: { topic: "the benchmark" },
      }),
    );
    ids.push(...(await Promise.all(batch)).map((v) => v.conversation.id));
  }
  return ids;
}

interface Persona {
  label: string;
  id: string;
  /** The POST_RESPONSE module whose state counts the messages, when the persona has modules. */
  counterModuleId: string | null;
}

async function createPersonas(ctx: ScenarioContext): Promise<Persona[]> {
  const template = "You are a concise assistant talking about {{ variables.topic }}.";
  const plain = await call<{ id: string }>(ctx, "personas.create", {
    name: "Bench persona without modules",
    template,
    settings: { provider: "builtin" },
  });
  const immediate = await call<{ id: string }>(ctx, "chatModules.create", {
    name: "Bench tone",
    content: "Keep the reply short; the topic is {{ variables.topic }}.",
    type: "simple",
    triggerKind: "regex",
    triggerPattern: "(?i)\\bmessage\\b",
    executionContext: "IMMEDIATE",
  });
  const counter = await call<{ id: string }>(ctx, "chatModules.create", {
    name: "Bench message counter",
    type: "advanced",
    triggerKind: "always",
    script: `{ "state": { "${COUNTER_KEY}": ($exists(state.${COUNTER_KEY}) ? state.${COUNTER_KEY} : 0) + 1 } }`,
    executionContext: "POST_RESPONSE",
  });
  const withModules = await call<{ id: string }>(ctx, "personas.create", {
    name: "Bench persona with two modules",
    template,
    settings: { provider: "builtin" },
    moduleIds: [immediate.id, counter.id],
  });
  return [
    { label: "no modules", id: plain.id, counterModuleId: null },
    { label: "two modules", id: withModules.id, counterModuleId: counter.id },
  ];
}

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  role: string;
  status: string;
  content: string;
  reply_to_id: string | null;
}

/** Every conversation holds its messages 1..n in order, each answered by the reply right after it: else throws. */
async function checkConversations(ctx: ScenarioContext, ids: string[], messages: number, what: string) {
  const { rows } = await ctx.client.query<MessageRow>(
    `select id, conversation_id, seq, role, status, content, reply_to_id from chat_messages
      where conversation_id = any($1::uuid[]) order by conversation_id, seq`,
    [ids],
  );
  const byConversation = new Map<string, MessageRow[]>(ids.map((id) => [id, []]));
  for (const row of rows) byConversation.get(row.conversation_id)!.push(row);
  const problems: string[] = [];
  for (const [id, list] of byConversation) {
    const problem = (text: string) => problems.push(`${id}: ${text}`);
    list.forEach((m, i) => {
      if (m.seq !== i + 1) problem(`message ${i + 1} has seq ${m.seq} (a gap or a duplicate)`);
    });
    // An opening message (a persona's first message) answers nothing; every exchange after it is a pair.
    const exchanges = list.filter((m, i) => !(i === 0 && m.role === "assistant" && m.reply_to_id === null));
    const users = exchanges.filter((m) => m.role === "user");
    if (users.length !== messages) problem(`${users.length} user messages stored, ${messages} sent`);
    for (let i = 0; i < exchanges.length; i += 2) {
      const [message, reply] = [exchanges[i]!, exchanges[i + 1]];
      const k = i / 2 + 1;
      if (message.role !== "user" || message.content !== `${CONTENT_PREFIX} ${k} of ${messages}`)
        problem(`exchange ${k} starts with ${message.role} "${message.content.slice(0, 40)}"`);
      if (!reply || reply.role !== "assistant") problem(`exchange ${k} has no reply after its message`);
      else if (reply.reply_to_id !== message.id) problem(`reply ${reply.seq} answers ${reply.reply_to_id}`);
      else if (reply.status !== "complete" || !reply.content.trim()) problem(`reply ${reply.seq} is ${reply.status}`);
    }
  }
  if (problems.length)
    throw new Error(
      `conversations (${what}): ${problems.length} problems in the stored messages, e.g.\n  ${problems.slice(0, 10).join("\n  ")}`,
    );
}

/**
 * The counter module's state says how many replies ran their POST_RESPONSE stage: every one, once. A run that
 * stopped with an error (recorded in the reply's trace; the reply goes on without it) leaves the count one short;
 * any other difference is a lost or doubled state update, and fails the run. Answers the recorded errors.
 */
async function checkCounters(ctx: ScenarioContext, ids: string[], moduleId: string, messages: number, what: string) {
  const { rows } = await ctx.client.query<{ conversation_id: string; value: unknown }>(
    `select conversation_id, value from conversation_states
      where conversation_id = any($1::uuid[]) and module_id = $2 and key = $3`,
    [ids, moduleId, COUNTER_KEY],
  );
  const { rows: errors } = await ctx.client.query<{ conversation_id: string; error: string }>(
    `select m.conversation_id, e->>'error' as error from chat_messages m, jsonb_array_elements(m.trace) e
      where m.conversation_id = any($1::uuid[]) and e->>'moduleId' = $2 and e ? 'error'`,
    [ids, moduleId],
  );
  const count = (id: string) => rows.find((r) => r.conversation_id === id)?.value ?? 0;
  const failed = (id: string) => errors.filter((e) => e.conversation_id === id).length;
  const wrong = ids.filter((id) => count(id) !== messages - failed(id));
  if (wrong.length)
    throw new Error(
      `conversations (${what}): the counter module's state is not ${messages} less its failed runs in ${wrong.length} conversations, e.g. ${wrong[0]}: ${JSON.stringify(count(wrong[0]!))} with ${failed(wrong[0]!)} failed runs`,
    );
  return errors.map((e) => e.error);
}

const serverCpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

async function sendAll(
  ctx: ScenarioContext,
  clients: ChatClients,
  side: SideName,
  conversationIds: string[],
  messages: number,
): Promise<Measured> {
  const before = serverCpu();
  const r = await clients.run({ url: ctx[side].url, token: ctx.token, conversationIds, messages });
  const cpuMicros = serverCpu() - before;
  if (r.failed) throw new Error(`conversations (${side}): ${r.failed}`);
  if (r.answered !== conversationIds.length * messages)
    throw new Error(`conversations (${side}): ${r.answered} replies of ${conversationIds.length * messages}`);
  const oneDecimal = (n: number) => Math.round(n * 10) / 10;
  return {
    requestsPerSec: r.answered / r.seconds,
    p50: oneDecimal(r.p50),
    p99: oneDecimal(r.p99),
    total: r.answered,
    cpuMsPerRequest: cpuMicros / 1000 / r.answered,
  };
}

/** Both sides answer send and awaitReply with the same fields before anything is measured. */
async function checkShapes(ctx: ScenarioContext, personaId: string) {
  const shapes: string[] = [];
  for (const side of SIDES) {
    const [conversationId] = await startConversations(ctx, personaId, 1, `Bench shape check (${side})`);
    const url = ctx[side].url;
    const sent = await call<{ message: object; reply: { id: string } }>(
      ctx,
      "conversations.send",
      { conversationId, content: "Hello, is this thing on?" },
      url,
    );
    let reply = sent.reply as { id: string; status: string; content: string };
    while (reply.status === "pending" || reply.status === "streaming")
      reply = await query(url, ctx, "conversations.awaitReply", { messageId: sent.reply.id, timeoutMs: 30_000 });
    if (reply.status !== "complete") throw new Error(`conversations (${side}): the first reply is ${reply.status}`);
    ctx.log(`  ${side} replies: "${reply.content.slice(0, 80)}"`);
    shapes.push(`message: ${Object.keys(sent.message).sort().join()}; reply: ${Object.keys(reply).sort().join()}`);
  }
  if (shapes[0] !== shapes[1])
    throw new Error(`conversations: Shortlist answered ${shapes[0]}, the baseline ${shapes[1]}`);
}

export async function conversationsScenario(ctx: ScenarioContext): Promise<Row[]> {
  const personas = await createPersonas(ctx);
  await checkShapes(ctx, personas[0]!.id);
  const clients = new ChatClients();
  const rows: Row[] = [];
  try {
    for (const persona of personas) {
      const name = `conversations (${persona.label})`;
      const start = (n: number, title: string) => startConversations(ctx, persona.id, n, `${name} ${title}`);
      for (const side of SIDES)
        await sendAll(ctx, clients, side, await start(WARMUP.conversations, `warm-up ${side}`), WARMUP.messages);
      const rounds: Round[] = [];
      const used: Record<SideName, string[]> = { shortlist: [], baseline: [] };
      for (let r = 0; r < ctx.settings.rounds; r++) {
        const figures = {} as Record<SideName, Measured>;
        // Alternating which side goes first, so that a drift on the machine falls on both alike.
        for (const side of r % 2 ? [...SIDES].reverse() : SIDES) {
          const ids = await start(CONVERSATIONS, `r${r + 1} ${side}`);
          used[side].push(...ids);
          const m = (figures[side] = await sendAll(ctx, clients, side, ids, MESSAGES));
          ctx.log(
            `  ${name.slice(0, 34).padEnd(34)} r${r + 1} ${side.padEnd(9)} ${m.requestsPerSec.toFixed(0).padStart(6)} msg/s  p50 ${m.p50} ms  p99 ${m.p99} ms  cpu ${m.cpuMsPerRequest.toFixed(2)} ms/msg`,
          );
        }
        rounds.push(round(figures.shortlist, figures.baseline));
      }
      for (const side of SIDES) await checkConversations(ctx, used[side], MESSAGES, `${persona.label}, ${side}`);
      const moduleErrors = persona.counterModuleId
        ? await checkCounters(ctx, used.shortlist, persona.counterModuleId, MESSAGES, persona.label)
        : [];
      if (moduleErrors.length)
        ctx.log(`  ${name}: ${moduleErrors.length} counter module runs stopped with an error, e.g. ${moduleErrors[0]}`);
      ctx.log(
        `  ${name}: ${used.shortlist.length + used.baseline.length} conversations checked, none lost or reordered`,
      );
      rows.push({
        scenario: name,
        rounds,
        // The issue's target holds the engine itself (no modules) against the raw inserts.
        target: persona.counterModuleId ? undefined : { op: ">=", value: 0.3 },
        ratioOf: "messages answered per second (sent, and the reply complete), Shortlist's over the baseline's",
        note: `${CONVERSATIONS} conversations at once, ${MESSAGES} messages each one after another (send, then awaitReply until complete), built-in provider; p50 / p99 are send → complete reply; the baseline only stores the messages and the reply (no persona, prompt, modules, state, memories or audit); every conversation is read back afterwards (seqs gap-free, each reply right after its message and answering it)${persona.counterModuleId ? `; the counter module's state reads ${MESSAGES} in every Shortlist conversation, less its runs that stopped with an error (${moduleErrors.length} of ${used.shortlist.length * MESSAGES}${moduleErrors.length ? `, e.g. "${moduleErrors[0]}"` : ""})` : ""}`,
      });
    }
  } finally {
    await clients.close();
  }
  return rows;
}
