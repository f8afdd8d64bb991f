/**
 * Seed 000's headline bug, end to end: a recruiter adds John Doe and then Martha Smith
 * through the SPA; both are listed and counted, and both are still there after the
 * server process restarts.
 */
import { expect, test } from "vitest";
import { addCandidate, signIn, useE2eEnvironment } from "./harness";

const ADMIN = { email: "recruiter@example.com", password: "a-long-test-password" };

const e2e = useE2eEnvironment({ admin: ADMIN });

async function listedNames() {
  return e2e.page.getByTestId("candidates-table").locator("tbody tr td:first-child").allInnerTexts();
}

test("a recruiter adds John Doe and then Martha Smith; both survive a server restart", async () => {
  const { page, server } = e2e;
  // The home screen is an overview; the list (and its "Add candidate") is at /candidates.
  await signIn(page, `${server.url}/candidates`, ADMIN);
  await page.getByRole("button", { name: "Add candidate" }).waitFor();

  await addCandidate(page, { name: "John Doe", email: "john.doe@example.com" });
  await addCandidate(page, { name: "Martha Smith", email: "martha.smith@example.com" });

  await expect.poll(listedNames).toEqual(["Martha Smith", "John Doe"]);
  await expect.poll(() => page.getByTestId("status-chip-all").innerText()).toMatch(/\b2\b/);
  await expect.poll(() => page.getByTestId("candidates-total").innerText()).toMatch(/^2\b/);

  await server.stop();
  await server.start();

  await page.reload();
  await expect.poll(listedNames).toEqual(["Martha Smith", "John Doe"]);
  await expect.poll(() => page.getByTestId("status-chip-all").innerText()).toMatch(/\b2\b/);
});
