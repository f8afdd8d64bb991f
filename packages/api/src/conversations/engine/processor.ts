/**
 * Runs replies in the background, one conversation at a time in order and different conversations side by side.
 * One processor per ORM (per server): `processorFor(deps)`. A kick drains the conversation's `pending` replies,
 * lowest seq first; at most MAX_GENERATING replies are generated at once, the rest wait for a slot.
 */
import { randomUUID } from "node:crypto";
import type { MikroORM } from "@shortlist/db";
import type { ContextDeps } from "../../context";
import { runReply, type StopReason } from "./pipeline";

const MAX_GENERATING = 32;
/** How long `stop()` waits for running replies to record that they stopped. */
const STOP_GRACE_MS = 5_000;

interface Running {
  conversationId: string;
  controller: AbortController;
  done: Promise<void>;
}

export class Processor {
  private readonly chains = new Map<string, Promise<void>>();
  /** Conversations with a drain queued that has not started yet: a further kick joins it. */
  private readonly queued = new Set<string>();
  private readonly running = new Map<string, Running>();
  private readonly waiting: (() => void)[] = [];
  private generating = 0;
  private stopped = false;
  /** Aborted at server stop: live event streams end with it. */
  readonly shutdown = new AbortController();

  constructor(private readonly deps: ContextDeps) {}

  /** Generates the conversation's pending replies (after any run already under way for it). */
  kick(conversationId: string, requestId: string = randomUUID()): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const current = this.chains.get(conversationId);
    if (current && this.queued.has(conversationId)) return current;
    this.queued.add(conversationId);
    const next = (current ?? Promise.resolve())
      .then(() => {
        this.queued.delete(conversationId);
        return this.drain(conversationId, requestId);
      })
      .catch((error: unknown) =>
        this.deps.log.error({ err: error, conversationId, requestId }, "generating the conversation's replies failed"),
      );
    this.chains.set(conversationId, next);
    void next.finally(() => {
      if (this.chains.get(conversationId) === next) this.chains.delete(conversationId);
    });
    return next;
  }

  /** Stops a reply being generated here; resolves once it has recorded how it ended. False when none runs here. */
  async cancel(replyId: string): Promise<boolean> {
    const run = this.running.get(replyId);
    if (!run) return false;
    run.controller.abort("cancelled" satisfies StopReason);
    await run.done;
    return true;
  }

  /** Stops every reply of the conversation being generated here (e.g. the conversation is being deleted). */
  cancelConversation(conversationId: string): void {
    for (const run of this.running.values())
      if (run.conversationId === conversationId) run.controller.abort("cancelled" satisfies StopReason);
  }

  isRunning(replyId: string): boolean {
    return this.running.has(replyId);
  }

  /** Server stop: no new work; running replies are aborted and marked incomplete (bounded wait). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.shutdown.abort();
    for (const run of this.running.values()) run.controller.abort("shutdown" satisfies StopReason);
    for (const wake of this.waiting.splice(0)) wake();
    const all = Promise.allSettled([...this.chains.values()]);
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
  }

  private async drain(conversationId: string, requestId: string): Promise<void> {
    let previous: string | null = null;
    while (!this.stopped) {
      const em = this.deps.orm.em.fork();
      const [next] = await em.execute<{ id: string }[]>(
        `select id from chat_messages where conversation_id = ? and status = 'pending' and role = 'assistant'
          order by seq limit 1`,
        [conversationId],
      );
      // The same reply twice: its run could not record an outcome (e.g. the database went away); recovery retries it.
      if (!next || next.id === previous) return;
      previous = next.id;
      await this.acquire();
      if (this.stopped) return this.release();
      const controller = new AbortController();
      const done = runReply(this.deps, { replyId: next.id, requestId, signal: controller.signal }).finally(() => {
        this.running.delete(next.id);
        this.release();
      });
      this.running.set(next.id, { conversationId, controller, done });
      await done;
    }
  }

  private async acquire(): Promise<void> {
    if (this.generating < MAX_GENERATING) {
      this.generating++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.generating++;
  }

  private release(): void {
    this.generating--;
    this.waiting.shift()?.();
  }
}

const processors = new WeakMap<MikroORM, Processor>();

export function processorFor(deps: ContextDeps): Processor {
  let processor = processors.get(deps.orm);
  if (!processor) {
    const { orm, config, log, keyring, auditOff } = deps;
    processor = new Processor({ orm, config, log, keyring, ...(auditOff ? { auditOff } : {}) });
    processors.set(deps.orm, processor);
  }
  return processor;
}
