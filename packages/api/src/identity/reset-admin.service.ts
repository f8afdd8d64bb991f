import { randomBytes } from "node:crypto";
import { appendEvents, User, type EntityManager } from "@shortlist/db";
import { hashPassword } from "./passwords";
import { endSessions } from "./sessions.service";
import { accountKey, clearAccount, lockThrottleKeys } from "./throttle.service";
import { lockAdmins } from "./users.service";

export interface ResetAdminResult {
  outcome: "created" | "reset";
  email: string;
  /** Set when no password was given: the generated one, to be shown once. */
  generatedPassword?: string;
}

/** Run on the server's machine, outside any request: the trail names the command as the actor. */
const recordReset = (
  em: EntityManager,
  id: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
) =>
  appendEvents(em, [
    {
      actor: { type: "system", id: null, label: "npm run users:reset-admin" },
      action: "users.resetAdmin",
      entity: { kind: "user", id },
      subjectId: null,
      requestId: null,
      ip: null,
      change: { before, after: { ...after, passwordReset: true } },
    },
  ]);

/**
 * The operator's way back in (npm run users:reset-admin): makes the user with this email an
 * enabled admin with a new password, creating them if need be. Their sessions and sign-in locks end.
 * Runs in the caller's transaction, under the same lock as every change of an admin.
 */
export async function resetAdmin(em: EntityManager, email: string, password?: string): Promise<ResetAdminResult> {
  const generatedPassword = password ? undefined : randomBytes(18).toString("base64url");
  const passwordHash = await hashPassword(password ?? generatedPassword!);
  await lockAdmins(em);
  await lockThrottleKeys(em, [accountKey(email)]);
  const user = await em.findOne(User, { email });
  if (!user) {
    const created = em.create(User, { email, name: "Administrator", role: "admin", passwordHash });
    await em.flush();
    await recordReset(em, created.id, null, { email, name: created.name, role: "admin" });
    return { outcome: "created", email, generatedPassword };
  }
  const before = { role: user.role, disabled: user.disabledAt != null };
  user.role = "admin";
  user.disabledAt = null;
  user.passwordHash = passwordHash;
  await em.flush();
  await endSessions(em, user.id);
  await clearAccount(em, email);
  await recordReset(em, user.id, before, { role: "admin", disabled: false, sessionsEnded: true });
  return { outcome: "reset", email, generatedPassword };
}
