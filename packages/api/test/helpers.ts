/**
 * Test helpers: a test database with the API's deps (useTestApi), configs, tRPC callers for
 * anonymous and signed-in users, error shapes.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import { databaseEnv, loadConfig, type Config, type DatabaseConfig } from "@shortlist/config";
import { User, type MikroORM, type UserRole } from "@shortlist/db";
import { testKeyring, useTestDatabase, type TestDatabase } from "@shortlist/db/testing";
import { appRouter, createCallerFactory, createRequestContext, hashPassword, type ContextDeps } from "@shortlist/api";

export const PASSWORD = "correct horse battery staple";

export function testConfig(db: DatabaseConfig, env: Record<string, string> = {}): Config {
  return loadConfig(
    {
      NODE_ENV: "test",
      ...databaseEnv(db),
      LOG_LEVEL: "silent",
      ...env,
    },
    { readFiles: false },
  );
}

export function testDeps(db: { orm: MikroORM; config: DatabaseConfig }, env: Record<string, string> = {}): ContextDeps {
  return { orm: db.orm, config: testConfig(db.config, env), log: pino({ level: "silent" }), keyring: testKeyring() };
}

export interface TestApiOptions {
  /** Configuration overrides for both the database (`orm`) and `deps.config`, e.g. `{ DB_POOL_MAX: "2" }`. */
  env?: Record<string, string>;
  /** Makes a temporary SHORTLIST_DATA_DIR with this prefix, removed after the file. */
  dataDir?: string;
}

export interface TestApi {
  /** The file's database; see `useTestDatabase` in `@shortlist/db/testing`. */
  db: TestDatabase;
  /** What the server's procedures get; its properties are readable once `beforeAll` has run. */
  deps: ContextDeps;
  /** The SHORTLIST_DATA_DIR, when `dataDir` was asked for. */
  readonly dataDir: string;
  caller(options?: CallerOptions): Caller;
  signedIn(role: UserRole): ReturnType<typeof signedIn>;
  createUser(role: UserRole, password?: string): ReturnType<typeof createUser>;
}

/**
 * A fresh database for the calling test file (created in `beforeAll`, dropped in `afterAll`) and
 * the deps and callers of the API on it. `db` and `deps` may be destructured at load time.
 */
export function useTestApi(options: TestApiOptions = {}): TestApi {
  let dataDir: string | undefined;
  if (options.dataDir) {
    const prefix = options.dataDir;
    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), prefix));
    });
  }
  const db = useTestDatabase({ env: options.env });
  let current: ContextDeps | undefined;
  const ready = (): ContextDeps => {
    if (current) return current;
    const env = { ...options.env, ...(dataDir ? { SHORTLIST_DATA_DIR: dataDir } : {}) };
    return (current = testDeps(db, env));
  };
  if (options.dataDir) afterAll(() => (dataDir ? rm(dataDir, { recursive: true, force: true }) : undefined));
  const deps: ContextDeps = {
    get orm() {
      return ready().orm;
    },
    get config() {
      return ready().config;
    },
    get log() {
      return ready().log;
    },
    get keyring() {
      return ready().keyring;
    },
  };
  return {
    db,
    deps,
    get dataDir() {
      if (!dataDir) throw new Error("No data folder: pass `dataDir` to useTestApi, and read it in a hook or a test.");
      return dataDir;
    },
    caller: (callerOptions) => callerFor(deps, callerOptions),
    signedIn: (role) => signedIn(deps, role),
    createUser: (role, password) => createUser(db.orm, role, password),
  };
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
