import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { inspect, parseEnv } from "node:util";
import { z } from "zod";

/** The repository root: `.env` files and the default data folder live here. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .transform((v) => (v === "" ? undefined : ["true", "1", "yes"].includes(v)))
  .optional();

const masterKey = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, "must be 32 bytes in base64 (44 characters, e.g. from `openssl rand -base64 32`)");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: booleanFlag,
  SHORTLIST_DATA_DIR: optionalText,
  SHORTLIST_WEB_DIST: optionalText,
  SHORTLIST_MAX_BODY_BYTES: positiveInt.default(1_048_576),
  SHORTLIST_BODY_TIMEOUT_MS: positiveInt.default(30_000),
  SHORTLIST_ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((v, ctx) => {
      const origins = v
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean);
      for (const origin of origins) {
        const url = URL.parse(origin);
        if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/$/, "")) {
          ctx.addIssue({ code: "custom", message: `"${origin}" is not an origin like https://example.com:8443` });
        }
      }
      return origins.map((o) => o.replace(/\/$/, ""));
    }),
  /** Where people outside reach Shortlist (links in emails, e.g. a candidate's interview link). */
  SHORTLIST_PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  SHORTLIST_CLEANUP_INTERVAL_MS: positiveInt.default(15 * 60_000),
  SHORTLIST_CHECKPOINT_EVERY_EVENTS: positiveInt.default(1000),
  SHORTLIST_CHECKPOINT_EVERY_MINUTES: positiveInt.default(60),
  SHORTLIST_MASTER_KEY: optionalText.pipe(masterKey.optional()),
  SHORTLIST_NEW_MASTER_KEY: optionalText.pipe(masterKey.optional()),

  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATABASE_APP_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  POSTGRES_HOST: optionalText,
  POSTGRES_PORT: port.optional(),
  POSTGRES_USER: optionalText,
  POSTGRES_PASSWORD: optionalText,
  POSTGRES_DB: optionalText,
  SHORTLIST_EMBEDDED_PG_PORT: port.default(54329),
  DB_POOL_MIN: z.coerce.number().int().min(0).default(0),
  DB_POOL_MAX: positiveInt.default(10),
  DB_POOL_IDLE_MS: positiveInt.default(30_000),
  DB_CONNECT_TIMEOUT_MS: positiveInt.default(5_000),
  DB_STATEMENT_TIMEOUT_MS: positiveInt.default(30_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: positiveInt.default(60_000),

  SHORTLIST_ADMIN_EMAIL: optionalText.pipe(z.email().optional()),
  SHORTLIST_ADMIN_PASSWORD: optionalText.pipe(z.string().min(12, "must be at least 12 characters").optional()),
  SESSION_IDLE_MINUTES: positiveInt.default(120),
  SESSION_ABSOLUTE_HOURS: positiveInt.default(24 * 7),
  COOKIE_SECURE: booleanFlag,
  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt.default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: positiveInt.default(20),
  LOGIN_LOCKOUT_MINUTES: positiveInt.default(15),
  LOGIN_ACCOUNT_DELAY_MAX_SECONDS: positiveInt.default(60),

  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_FROM: z.string().trim().min(3).default("Shortlist <shortlist@localhost>"),

  SHORTLIST_LLM_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  SHORTLIST_LLM_MODEL: optionalText,
  SHORTLIST_LLM_API_KEY: optionalText,
  SHORTLIST_LLM_TIMEOUT_MS: positiveInt.default(120_000),
});

export type Env = z.input<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export interface DatabaseTarget {
  /** `embedded` boots PostgreSQL from the npm binaries into `dataDir/postgres`. */
  mode: "external" | "embedded";
  host: string;
  port: number;
  user: string;
  password: string;
  dbName: string;
}

