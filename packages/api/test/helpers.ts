/** Test helpers: a config for a test database, tRPC callers for anonymous and signed-in users, error shapes. */
import { randomBytes, randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import pino from "pino";
import { loadConfig, type Config, type DatabaseConfig } from "@shortlist/config";
import { User, type MikroORM, type UserRole } from "@shortlist/db";
import { appRouter, createCallerFactory, createRequestContext, hashPassword, type ContextDeps } from "@shortlist/api";

export const PASSWORD = "correct horse battery staple";

export function testConfig(db: DatabaseConfig, env: Record<string, string> = {}): Config {
  return loadConfig(
    {
      NODE_ENV: "test",
      POSTGRES_HOST: db.host,
      POSTGRES_PORT: String(db.port),
      POSTGRES_USER: db.user,
      POSTGRES_PASSWORD: db.password,
      POSTGRES_DB: db.dbName,
      LOG_LEVEL: "silent",
      ...env,
    },
    { readFiles: false },
  );
}

export function testDeps(db: { orm: MikroORM; config: DatabaseConfig }, env: Record<string, string> = {}): ContextDeps {
  return { orm: db.orm, config: testConfig(db.config, env), log: pino({ level: "silent" }) };
}

/** What the session cookie writer received, as a browser would keep it. */
export interface CookieJar {
  session: string | null;
  expiresAt: Date | null;
}

export interface CallerOptions {
  sessionToken?: string | null;
  bearerToken?: string | null;
  ip?: string | null;
  jar?: CookieJar;
}

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

/** Every call gets a fresh request context, as every HTTP request would. */
export function callerFor(deps: ContextDeps, options: CallerOptions = {}): Caller {
  const jar = options.jar ?? { session: null, expiresAt: null };
  return createCaller(() =>
    createRequestContext(
      deps,
      { sessionToken: options.sessionToken ?? null, bearerToken: options.bearerToken ?? null },
      {
        requestId: randomUUID(),
        ip: options.ip === undefined ? "127.0.0.1" : options.ip,
        userAgent: "vitest",
        cookies: {
          setSession: (token, expiresAt) => Object.assign(jar, { session: token, expiresAt }),
          clearSession: () => Object.assign(jar, { session: null, expiresAt: null }),
        },
      },
    ),
  );
}

export async function createUser(orm: MikroORM, role: UserRole, password = PASSWORD) {
  const em = orm.em.fork();
  const email = `${role}-${randomBytes(4).toString("hex")}@example.com`;
  const user = em.create(User, { email, name: `Test ${role}`, role, passwordHash: await hashPassword(password) });
  await em.flush();
  return { id: user.id, email, password };
}

/** Signs in over `auth.login`; returns the session token the cookie writer received. */
export async function signIn(deps: ContextDeps, email: string, password = PASSWORD, ip = "127.0.0.1") {
  const jar: CookieJar = { session: null, expiresAt: null };
  await callerFor(deps, { jar, ip }).auth.login({ email, password });
  if (!jar.session) throw new Error("auth.login set no session cookie");
  return jar.session;
}

/** A new user of the role, signed in with a session. */
export async function signedIn(deps: ContextDeps, role: UserRole) {
  const user = await createUser(deps.orm, role);
  const sessionToken = await signIn(deps, user.email);
  return { user, sessionToken, caller: callerFor(deps, { sessionToken }) };
}

/** The TRPCError a call fails with; fails the test if the call succeeds. */
export async function rejection(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("Expected the call to fail, but it succeeded");
}

/** What an HTTP client would read for this error (the router's errorFormatter applied). */
export function errorShape(error: TRPCError) {
  return getErrorShape({
    config: appRouter._def._config,
    error,
    type: "unknown",
    path: undefined,
    input: undefined,
    ctx: undefined,
  });
}

/** Calls a procedure by its dotted path (for walks over the whole router). */
export function callPath(caller: Caller, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const key of path.split(".")) target = (target as Record<string, unknown>)[key];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

export async function rowCounts(orm: MikroORM, tables: readonly string[]) {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from ${table}`);
    counts[table] = Number(row?.n);
  }
  return counts;
}
