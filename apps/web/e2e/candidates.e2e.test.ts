/**
 * Seed 000's headline bug, end to end: a recruiter adds John Doe and then Martha Smith
 * through the SPA; both are listed and counted, and both are still there after the
 * server process restarts.
 */
import { createTestDatabase, type TestDatabase } from "@shortlist/db/testing";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { buildWeb, freePort, ServerProcess } from "./server-process";

const ADMIN = { email: "recruiter@example.com", password: "a-long-test-password" };

let db: TestDatabase;
let server: ServerProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.close();
  await buildWeb();
  server = new ServerProcess({
    PORT: String(await freePort()),
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    POSTGRES_HOST: db.config.host,
    POSTGRES_PORT: String(db.config.port),
    POSTGRES_USER: db.config.user,
    POSTGRES_PASSWORD: db.config.password,
    POSTGRES_DB: db.config.dbName,
    SHORTLIST_ADMIN_EMAIL: ADMIN.email,
    SHORTLIST_ADMIN_PASSWORD: ADMIN.password,
  });
  await server.start();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.dropDatabase();
});

async function addCandidate(name: string, email: string) {
  await page.getByRole("button", { name: "Add candidate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role applied for").fill("Backend Engineer");
  await dialog.getByLabel("Company").fill("Acme");
  await dialog.getByRole("button", { name: "Save candidate" }).click();
  // The toast shows only once the server has confirmed the commit.
  await expect.poll(() => page.getByText("Candidate saved").first().isVisible()).toBe(true);
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

async function listedNames() {
  return page.getByTestId("candidates-table").locator("tbody tr td:first-child").allInnerTexts();
}

test("a recruiter adds John Doe and then Martha Smith; both survive a server restart", async () => {
  // The home screen is an overview; the list (and its "Add candidate") is at /candidates.
  await page.goto(`${server.url}/candidates`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Add candidate" }).waitFor();

  await addCandidate("John Doe", "john.doe@example.com");
  await addCandidate("Martha Smith", "martha.smith@example.com");

  await expect.poll(listedNames).toEqual(["Martha Smith", "John Doe"]);
  await expect.poll(() => page.getByTestId("status-chip-all").innerText()).toMatch(/\b2\b/);
  await expect.poll(() => page.getByTestId("candidates-total").innerText()).toMatch(/^2\b/);

  await server.stop();
  await server.start();

  await page.reload();
  await expect.poll(listedNames).toEqual(["Martha Smith", "John Doe"]);
  await expect.poll(() => page.getByTestId("status-chip-all").innerText()).toMatch(/\b2\b/);
});
