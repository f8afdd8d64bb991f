/**
 * At server start: replies a stopped server left `streaming` become `incomplete` (their user message is kept and
 * they can be retried), and the conversations with `pending` replies are kicked so those get written.
 */
import type { ContextDeps } from "../../context";
import { MESSAGE_COLUMNS, toMessageDTO } from "../mappers";
import { publishMessage } from "./events";
import { STOPPED_BY_SERVER } from "./pipeline";
import { processorFor } from "./processor";

export async function recoverConversations(deps: ContextDeps): Promise<{ incomplete: number; resumed: number }> {
  const em = deps.orm.em.fork();
  const interrupted = await em.execute<Record<string, unknown>[]>(
    `update chat_messages m set status = 'incomplete', error = ?, updated_at = now()
      where status = 'streaming' returning ${MESSAGE_COLUMNS}`,
    [STOPPED_BY_SERVER],
  );
  for (const row of interrupted) publishMessage(toMessageDTO(row));
  const pending = await em.execute<{ conversation_id: string }[]>(
    "select distinct conversation_id from chat_messages where status = 'pending'",
  );
  const processor = processorFor(deps);
  for (const { conversation_id } of pending) void processor.kick(conversation_id);
  if (interrupted.length > 0 || pending.length > 0) {
    deps.log.info(
      { incomplete: interrupted.length, resumed: pending.length },
      "chat replies: interrupted ones marked incomplete, pending ones resumed",
    );
  }
  return { incomplete: interrupted.length, resumed: pending.length };
}

/** Server stop: running replies are stopped (kept as incomplete) and live event streams end. */
export function stopConversations(deps: Pick<ContextDeps, "orm" | "config" | "log" | "keyring">): Promise<void> {
  return processorFor(deps).stop();
}
