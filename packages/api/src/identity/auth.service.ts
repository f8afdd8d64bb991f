import { TRPCError } from "@trpc/server";
import { ApiToken, appendEvents, nativeQuery, Session, User, type EntityManager, type IUser } from "@shortlist/db";
import type { Config } from "@shortlist/config";
import type { AuthState, ProcedureContext } from "../context";
import { Conflict, InvalidInput, keepingWrites, TooManyAttempts } from "../errors";
import { hashPassword, verifyPassword } from "./passwords";
import type { ChangePasswordInput, LoginInput, SetupInput } from "./schemas";
import { endSessions } from "./sessions.service";
import { clearFailures, lockedUntil, lockThrottleKeys, recordFailure, throttleKeys } from "./throttle.service";
import { hashToken, newSecretToken } from "./tokens";

/** Last-seen stamps are written at most this often, so reads stay reads. */
const TOUCH_INTERVAL_MS = 60_000;

interface AuthRow {
  id: string;
  email: string;
  name: string;
  role: IUser["role"];
  /** The api_tokens or sessions row. */
  credential_id: string;
  /** Its last-used / last-seen stamp is older than TOUCH_INTERVAL_MS. */
  stale: boolean;
  /** Sessions only: idle too long, past its absolute end, or its user disabled. */
  expired?: boolean;
}

type AuthedContext = ProcedureContext & { auth: AuthState };

const toAuthUser = (user: Pick<IUser, "id" | "email" | "name" | "role">) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
});

/**
 * Runs on every authenticated call, so it is one plain query per credential
 * (no entity hydration: loading the token and its user as entities was the
 * largest single CPU cost of a call, see BENCHMARKS.md).
 */
export async function resolveAuth(
  em: EntityManager,
  config: Config,
  credentials: { sessionToken: string | null; bearerToken: string | null },
): Promise<AuthState | null> {
  const now = new Date();
  const touchBefore = new Date(now.getTime() - TOUCH_INTERVAL_MS);
  if (credentials.bearerToken) {
    // Prepared (planned once per connection): this join runs before every call.
    const [row] = await nativeQuery<AuthRow>(
      em,
      `select u.id, u.email, u.name, u.role, t.id as credential_id,
              (t.last_used_at is null or t.last_used_at < $1) as stale
         from api_tokens t join users u on u.id = t.user_id
        where t.token_hash = $2 and t.revoked_at is null and u.disabled_at is null`,
      [touchBefore, hashToken(credentials.bearerToken)],
      { prepared: true },
    );
    if (!row) return null;
    if (row.stale) await em.nativeUpdate(ApiToken, { id: row.credential_id }, { lastUsedAt: now });
    return { user: toAuthUser(row), via: "token", tokenId: row.credential_id };
  }
  if (credentials.sessionToken) {
    const [row] = await nativeQuery<AuthRow>(
      em,
      `select u.id, u.email, u.name, u.role, s.id as credential_id,
              (s.last_seen_at < $1) as stale,
              (s.last_seen_at < $2 or s.expires_at <= $3 or u.disabled_at is not null) as expired
         from sessions s join users u on u.id = s.user_id
        where s.token_hash = $4`,
      [touchBefore, new Date(now.getTime() - config.auth.sessionIdleMs), now, hashToken(credentials.sessionToken)],
      { prepared: true },
    );
    if (!row) return null;
    if (row.expired) {
      await em.nativeDelete(Session, { id: row.credential_id });
      return null;
    }
    if (row.stale) await em.nativeUpdate(Session, { id: row.credential_id }, { lastSeenAt: now });
    return { user: toAuthUser(row), via: "session", sessionId: row.credential_id };
  }
  return null;
}

async function startSession(ctx: ProcedureContext, user: IUser) {
  const token = newSecretToken("");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ctx.config.auth.sessionAbsoluteMs);
  ctx.em.create(Session, {
    tokenHash: hashToken(token),
    user,
    lastSeenAt: now,
    expiresAt,
    ip: ctx.ip?.slice(0, 64) ?? null,
    userAgent: ctx.userAgent?.slice(0, 512) ?? null,
  });
  await ctx.em.flush();
  // Plain SQL: MikroORM's nativeUpdate bumps the version, and signing in must not make an admin's open edit stale.
  await ctx.em.execute("update users set last_login_at = ? where id = ?", [now, user.id]);
  ctx.cookies.setSession(token, expiresAt);
  return toAuthUser(user);
}

const WRONG_CREDENTIALS = "The email or password is wrong";

/**
 * Checks a password under the sign-in throttle: attempts sharing a key run one after another,
 * a locked key is refused before the password is looked at, and a failure is counted in the
 * call's transaction, which commits although the call is refused. A disabled account answers
 * exactly as a wrong password does, so a guesser learns nothing from it.
 */
