import { User, type EntityManager, type IUser } from "@shortlist/db";
import type { AuthState } from "../context";
import { Duplicate, InvalidInput, StaleVersion } from "../errors";
import { revokeTokensOf } from "./api-tokens.service";
import { toUserDTO } from "./mappers";
import { hashPassword } from "./passwords";
import type { CreateUserInput, ResetPasswordInput, UpdateUserInput } from "./schemas";
import { endSessions } from "./sessions.service";
import { accountKey, advisoryKey, clearAccount, lockThrottleKeys } from "./throttle.service";

export async function listUsers(em: EntityManager) {
  const users = await em.find(User, {}, { orderBy: { createdAt: "asc" } });
  return users.map(toUserDTO);
}

export async function createUser(em: EntityManager, input: CreateUserInput) {
  if (await em.count(User, { email: input.email }))
    throw new Duplicate(`A user with the email ${input.email} already exists`, ["email"]);
  const user = em.create(User, {
    email: input.email,
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(input.password),
  });
  await em.flush();
  return toUserDTO(user);
}

/**
 * Every change of a user's role or disabled state takes this lock first, so the
 * last-admin check below and the change are one step: two admins demoted at once
 * are checked one after the other, and the second is refused.
 */
export async function lockAdmins(em: EntityManager) {
  await em.execute("select pg_advisory_xact_lock(?::bigint)", [advisoryKey("shortlist.admins")]);
}

/** An admin may not demote or disable the last active admin: nobody could administer Shortlist. */
async function assertAnotherActiveAdmin(em: EntityManager, user: IUser) {
  const others = await em.count(User, { role: "admin", disabledAt: null, id: { $ne: user.id } });
  if (others === 0)
    throw new InvalidInput("This is the last active admin; make another admin first", {
      reason: "precondition_failed",
    });
}

export async function updateUser(em: EntityManager, input: UpdateUserInput, actor?: AuthState) {
  if (input.role !== undefined || input.disabled !== undefined) await lockAdmins(em);
  const user = await em.findOneOrFail(User, input.id);
  if (user.version !== input.version) throw new StaleVersion("user");
  const losesAdmin =
    user.role === "admin" && !user.disabledAt && ((input.role && input.role !== "admin") || input.disabled === true);
  if (losesAdmin) await assertAnotherActiveAdmin(em, user);

  if (input.name !== undefined) user.name = input.name;
  if (input.role !== undefined) user.role = input.role;
  if (input.password !== undefined) user.passwordHash = await hashPassword(input.password);
  if (input.disabled !== undefined) user.disabledAt = input.disabled ? (user.disabledAt ?? new Date()) : null;
  await em.flush();
  // Disabling or a new password ends the user's sessions at once; disabling also revokes
  // their API tokens for good, so enabling the user again does not bring old tokens back.
  if (input.disabled === true || input.password !== undefined) await endSessions(em, user.id, ownSession(actor, user));
  if (input.disabled === true) await revokeTokensOf(em, user.id);
  return toUserDTO(user);
}

/** The caller's own session survives a change they make to their own account. */
const ownSession = (actor: AuthState | undefined, user: IUser) =>
  actor?.user.id === user.id ? actor.sessionId : undefined;

/** An admin sets a new password for someone (who then signs in with it); their sessions end. */
export async function resetPassword(em: EntityManager, input: ResetPasswordInput, actor: AuthState) {
  const user = await em.findOneOrFail(User, input.id);
  user.passwordHash = await hashPassword(input.password);
  await em.flush();
  await endSessions(em, user.id, ownSession(actor, user));
  return toUserDTO(user);
}

/** An admin lifts every sign-in lock and count on an account (from every address); its sessions end. */
export async function unlockUser(em: EntityManager, id: string, actor: AuthState) {
  const user = await em.findOneOrFail(User, id);
  await lockThrottleKeys(em, [accountKey(user.email)]);
  const cleared = await clearAccount(em, user.email);
  await endSessions(em, user.id, ownSession(actor, user));
  return { user: toUserDTO(user), clearedLocks: cleared };
}
