/**
 * Helpers for the fault tests: a PostgreSQL cluster of the test's own (so that
 * it can be stopped and started), and tRPC calls over real HTTP in the wire
 * format the SPA and the CLI use (superjson envelopes).
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@shortlist/db";
import pino from "pino";
import { databaseEnv, type Config } from "@shortlist/config";
import { testKeyring, type TestDatabase } from "@shortlist/db/testing";
import { freePort, listenOnLoopback } from "@shortlist/db/net";
import { testConfig } from "../../../../packages/api/test/helpers";
import { createHttpServer } from "../../src/app";

export { freePort };

/** The real app on the test's database, listening on a free loopback port. */
export function serveApp(db: TestDatabase, config: Config = testConfig(db.config)) {
  return listenOnLoopback(
    createHttpServer({ orm: db.orm, config, log: pino({ level: "silent" }), keyring: testKeyring() }),
  );
}

/** An embedded cluster in a temp dir on a free port, which `stop()` and `start()` take down and bring back on the same dir and port. */
export class OwnCluster {
  private handle: EmbeddedPostgresHandle | null = null;
  private readonly log: string[] = [];
  password = "";
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<OwnCluster> {
    // As root, the cluster runs as the `postgres` OS user, which must be able to reach its data dir.
    const dir = await mkdtemp(join(process.getuid?.() === 0 ? "/tmp" : tmpdir(), "shortlist-fault-pg-"));
    await chmod(dir, 0o755);
    const cluster = new OwnCluster(dir, await freePort());
    await cluster.start();
    return cluster;
  }

  async start() {
    this.handle = await startEmbeddedPostgres({
      dataDir: join(this.dir, "data"),
      port: this.port,
      log: (line) => this.log.push(line),
    }).catch((error: unknown) => {
      throw new Error(`Embedded PostgreSQL did not start:\n${this.log.slice(-30).join("\n")}`, { cause: error });
    });
    this.password = this.handle.password;
  }

  /** Fast shutdown (SIGINT): open sessions are ended, as an operator's `pg_ctl stop` or a crash-restart would. */
  async stop() {
    await this.handle?.stop();
    this.handle = null;
  }

  async destroy() {
    await this.stop().catch(() => {});
    await rm(this.dir, { recursive: true, force: true });
  }

  env(dbName: string): Record<string, string> {
    return databaseEnv({ host: "127.0.0.1", port: this.port, user: "postgres", password: this.password, dbName });
  }
}

export interface TrpcError {
  message: string;
  code: string;
  httpStatus: number;
}

export type TrpcResult<T = unknown> =
  { ok: true; status: number; data: T } | { ok: false; status: number; error: TrpcError };

interface Envelope {
  result?: { data?: { json?: unknown } };
  error?: { json?: { message?: string; data?: { code?: string; httpStatus?: number } } };
}

function unwrap<T>(status: number, body: Envelope): TrpcResult<T> {
  if (body.error) {
    const e = body.error.json ?? {};
    return {
      ok: false,
      status,
      error: { message: e.message ?? "", code: e.data?.code ?? "", httpStatus: e.data?.httpStatus ?? status },
    };
  }
  return { ok: true, status, data: body.result?.data?.json as T };
}

async function read<T>(res: Response): Promise<TrpcResult<T>> {
  const text = await res.text();
  let body: Envelope;
  try {
    body = JSON.parse(text) as Envelope;
  } catch {
    throw new Error(`HTTP ${res.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
  if (Array.isArray(body)) throw new Error("use batch() for batched calls");
  return unwrap<T>(res.status, body);
}

export class TrpcHttp {
  constructor(
    readonly baseUrl: string,
    /** Sent with every call (the Bearer token, a cookie). */
    readonly headers: Record<string, string> = {},
  ) {}

  with(headers: Record<string, string>) {
    return new TrpcHttp(this.baseUrl, { ...this.headers, ...headers });
  }

  async mutation<T = unknown>(path: string, input: unknown): Promise<TrpcResult<T>> {
    const res = await fetch(`${this.baseUrl}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...this.headers },
      body: JSON.stringify({ json: input }),
    });
    return read<T>(res);
  }

  async query<T = unknown>(path: string, input?: unknown): Promise<TrpcResult<T>> {
    const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    const res = await fetch(`${this.baseUrl}/trpc/${path}${qs}`, { headers: this.headers });
    return read<T>(res);
  }

  /** Several mutations of one procedure in one batched HTTP request (`?batch=1`), as httpBatchLink sends them. */
  async batch<T = unknown>(path: string, inputs: unknown[]): Promise<{ status: number; results: TrpcResult<T>[] }> {
    const body = Object.fromEntries(inputs.map((input, i) => [String(i), { json: input }]));
    const res = await fetch(`${this.baseUrl}/trpc/${inputs.map(() => path).join(",")}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", ...this.headers },
      body: JSON.stringify(body),
    });
    const parsed = JSON.parse(await res.text()) as Envelope[];
    if (!Array.isArray(parsed))
      throw new Error(`a batch answered ${res.status} with a non-array: ${JSON.stringify(parsed).slice(0, 300)}`);
    return { status: res.status, results: parsed.map((item) => unwrap<T>(res.status, item)) };
  }
}

/** Signs in over HTTP and returns a client carrying an API token (Bearer) made with that session. */
export async function tokenClient(baseUrl: string, email: string, password: string): Promise<TrpcHttp> {
  const res = await fetch(`${baseUrl}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { email, password } }),
  });
  if (!res.ok) throw new Error(`auth.login answered ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const created = await new TrpcHttp(baseUrl, { cookie }).mutation<{ secret: string }>("apiTokens.create", {
    name: "fault tests",
  });
  if (!created.ok) throw new Error(`apiTokens.create failed: ${created.error.message}`);
  return new TrpcHttp(baseUrl, { authorization: `Bearer ${created.data.secret}` });
}