async function checkPassword(ctx: ProcedureContext, email: string, password: string, wrong: () => Error) {
  const now = new Date();
  const keys = throttleKeys(email, ctx.ip);
  await lockThrottleKeys(ctx.em, keys);
  const locked = await lockedUntil(ctx.em, keys, now);
  if (locked) throw new TooManyAttempts(locked);

  const user = await ctx.em.findOne(User, { email }, { populate: ["passwordHash"] });
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !passwordOk || user.disabledAt) {
    await recordFailure(ctx.em, keys, ctx.config.auth, now);
    // Committed with the failure count; the trail says why, the caller learns nothing.
    ctx.audit.record({
      entity: { kind: "user", id: user?.id ?? null },
      after: {
        outcome: "failure",
        email,
        why: !user ? "unknown_email" : user.disabledAt ? "disabled" : "wrong_password",
      },
    });
    throw keepingWrites(wrong());
  }
  await clearFailures(ctx.em, keys);
  return user;
}

export async function login(ctx: ProcedureContext, input: LoginInput) {
  const user = await checkPassword(
    ctx,
    input.email,
    input.password,
    () => new TRPCError({ code: "UNAUTHORIZED", message: WRONG_CREDENTIALS }),
  );
  const signedIn = await startSession(ctx, user);
  ctx.audit.record({
    entity: { kind: "user", id: user.id },
    actor: { type: "user", id: user.id, label: user.email },
    after: { outcome: "success", email: user.email },
  });
  return signedIn;
}

/** A signed-in user's own new password; their other sessions end, this one stays. */
export async function changePassword(ctx: AuthedContext, input: ChangePasswordInput) {
  if (ctx.auth.via !== "session")
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Change your password from a signed-in session, not with an API token",
    });
  const user = await checkPassword(ctx, ctx.auth.user.email, input.currentPassword, () =>
    InvalidInput.field("currentPassword", "The current password is wrong"),
  );
  user.passwordHash = await hashPassword(input.newPassword);
  await ctx.em.flush();
  await endSessions(ctx.em, user.id, ctx.auth.sessionId);
  ctx.audit.record({
    entity: { kind: "user", id: user.id },
    after: { passwordChanged: true, otherSessionsEnded: true },
  });
  return { changed: true };
}

export async function logout(ctx: ProcedureContext) {
  if (ctx.sessionToken) {
    const ended = await ctx.em.execute<{ id: string; user_id: string; email: string }[]>(
      "delete from sessions s using users u where s.token_hash = ? and u.id = s.user_id returning s.id, s.user_id, u.email",
      [hashToken(ctx.sessionToken)],
    );
    // The session is gone before the event is written, so the actor is named here rather than looked up then.
    for (const session of ended)
      ctx.audit.record({
        entity: { kind: "user", id: session.user_id },
        actor: { type: "user", id: session.user_id, label: session.email },
        after: { signedOut: true, sessionId: session.id },
      });
  }
  ctx.cookies.clearSession();
}

/** Serialises first-admin creation, so two setup screens racing create one admin. */
async function lockSetup(em: EntityManager) {
  await em.execute("select pg_advisory_xact_lock(hashtext('shortlist.first-admin'))");
}

export async function needsSetup(em: EntityManager) {
  return (await em.count(User, {})) === 0;
}

export async function setup(ctx: ProcedureContext, input: SetupInput) {
  await lockSetup(ctx.em);
  if (!(await needsSetup(ctx.em)))
    throw new Conflict("Shortlist is already set up; sign in instead", "precondition_failed");
  const admin = ctx.em.create(User, {
    email: input.email,
    name: input.name,
    role: "admin",
    passwordHash: await hashPassword(input.password),
  });
  const signedIn = await startSession(ctx, admin);
  ctx.audit.record({
    entity: { kind: "user", id: admin.id },
    after: { email: admin.email, name: admin.name, role: admin.role, firstAdmin: true },
  });
  return signedIn;
}

/** At start: when no user exists and SHORTLIST_ADMIN_EMAIL/PASSWORD are set, create that admin. */
export async function ensureBootstrapAdmin(
  em: EntityManager,
  config: Config,
): Promise<"created" | "exists" | "skipped"> {
  const admin = config.bootstrapAdmin;
  if (!admin) return "skipped";
  return em.transactional(async (tx) => {
    await lockSetup(tx);
    if (!(await needsSetup(tx))) return "exists";
    const user = tx.create(User, {
      email: admin.email.toLowerCase(),
      name: "Administrator",
      role: "admin",
      passwordHash: await hashPassword(admin.password),
    });
    await tx.flush();
    await appendEvents(tx, [
      {
        actor: { type: "system", id: null, label: "server start (SHORTLIST_ADMIN_EMAIL)" },
        action: "users.bootstrapAdmin",
        entity: { kind: "user", id: user.id },
        subjectId: null,
        requestId: null,
        ip: null,
        change: { before: null, after: { email: user.email, name: user.name, role: user.role, firstAdmin: true } },
      },
    ]);
    return "created";
  });
}
