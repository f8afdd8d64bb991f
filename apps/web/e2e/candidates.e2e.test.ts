/**
 * Seed 000's headline bug, end to end: a recruiter adds John Doe and then Martha Smith
 * through the SPA; both are listed and counted, and both are still there after the
 * server process restarts.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { e2eHarness, signIn } from "./harness";
import type { ServerProcess } from "./server-process";

const ADMIN = { email: "recruiter@example.com", password: "a-long-test-password" };

const harness = e2eHarness({ admin: ADMIN });
let server: ServerProcess;
let page: Page;

beforeAll(async () => {
  ({ server, page } = await harness.start());
});

afterAll(() => harness.stop());

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
  await signIn(page, `${server.url}/candidates`, ADMIN);
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
