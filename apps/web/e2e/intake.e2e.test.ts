/**
 * Issue #11's intake in the browser: a recruiter starts an intake for a non-technical role (ICU nurse), answers the
 * chat (quick replies where offered, typing the rest) until the live profile beside it is complete, edits the profile
 * directly (a field error first), opens the vacancy report and downloads its PDF; after a server restart the chat, the
 * profile and the report (now served from the cache, same profile version) are unchanged.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { expect, onTestFailed, test } from "vitest";
import { notified, signIn, useE2eEnvironment } from "./harness";

const ADMIN = { email: "recruiter@example.com", password: "a-long-test-password" };

const e2e = useE2eEnvironment({
  admin: ADMIN,
  pageOptions: { acceptDownloads: true, viewport: { width: 1600, height: 1100 } },
});

const SCREENSHOTS = process.env.SHORTLIST_E2E_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
};
const visible = (locator: { isVisible(): Promise<boolean> }) => expect.poll(() => locator.isVisible()).toBe(true);

const replies = (page: Page, status: string) =>
  page.locator(`[data-testid="chat-message"][data-role="assistant"][data-status="${status}"]`);
const completeReplies = (page: Page) => replies(page, "complete").count();

/** Sends one answer (a quick reply's button, or typed into the composer) and waits for the reply to it. */
async function answer(page: Page, how: { quick: string } | { type: string }) {
  const before = await completeReplies(page);
  if ("quick" in how) {
    await page.getByTestId("quick-replies").getByRole("button", { name: how.quick, exact: true }).click();
  } else {
    const composer = page.getByLabel("Message", { exact: true });
    await composer.fill(how.type);
    await composer.press("Enter");
  }
  await expect.poll(() => completeReplies(page)).toBe(before + 1);
  await expect.poll(() => replies(page, "failed").count()).toBe(0);
}

const field = (page: Page, name: string) => page.getByTestId(`profile-field-${name}`);
const fieldText = (page: Page, name: string) => field(page, name).locator("td").innerText();
const chatTexts = (page: Page) => page.getByTestId("chat-message-text").allInnerTexts();
const profileText = (page: Page) => page.getByTestId("vacancy-profile").locator("table").innerText();

test("an ICU nurse intake to a complete profile, its report and PDF, all unchanged after a restart", async () => {
  const { page, server } = e2e;
  onTestFailed(() => shot(page, "intake-failed"));
  await signIn(page, `${server.url}/`, ADMIN);

  // The navigation leads to the intake list; the start form names the role.
  await page.getByRole("link", { name: "Vacancy intake" }).click();
  await page.getByRole("heading", { name: "Vacancy intake" }).waitFor();
  await shot(page, "intake-list");
  await page.getByLabel(/^Profession/).fill("ICU nurse");
  await page.getByRole("button", { name: "Start intake" }).click();
  await page.waitForURL(/\/intake\/[0-9a-f-]{36}$/);
  const intakeUrl = page.url();

  // The chat opens with its first question beside an empty profile.
  await expect.poll(() => completeReplies(page)).toBeGreaterThan(0);
  await visible(page.getByTestId("vacancy-profile"));
  await expect.poll(() => page.getByTestId("profile-status").textContent()).toBe("Incomplete");
  await visible(field(page, "company").getByText("missing"));

  await answer(page, { type: "St Mary's Hospital" });
  await expect.poll(() => fieldText(page, "company")).toContain("St Mary's Hospital");
  await answer(page, { quick: "Senior" });
  await expect.poll(() => fieldText(page, "seniority")).toBe("Senior");
  await answer(page, { type: "ICU, ventilator management, BLS" });
  await expect.poll(() => fieldText(page, "mustHave")).toMatch(/ventilator management/i);
  await answer(page, { quick: "None" });
  await answer(page, { type: "Care for critically ill patients; Monitor vital signs; Administer medication" });
  await expect.poll(() => fieldText(page, "responsibilities")).toContain("Monitor vital signs");
  await answer(page, { type: "Rotterdam, onsite" });
  await expect.poll(() => fieldText(page, "location")).toContain("Rotterdam");
  await expect.poll(() => fieldText(page, "remotePolicy")).toBe("On-site");
  await answer(page, { type: "4000-5000 EUR per month" });
  await expect.poll(() => fieldText(page, "salary")).toMatch(/4,?000.+5,?000 EUR per month/);
  await answer(page, { type: "Intensive Care, hiring manager Dr. Jansen" });
  await answer(page, { type: "Phone screen, Panel interview, Shift shadowing" });
  await expect.poll(() => fieldText(page, "interviewStages")).toBe("Phone screen → Panel interview → Shift shadowing");
  await answer(page, { type: "2027-03-31" });

  await expect.poll(() => page.getByTestId("profile-status").textContent()).toBe("Complete");
  await expect.poll(() => page.getByTestId("profile-progress").innerText()).toBe("10 of 10 required fields");
  expect(await field(page, "deadline").getByText("missing").count()).toBe(0);

  // The profile edited directly: a bad currency is refused on its input, then the team is changed and saved.
  await page.getByRole("button", { name: "Edit profile" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit the vacancy profile" });
  await dialog.getByLabel("Currency").fill("EU");
  await dialog.getByRole("button", { name: "Save profile" }).click();
  await expect.poll(() => dialog.getByLabel("Currency").getAttribute("aria-invalid")).toBe("true");
  await dialog.getByLabel("Currency").fill("EUR");
  await dialog.getByLabel("Team").fill("Intensive Care Unit 3");
  await dialog.getByRole("button", { name: "Save profile" }).click();
  await expect.poll(notified(page, "Profile saved")).toBe(true);
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await expect.poll(() => fieldText(page, "team")).toBe("Intensive Care Unit 3");
  await expect.poll(() => page.getByTestId("profile-status").textContent()).toBe("Complete");

  await shot(page, "intake-complete");
  const chatBefore = await chatTexts(page);
  const profileBefore = await profileText(page);

  // The report: generated on first opening, for the profile's version; its PDF downloads.
  await page.getByRole("link", { name: "Vacancy report" }).click();
  await visible(page.getByTestId("vacancy-report"));
  const source = page.getByTestId("report-source");
  await expect.poll(() => source.innerText()).toMatch(/^Generated for profile version \d+$/);
  const version = /\d+$/.exec(await source.innerText())![0];
  expect(await page.getByTestId("report-missing").innerText()).toMatch(/complete/i);
  const summary = await page.getByTestId("report-summary").innerText();
  expect(summary.length).toBeGreaterThan(0);

  await shot(page, "intake-report");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download PDF" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // A restart: the chat, the profile and the cached report are as they were.
  await server.stop();
  await server.start();

  await page.goto(intakeUrl);
  await expect.poll(() => chatTexts(page)).toEqual(chatBefore);
  await expect.poll(() => profileText(page)).toBe(profileBefore);
  await expect.poll(() => page.getByTestId("profile-status").textContent()).toBe("Complete");

  await page.getByRole("link", { name: "Vacancy report" }).click();
  await expect.poll(() => page.getByTestId("report-source").innerText()).toBe(`Cached for profile version ${version}`);
  expect(await page.getByTestId("report-summary").innerText()).toBe(summary);

  // The intake is listed, complete.
  await page.getByRole("link", { name: "Vacancy intake" }).click();
  const row = page.getByTestId("intakes-table").getByRole("row").filter({ hasText: "ICU nurse" });
  await visible(row.getByText("Complete"));
});