function databaseTarget(env: z.output<typeof envSchema>): DatabaseTarget {
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    return {
      mode: "external",
      host: url.hostname,
      port: url.port ? Number(url.port) : 5432,
      user: decodeURIComponent(url.username || "postgres"),
      password: decodeURIComponent(url.password),
      dbName: decodeURIComponent(url.pathname.replace(/^\//, "")) || "shortlist",
    };
  }
  if (env.POSTGRES_HOST) {
    return {
      mode: "external",
      host: env.POSTGRES_HOST,
      port: env.POSTGRES_PORT ?? 5432,
      user: env.POSTGRES_USER ?? "postgres",
      password: env.POSTGRES_PASSWORD ?? "",
      dbName: env.POSTGRES_DB ?? "shortlist",
    };
  }
  return {
    mode: "embedded",
    host: "127.0.0.1",
    port: env.SHORTLIST_EMBEDDED_PG_PORT,
    user: "postgres",
    password: "",
    dbName: env.POSTGRES_DB ?? "shortlist",
  };
}

/**
 * The least-privilege role that serves requests while the configured (owner) user migrates.
 * Unset for the embedded cluster (it makes its own) and for an external server without DATABASE_APP_URL.
 */
function appTarget(env: z.output<typeof envSchema>, owner: DatabaseTarget): Omit<DatabaseTarget, "mode"> | undefined {
  if (!env.DATABASE_APP_URL) return undefined;
  const url = new URL(env.DATABASE_APP_URL);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    dbName: decodeURIComponent(url.pathname.replace(/^\//, "")) || owner.dbName,
  };
}

function appTargetIssues(env: z.output<typeof envSchema>): string[] {
  if (!env.DATABASE_APP_URL) return [];
  if (!env.DATABASE_URL && !env.POSTGRES_HOST)
    return [
      "DATABASE_APP_URL: needs DATABASE_URL (or POSTGRES_HOST) for migrations; the embedded database makes its own app role",
    ];
  if (!new URL(env.DATABASE_APP_URL).username) return ["DATABASE_APP_URL: must name the user to serve requests as"];
  return [];
}

export interface LlmSettings {
  /** An OpenAI-compatible server's base URL (`http://localhost:11434/v1`); unset, only the built-in provider answers. */
  baseUrl: string | undefined;
  model: string | undefined;
  /** Never logged: `JSON.stringify` and `util.inspect` of these settings show "[redacted]". */
  apiKey: string | undefined;
  /** The longest a model call may take, end to end. */
  timeoutMs: number;
}

/** The settings with the API key hidden from serialisation (pino, JSON) and from `console.log`/`util.inspect`. */
function llmSettings(settings: LlmSettings): LlmSettings {
  const shown = () => ({ ...settings, apiKey: settings.apiKey === undefined ? undefined : "[redacted]" });
  return Object.defineProperties(settings, {
    toJSON: { value: shown, enumerable: false },
    [inspect.custom]: { value: () => shown(), enumerable: false },
  });
}

function buildConfig(env: z.output<typeof envSchema>) {
  const fromRoot = (path: string) => (isAbsolute(path) ? path : resolve(repoRoot, path));
  const dataDir = fromRoot(env.SHORTLIST_DATA_DIR ?? ".data");
  const production = env.NODE_ENV === "production";
  const owner = databaseTarget(env);
  return {
    env: env.NODE_ENV,
    production,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY ?? false,
    dataDir,
    webDist: fromRoot(env.SHORTLIST_WEB_DIST ?? "apps/web/dist"),
    maxBodyBytes: env.SHORTLIST_MAX_BODY_BYTES,
    bodyTimeoutMs: env.SHORTLIST_BODY_TIMEOUT_MS,
    /** Origins besides the request's own (its Host) allowed to send state-changing requests. */
    allowedOrigins: env.SHORTLIST_ALLOWED_ORIGINS,
    /** The origin (and any path prefix) links in emails start with; no trailing slash. */
    publicUrl: (env.SHORTLIST_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    cleanupIntervalMs: env.SHORTLIST_CLEANUP_INTERVAL_MS,
    /** Signed audit checkpoints into `<dataDir>/checkpoints/`: after this many new events, or this often when any arrived. */
    checkpoints: {
      everyEvents: env.SHORTLIST_CHECKPOINT_EVERY_EVENTS,
      everyMs: env.SHORTLIST_CHECKPOINT_EVERY_MINUTES * 60_000,
    },
    keys: {
      /** Unset: `<dataDir>/keys/master.key`, generated on first start. */
      masterKey: env.SHORTLIST_MASTER_KEY,
      /** Only `npm run keys:rotate` reads it: the key to re-wrap every data key under. */
      newMasterKey: env.SHORTLIST_NEW_MASTER_KEY,
    },
    database: {
      ...owner,
      app: appTarget(env, owner),
      embeddedDataDir: resolve(dataDir, "postgres"),
      pool: { min: env.DB_POOL_MIN, max: env.DB_POOL_MAX, idleTimeoutMillis: env.DB_POOL_IDLE_MS },
      connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    bootstrapAdmin:
      env.SHORTLIST_ADMIN_EMAIL && env.SHORTLIST_ADMIN_PASSWORD
        ? { email: env.SHORTLIST_ADMIN_EMAIL, password: env.SHORTLIST_ADMIN_PASSWORD }
        : undefined,
    /** SHORTLIST_ADMIN_PASSWORD on its own: the password `npm run users:reset-admin` sets. */
    adminPassword: env.SHORTLIST_ADMIN_PASSWORD,
    auth: {
      sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
      sessionAbsoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
      cookieSecure: env.COOKIE_SECURE ?? production,
      maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
      lockoutMs: env.LOGIN_LOCKOUT_MINUTES * 60_000,
      accountDelayMaxMs: env.LOGIN_ACCOUNT_DELAY_MAX_SECONDS * 1000,
    },
    mail: {
      /** smtp://user:pass@host:587 or smtps://…:465. Unset (the default): messages are held in the outbox, never sent. */
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
    },
    /** The default `openai-compatible` model server; a persona may name its own base URL, model and key. */
    llm: llmSettings({
      baseUrl: env.SHORTLIST_LLM_BASE_URL,
      model: env.SHORTLIST_LLM_MODEL,
      apiKey: env.SHORTLIST_LLM_API_KEY,
      timeoutMs: env.SHORTLIST_LLM_TIMEOUT_MS,
    }),
  };
}

export type Config = ReturnType<typeof buildConfig>;
export type DatabaseConfig = Config["database"];

function readEnvFile(path: string): Record<string, string> {
  return existsSync(path) ? (parseEnv(readFileSync(path, "utf8")) as Record<string, string>) : {};
}

/**
 * The one place that reads the environment. Precedence: the process
 * environment, then `.env.local`, then `.env` (both at the repository root).
 */
export function loadConfig(
  processEnv: Record<string, string | undefined> = process.env,
  { readFiles = true }: { readFiles?: boolean } = {},
): Config {
  const fromFiles = readFiles
    ? { ...readEnvFile(resolve(repoRoot, ".env")), ...readEnvFile(resolve(repoRoot, ".env.local")) }
    : {};
  const merged: Record<string, string | undefined> = { ...fromFiles };
  for (const [key, value] of Object.entries(processEnv)) if (value !== undefined) merged[key] = value;

  const parsed = envSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const issues = appTargetIssues(parsed.data);
  if (issues.length) throw new ConfigError(issues);
  return buildConfig(parsed.data);
}

/**
 * A database's settings as the environment variables `loadConfig` reads (POSTGRES_*), for a child process
 * or a config of its own: the one place that turns settings back into environment.
 */
export function databaseEnv(db: Omit<DatabaseTarget, "mode">): Record<string, string> {
  return {
    POSTGRES_HOST: db.host,
    POSTGRES_PORT: String(db.port),
    POSTGRES_USER: db.user,
    POSTGRES_PASSWORD: db.password,
    POSTGRES_DB: db.dbName,
  };
}
