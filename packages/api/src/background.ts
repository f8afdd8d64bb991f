/**
 * A unit of work outside a request (a chat reply generated after the request that asked for it, a worker's pass):
 * its own EntityManager fork and transaction, and the audit events it records written in that transaction with
 * the actor it names (the person whose request started the work, or the system), chained after the commit.
 */
import type { AuditActor, EntityManager } from "@shortlist/db";
import { AuditBuffer, chainCommitted, writeAudit, type AuditRecorder } from "./audit-trail";
import type { ContextDeps } from "./context";

export interface BackgroundContext extends ContextDeps {
  em: EntityManager;
  audit: AuditRecorder;
  requestId: string;
}

export interface BackgroundUnit {
  /** Recorded as the audit events' action, e.g. `conversations.reply`. */
  action: string;
  actor: AuditActor;
  /** The request that started the work, so its events and log lines can be matched to it. */
  requestId: string;
}

export async function inBackgroundUnit<T>(
  deps: ContextDeps,
  unit: BackgroundUnit,
  work: (ctx: BackgroundContext) => Promise<T>,
): Promise<T> {
  const audit = new AuditBuffer();
  let appended: Awaited<ReturnType<typeof writeAudit>> | undefined;
  const result = await deps.orm.em.fork().transactional(async (em) => {
    const result = await work({ ...deps, em, audit, requestId: unit.requestId });
    if (audit.records.length > 0 && !deps.auditOff) {
      const records = audit.records.map((record) => ({ ...record, actor: record.actor ?? unit.actor }));
      const auditCtx = { getAuth: async () => null, keyring: deps.keyring, requestId: unit.requestId, ip: null };
      appended = await writeAudit(auditCtx, em, unit.action, records);
    }
    return result;
  });
  if (appended && appended.size > 0) {
    await chainCommitted(deps.orm, appended).catch((error: unknown) =>
      deps.log.warn({ err: error, requestId: unit.requestId }, "audit events committed, chaining them failed"),
    );
  }
  return result;
}
