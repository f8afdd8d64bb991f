/**
 * Shared setup of the browser tests: a fresh test database, the built SPA served by the real
 * server process, and a headless Chromium page; `signIn` goes through the SPA's sign-in form.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { databaseEnv } from "@shortlist/config";
import { useTestDatabase, type TestDatabase } from "@shortlist/db/testing";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildWeb, freePort, ServerProcess } from "./server-process";

export interface Credentials {
  email: string;
  password: string;
}

export interface E2eEnvironment {
  db: TestDatabase;
  server: ServerProcess;
  browser: Browser;
  page: Page;
  /** SHORTLIST_DATA_DIR of the server, when asked for. */
  dataDir?: string;
}

/**
 * Call it at load time (the database comes from useTestDatabase, which registers its own hooks),
 * then `start()` in beforeAll and `stop()` in afterAll (which cleans up whatever a failed start left).
 * `admin` is the account the server creates on first start; `dataDirPrefix` gives the server a
 * temporary data folder; `pageOptions` go to the browser's new page.
 */
export function e2eHarness({
  admin,
  dataDirPrefix,
  pageOptions,
}: {
  admin: Credentials;
  dataDirPrefix?: string;
  pageOptions?: Parameters<Browser["newPage"]>[0];
}) {
  const db = useTestDatabase();
  const state: Partial<E2eEnvironment> = { db };
  return {
    async start(): Promise<E2eEnvironment> {
      await db.close();
      if (dataDirPrefix) state.dataDir = await mkdtemp(join(tmpdir(), dataDirPrefix));
      await buildWeb();
      state.server = new ServerProcess({
        PORT: String(await freePort()),
        NODE_ENV: "test",
        LOG_LEVEL: "warn",
        ...databaseEnv(db.config),
        ...(state.dataDir ? { SHORTLIST_DATA_DIR: state.dataDir } : {}),
        SHORTLIST_ADMIN_EMAIL: admin.email,
        SHORTLIST_ADMIN_PASSWORD: admin.password,
      });
      await state.server.start();
      state.browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
        ],
      });
      state.page = await state.browser.newPage(pageOptions);
      return state as E2eEnvironment;
    },
    async stop(): Promise<void> {
      await state.browser?.close();
      await state.server?.stop();
      if (state.dataDir) await rm(state.dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens `url` (which asks for sign-in) and signs in through the form. */
export async function signIn(page: Page, url: string, { email, password }: Credentials): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
