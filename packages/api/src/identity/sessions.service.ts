import { Session, type EntityManager } from "@shortlist/db";

/** Ends every session of a user, but the one given (the caller's own, when they act on themselves). */
export async function endSessions(em: EntityManager, userId: string, keepSessionId?: string) {
  await em.nativeDelete(Session, keepSessionId ? { user: userId, id: { $ne: keepSessionId } } : { user: userId });
}
