/**
 * Shared setup of the browser tests: a fresh test database, the built SPA served by the real
 * server process, and a headless Chromium page; `signIn` goes through the SPA's sign-in form,
 * `addCandidate` through the candidate form.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { databaseEnv } from "@shortlist/config";
import { useTestDatabase, type TestDatabase } from "@shortlist/db/testing";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
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
function e2eHarness({
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

type HarnessOptions = Parameters<typeof e2eHarness>[0];

/**
 * A test file's browser environment: e2eHarness started in beforeAll and stopped in afterAll. Call it at load
 * time; the returned object's fields are set once beforeAll has run (read them in the tests, not at load).
 */
export function useE2eEnvironment(options: HarnessOptions): E2eEnvironment {
  const harness = e2eHarness(options);
  const env = {} as E2eEnvironment;
  beforeAll(async () => {
    Object.assign(env, await harness.start());
  });
  afterAll(() => harness.stop());
  return env;
}

/** For expect.poll: is a notification titled `title` showing? (role="alert"; shown once the server has answered) */
export const notified = (page: Page, title: string) => () =>
  page.getByRole("alert").filter({ hasText: title }).first().isVisible();

export interface NewCandidate {
  name: string;
  email: string;
  /** Typed into the tags input, each followed by Enter. */
  domains?: string[];
  consent?: boolean;
  /** The job to choose in the form's Job list, as listed ("Title · Company"); by default "Backend Engineer" at "Acme", typed. */
  job?: string;
}

/**
 * Adds a candidate through the "Add candidate" form of the page shown, filed under `job` or a Backend Engineer job at
 * Acme (typed: made when missing), and waits for the server's confirmation (the toast) and the dialog to close.
 */
export async function addCandidate(page: Page, { name, email, domains = [], consent = false, job }: NewCandidate) {
  await page.getByRole("button", { name: "Add candidate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Job", { exact: true }).click();
  if (job) {
    await page.getByRole("option", { name: job, exact: true }).click();
  } else {
    await page.getByRole("option", { name: /^Another job/ }).click();
    await dialog.getByLabel("Role applied for").fill("Backend Engineer");
    await dialog.getByLabel("Company").fill("Acme");
  }
  for (const domain of domains) {
    await dialog.getByLabel("Assessment domains").fill(domain);
    await dialog.getByLabel("Assessment domains").press("Enter");
  }
  if (consent) await dialog.getByText("The candidate consents to us processing their data").click();
  await dialog.getByRole("button", { name: "Save candidate" }).click();
  await expect.poll(notified(page, "Candidate saved")).toBe(true);
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

/** Opens `url` (which asks for sign-in) and signs in through the form. */
export async function signIn(page: Page, url: string, { email, password }: Credentials): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs out with the header's button and waits for the sign-in form: navigating away at once could cancel the
 * logout request and leave the session alive.
 */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign in" }).waitFor();
}
