/**
 * The baseline's chat: `conversations.send` and `conversations.awaitReply` over a raw `pg` Pool, storing what
 * Shortlist stores for a message and its reply and nothing else. A send is one transaction: the conversation's row
 * locked, the user's message and the pending reply inserted (one statement), `last_seq` moved; after the commit
 * the reply is written (one UPDATE) in the background, one reply at a time per conversation and in order, as
 * Shortlist's engine does. No persona, modules, state, memories, prompt or audit: the raw cost of keeping the
 * messages, which is what Shortlist's engine is held against (bench/scenarios/conversations.ts).
 */
import { randomUUID } from "node:crypto";
import { EventEmitter, once } from "node:events";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import type pg from "pg";

/** What Shortlist's built-in provider says to a message when no module or driver asks for anything. */
export const BASELINE_REPLY = "Noted. Tell me more, or ask me anything about this conversation.";

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  role: string;
  content: string;
  reasoning: string | null;
  status: string;
  error: string | null;
  reply_to_id: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  latency_ms: number | null;
  trace: unknown[];
  quick_replies: string[];
  created_at: Date;
}

const toDTO = (r: MessageRow) => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: r.seq,
  role: r.role,
  content: r.content,
  reasoning: r.reasoning,
  status: r.status,
  error: r.error,
  replyToId: r.reply_to_id,
  inputTokens: r.input_tokens,
  outputTokens: r.output_tokens,
  latencyMs: r.latency_ms,
  trace: r.trace,
  quickReplies: r.quick_replies,
  createdAt: r.created_at,
});

const UNFINISHED = new Set(["pending", "streaming"]);
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const ok = (res: Response, data: unknown) => res.json({ result: { data: { json: data } } });
const fail = (res: Response, status: number, message: string) => res.status(status).json({ error: { message } });

function input(req: Request): Record<string, unknown> {
  const raw =
    typeof req.query.input === "string"
      ? (JSON.parse(req.query.input) as { json?: unknown })
      : (req.body as { json?: unknown });
  const value = raw?.json;
  if (typeof value !== "object" || value === null) throw new SyntaxError("input must be an object");
  return value as Record<string, unknown>;
}

/** Mounts the two routes on the baseline app, after its token check. */
export function mountConversations(app: Express, pool: pg.Pool) {
  const done = new EventEmitter();
  done.setMaxListeners(0);
  const queues = new Map<string, Promise<void>>();

  async function writeReply(reply: MessageRow, message: string, started: number) {
    const { rows } = await pool.query<MessageRow>(
      `update chat_messages set content = $2, status = 'complete', input_tokens = $3, output_tokens = $4,
              latency_ms = $5, updated_at = now()
        where id = $1 returning *`,
      [reply.id, BASELINE_REPLY, words(message), words(BASELINE_REPLY), Math.round(performance.now() - started)],
    );
    done.emit(reply.id, rows[0]);
  }

  /** One reply at a time per conversation, in the order the messages were stored. */
  function enqueue(reply: MessageRow, message: string) {
    const started = performance.now();
    const previous = queues.get(reply.conversation_id) ?? Promise.resolve();
    const next = previous
      .then(() => writeReply(reply, message, started))
      .catch((error: unknown) => console.error("baseline reply:", error));
    queues.set(reply.conversation_id, next);
    void next.then(() => {
      if (queues.get(reply.conversation_id) === next) queues.delete(reply.conversation_id);
    });
  }

  const writer = (res: Response) => res.locals.role === "admin" || res.locals.role === "recruiter";

  app.post(
    "/trpc/conversations.send",
    express.json({ limit: "1mb" }),
    async (req: Request, res: Response, next: NextFunction) => {
      let i: Record<string, unknown>;
      try {
        i = input(req);
      } catch (error) {
        return void fail(res, 400, (error as Error).message);
      }
      if (!writer(res)) return void fail(res, 403, "Forbidden");
      const content = typeof i.content === "string" ? i.content.trim() : "";
      if (typeof i.conversationId !== "string" || !content) return void fail(res, 400, "Write a message first");
      const db = await pool.connect();
      try {
        await db.query("begin");
        const { rows: locked } = await db.query<{ last_seq: number }>(
          "select last_seq from conversations where id = $1 for update",
          [i.conversationId],
        );
        if (!locked[0]) {
          await db.query("rollback");
          return void fail(res, 404, "Conversation not found");
        }
        const seq = locked[0].last_seq;
        const messageId = randomUUID();
        const { rows } = await db.query<MessageRow>(
          `insert into chat_messages (id, conversation_id, seq, role, content, status, reply_to_id, author_id)
           values ($1, $2, $3, 'user', $4, 'complete', null, $6), ($5, $2, $3 + 1, 'assistant', '', 'pending', $1, $6)
           returning *`,
          [messageId, i.conversationId, seq + 1, content, randomUUID(), res.locals.userId],
        );
        await db.query(
          "update conversations set last_seq = $2, last_message_at = now(), updated_at = now() where id = $1",
          [i.conversationId, seq + 2],
        );
        await db.query("commit");
        const [message, reply] = [...rows].sort((a, b) => a.seq - b.seq) as [MessageRow, MessageRow];
        enqueue(reply, content);
        ok(res, { message: toDTO(message), reply: toDTO(reply) });
      } catch (error) {
        await db.query("rollback").catch(() => {});
        next(error);
      } finally {
        db.release();
      }
    },
  );

  app.get("/trpc/conversations.awaitReply", async (req: Request, res: Response, next: NextFunction) => {
    let i: Record<string, unknown>;
    try {
      i = input(req);
    } catch (error) {
      return void fail(res, 400, (error as Error).message);
    }
    if (!writer(res)) return void fail(res, 403, "Forbidden");
    if (typeof i.messageId !== "string") return void fail(res, 400, "messageId is required");
    const timeoutMs = typeof i.timeoutMs === "number" ? Math.min(Math.max(i.timeoutMs, 0), 60_000) : 30_000;
    // Listening before reading: a reply written between the read and the wait is not missed.
    const abort = new AbortController();
    const written = once(done, i.messageId, { signal: abort.signal }).catch(() => null);
    try {
      const { rows } = await pool.query<MessageRow>("select * from chat_messages where id = $1", [i.messageId]);
      if (!rows[0]) return void fail(res, 404, "Message not found");
      let row = rows[0];
      if (UNFINISHED.has(row.status)) {
        const timer = setTimeout(() => abort.abort(), timeoutMs);
        const event = (await written) as [MessageRow] | null;
        clearTimeout(timer);
        if (event) row = event[0];
      }
      ok(res, toDTO(row));
    } catch (error) {
      next(error);
    } finally {
      abort.abort();
    }
  });
}
