import { TRPCError } from "@trpc/server";
import { ApiToken, Session, User, type EntityManager, type IUser } from "@shortlist/db";
import type { Config } from "@shortlist/config";
import type { AuthState, ProcedureContext } from "../context";
import { Conflict, TooManyAttempts } from "../errors";
import { hashPassword, verifyPassword } from "./passwords";
import type { LoginInput, SetupInput } from "./schemas";
import { clearFailures, lockedUntil, recordFailure } from "./throttle";
import { hashToken, newSecretToken } from "./tokens";

/** Last-seen stamps are written at most this often, so reads stay reads. */
const TOUCH_INTERVAL_MS = 60_000;

const toAuthUser = (user: IUser) => ({ id: user.id, email: user.email, name: user.name, role: user.role });

export async function resolveAuth(
  em: EntityManager,
  config: Config,
  credentials: { sessionToken: string | null; bearerToken: string | null },
): Promise<AuthState | null> {
  const now = new Date();
  if (credentials.bearerToken) {
    const token = await em.findOne(ApiToken, { tokenHash: hashToken(credentials.bearerToken) }, { populate: ["user"] });
    if (!token || token.revokedAt || token.user.disabledAt) return null;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await em.nativeUpdate(ApiToken, { id: token.id }, { lastUsedAt: now });
    }
    return { user: toAuthUser(token.user), via: "token", tokenId: token.id };
  }
  if (credentials.sessionToken) {
    const session = await em.findOne(Session, { tokenHash: hashToken(credentials.sessionToken) }, { populate: ["user"] });
    if (!session) return null;
    const idleExpired = now.getTime() - session.lastSeenAt.getTime() > config.auth.sessionIdleMs;
    if (idleExpired || session.expiresAt <= now || session.user.disabledAt) {
      await em.nativeDelete(Session, { id: session.id });
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await em.nativeUpdate(Session, { id: session.id }, { lastSeenAt: now });
    }
    return { user: toAuthUser(session.user), via: "session", sessionId: session.id };
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
  user.lastLoginAt = now;
  await ctx.em.flush();
  ctx.cookies.setSession(token, expiresAt);
  return toAuthUser(user);
}

export async function login(ctx: ProcedureContext, input: LoginInput) {
  const { auth } = ctx.config;
  const now = new Date();
  const accountKey = `account:${input.email}`;
  const rules = [{ key: accountKey, maxFailures: auth.maxFailuresPerAccount }];
  if (ctx.ip) rules.push({ key: `address:${ctx.ip}`, maxFailures: auth.maxFailuresPerAddress });

  const locked = await lockedUntil(ctx.em, rules.map((r) => r.key), now);
  if (locked) throw new TooManyAttempts(locked);

  const user = await ctx.em.findOne(User, { email: input.email }, { populate: ["passwordHash"] });
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !passwordOk) {
    // Its own transaction: the failure must count even though this call's transaction rolls back.
    await ctx.orm.em.fork().transactional((em) => recordFailure(em, rules, auth.lockoutMs, now));
    throw new TRPCError({ code: "UNAUTHORIZED", message: "The email or password is wrong" });
  }
  if (user.disabledAt) throw new TRPCError({ code: "FORBIDDEN", message: "This account is disabled; ask an admin" });
  await clearFailures(ctx.em, accountKey);
  return startSession(ctx, user);
}

export async function logout(ctx: ProcedureContext) {
  if (ctx.sessionToken) await ctx.em.nativeDelete(Session, { tokenHash: hashToken(ctx.sessionToken) });
  ctx.cookies.clearSession();
}

/** Serialises first-admin creation, so two setup screens racing create one admin. */
async function lockSetup(em: EntityManager) {
  await em.getConnection().execute("select pg_advisory_xact_lock(hashtext('shortlist.first-admin'))");
}

export async function needsSetup(em: EntityManager) {
  return (await em.count(User, {})) === 0;
}

export async function setup(ctx: ProcedureContext, input: SetupInput) {
  await lockSetup(ctx.em);
  if (!(await needsSetup(ctx.em))) throw new Conflict("Shortlist is already set up; sign in instead");
  const admin = ctx.em.create(User, {
    email: input.email,
    name: input.name,
    role: "admin",
    passwordHash: await hashPassword(input.password),
  });
  return startSession(ctx, admin);
}

/** At start: when no user exists and SHORTLIST_ADMIN_EMAIL/PASSWORD are set, create that admin. */
export async function ensureBootstrapAdmin(em: EntityManager, config: Config): Promise<"created" | "exists" | "skipped"> {
  const admin = config.bootstrapAdmin;
  if (!admin) return "skipped";
  return em.transactional(async (tx) => {
    await lockSetup(tx);
    if (!(await needsSetup(tx))) return "exists";
    tx.create(User, {
      email: admin.email.toLowerCase(),
      name: "Administrator",
      role: "admin",
      passwordHash: await hashPassword(admin.password),
    });
    return "created";
  });
}
