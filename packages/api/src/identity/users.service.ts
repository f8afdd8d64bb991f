import { User, type EntityManager, type IUser } from "@shortlist/db";
import type { AuthState, ProcedureContext } from "../context";
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

type Tx = Pick<ProcedureContext, "em" | "audit">;

const recordUser = (ctx: Tx, id: string, before: Record<string, unknown> | null, after: Record<string, unknown>) =>
  ctx.audit.record({ entity: { kind: "user", id }, before, after });

export async function createUser(ctx: Tx, input: CreateUserInput) {
  const { em } = ctx;
  if (await em.count(User, { email: input.email }))
    throw new Duplicate(`A user with the email ${input.email} already exists`, ["email"]);
  const user = em.create(User, {
    email: input.email,
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(input.password),
  });
  await em.flush();
  recordUser(ctx, user.id, null, { email: user.email, name: user.name, role: user.role });
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

export async function updateUser(ctx: Tx, input: UpdateUserInput, actor?: AuthState) {
  const { em } = ctx;
  if (input.role !== undefined || input.disabled !== undefined) await lockAdmins(em);
  const user = await em.findOneOrFail(User, input.id);
  if (user.version !== input.version) throw new StaleVersion("user");
  const losesAdmin =
    user.role === "admin" && !user.disabledAt && ((input.role && input.role !== "admin") || input.disabled === true);
  if (losesAdmin) await assertAnotherActiveAdmin(em, user);
  const seen = () => ({
    name: user.name,
    role: user.role,
    disabled: user.disabledAt !== null && user.disabledAt !== undefined,
  });
  const before = seen();

  if (input.name !== undefined) user.name = input.name;
  if (input.role !== undefined) user.role = input.role;
  if (input.password !== undefined) user.passwordHash = await hashPassword(input.password);
  if (input.disabled !== undefined) user.disabledAt = input.disabled ? (user.disabledAt ?? new Date()) : null;
  await em.flush();
  // Disabling or a new password ends the user's sessions at once; disabling also revokes
  // their API tokens for good, so enabling the user again does not bring old tokens back.
  if (input.disabled === true || input.password !== undefined) await endSessions(em, user.id, ownSession(actor, user));
  if (input.disabled === true) await revokeTokensOf(em, user.id);
  const after = seen();
  const keys = (Object.keys(after) as (keyof typeof after)[]).filter((key) => before[key] !== after[key]);
  recordUser(ctx, user.id, Object.fromEntries(keys.map((key) => [key, before[key]])), {
    ...Object.fromEntries(keys.map((key) => [key, after[key]])),
    // Never the password itself, nor its hash: only that it changed.
    ...(input.password !== undefined ? { passwordChanged: true } : {}),
  });
  return toUserDTO(user);
}

/** The caller's own session survives a change they make to their own account. */
const ownSession = (actor: AuthState | undefined, user: IUser) =>
  actor?.user.id === user.id ? actor.sessionId : undefined;

/** An admin sets a new password for someone (who then signs in with it); their sessions end. */
export async function resetPassword(ctx: Tx, input: ResetPasswordInput, actor: AuthState) {
  const { em } = ctx;
  const user = await em.findOneOrFail(User, input.id);
  user.passwordHash = await hashPassword(input.password);
  await em.flush();
  await endSessions(em, user.id, ownSession(actor, user));
  recordUser(ctx, user.id, null, { passwordReset: true, sessionsEnded: true });
  return toUserDTO(user);
}

/** An admin lifts every sign-in lock and count on an account (from every address); its sessions end. */
export async function unlockUser(ctx: Tx, id: string, actor: AuthState) {
  const { em } = ctx;
  const user = await em.findOneOrFail(User, id);
  await lockThrottleKeys(em, [accountKey(user.email)]);
  const cleared = await clearAccount(em, user.email);
  await endSessions(em, user.id, ownSession(actor, user));
  recordUser(ctx, user.id, null, { unlocked: true, clearedLocks: cleared, sessionsEnded: true });
  return { user: toUserDTO(user), clearedLocks: cleared };
}
