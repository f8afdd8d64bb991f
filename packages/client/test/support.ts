/**
 * Shared setup of the CLI tests: a real server on a fresh test database, a recruiter and a
 * reviewer with API tokens, a scratch folder, and the installed bin (node_modules/.bin/shortlist)
 * run in a child process.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { appRouter, createCallerFactory, createRequestContext, hashPassword, type ContextDeps } from "@shortlist/api";
import { databaseEnv, loadConfig } from "@shortlist/config";
import { User, type UserRole } from "@shortlist/db";
import { testKeyring, useTestDatabase, type TestDatabase } from "@shortlist/db/testing";
import { createApp, createLogger } from "@shortlist/server";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const BIN = resolve(repoRoot, "node_modules/.bin/shortlist");

/** Signs in through the real auth.login procedure and creates an API token, as the SPA would. */
async function userWithToken(deps: ContextDeps, role: UserRole, label: string): Promise<string> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.com`;
  const password = "correct horse battery staple";
  const em = deps.orm.em.fork();
  em.create(User, { email, name: `A ${role}`, role, passwordHash: await hashPassword(password) });
  await em.flush();

  const createCaller = createCallerFactory(appRouter);
  let sessionToken: string | null = null;
  const context = () =>
    createRequestContext(
      deps,
      { sessionToken, bearerToken: null },
      {
        requestId: randomUUID(),
        ip: "127.0.0.1",
        userAgent: `${label}.test`,
        cookies: { setSession: (token) => void (sessionToken = token), clearSession: () => void (sessionToken = null) },
      },
    );
  await createCaller(context()).auth.login({ email, password });
  expect(sessionToken).toBeTruthy();
  const { secret } = await createCaller(context()).apiTokens.create({ name: `${label.replaceAll("-", " ")} test` });
  return secret;
}

export interface CliServer {
  db: TestDatabase;
  server: Server;
  url: string;
  recruiterToken: string;
  reviewerToken: string;
  adminToken: string;
  /** Scratch folder for input and output files. */
  dir: string;
  /** SHORTLIST_DATA_DIR of the server, when asked for. */
  dataDir?: string;
}

/**
 * The server a CLI test file runs against. Call it at load time (the database comes from
 * useTestDatabase, which registers its own hooks), then `start()` in beforeAll and `stop()` in
 * afterAll (which cleans up whatever a failed start left behind). `label` names the user agent,
 * the tokens and the temporary folders.
 */
export function cliServer({ label, withDataDir = false }: { label: string; withDataDir?: boolean }) {
  const db = useTestDatabase();
  const state: Partial<CliServer> = { db };
  return {
    async start(): Promise<CliServer> {
      if (withDataDir) state.dataDir = await mkdtemp(join(tmpdir(), `shortlist-${label}-data-`));
      const config = loadConfig(
        {
          ...databaseEnv(db.config),
          ...(state.dataDir ? { SHORTLIST_DATA_DIR: state.dataDir } : {}),
          LOG_LEVEL: "silent",
        },
        { readFiles: false },
      );
      const deps: ContextDeps = { orm: db.orm, config, log: createLogger(config), keyring: testKeyring() };
      state.server = createApp(deps).listen(0, "127.0.0.1");
      await once(state.server, "listening");
      state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
      state.recruiterToken = await userWithToken(deps, "recruiter", label);
      state.reviewerToken = await userWithToken(deps, "reviewer", label);
      state.adminToken = await userWithToken(deps, "admin", label);
      state.dir = await mkdtemp(join(tmpdir(), `shortlist-${label}-`));
      return state as CliServer;
    },
    async stop(): Promise<void> {
      const { server } = state;
      server?.closeAllConnections();
      await new Promise((done) => (server ? server.close(done) : done(undefined)));
      for (const path of [state.dir, state.dataDir]) if (path) await rm(path, { recursive: true, force: true });
    },
  };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the installed bin; `stdoutEncoding` "latin1" keeps binary output (a PDF) byte for byte. */
export function runCli(
  args: string[],
  {
    env,
    cwd = repoRoot,
    stdoutEncoding = "utf8",
  }: { env: Record<string, string | undefined>; cwd?: string; stdoutEncoding?: BufferEncoding },
): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(BIN, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding(stdoutEncoding).on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolveRun({ code, stdout, stderr }));
  });
}

export const jsonl = (rows: unknown[]) =>
  rows.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n";

/** Writes `content` to `name` in `dir`; returns its path. */
export async function writeIn(dir: string, name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}
