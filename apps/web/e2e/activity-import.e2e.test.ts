/**
 * Browser: a rejected activity file lists its problems by line (read from the error's `problems`,
 * not from its message) and writes nothing; a valid one then records one session and one question.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { e2eHarness, signIn } from "./harness";
import type { ServerProcess } from "./server-process";

const RECRUITER = { email: "recruiter@example.com", password: "a-long-test-password" };

const harness = e2eHarness({
  admin: RECRUITER,
  dataDirPrefix: "shortlist-e2e-import-",
  pageOptions: { viewport: { width: 1280, height: 900 } },
});
let server: ServerProcess;
let page: Page;

beforeAll(async () => {
  ({ server, page } = await harness.start());
});

afterAll(() => harness.stop());

const notified = (title: string) => () => page.getByRole("alert").filter({ hasText: title }).first().isVisible();
const file = (name: string, lines: object[]) => ({
  name,
  mimeType: "application/jsonl",
  buffer: Buffer.from(lines.map((l) => JSON.stringify(l)).join("\n")),
});

test("a rejected activity file lists each problem with its line; a valid one records 1 session, 1 question", async () => {
  await signIn(page, `${server.url}/candidates`, RECRUITER);
  await page.getByRole("button", { name: "Add candidate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Ada Lovelace");
  await dialog.getByLabel("Email").fill("ada@example.com");
  await dialog.getByLabel("Role applied for").fill("Backend Engineer");
  await dialog.getByLabel("Company").fill("Acme");
  await dialog.getByLabel("Assessment domains").fill("Python");
  await dialog.getByLabel("Assessment domains").press("Enter");
  await dialog.getByText("The candidate consents to us processing their data").click();
  await dialog.getByRole("button", { name: "Save candidate" }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);

  await page.getByTestId("candidates-table").getByRole("link", { name: "Ada Lovelace" }).click();
  const assessments = page.getByTestId("assessments-section");
  await assessments.getByRole("button", { name: "Start assessment" }).click();
  await expect.poll(notified("Assessment started")).toBe(true);

  const session = { type: "session", ref: "s1", start: "2026-01-05T09:00:00Z", end: "2026-01-05T09:30:00Z" };
  const question = {
    type: "question",
    ref: "q1",
    session: "s1",
    domain: "Python",
    text: "What is a generator?",
    askedAt: "2026-01-05T09:05:00Z",
  };
  await page
    .getByTestId("activity-file")
    .setInputFiles(
      file("bad.jsonl", [
        session,
        { ...session, ref: "s2", end: "2026-01-05T08:00:00Z" },
        { ...question, ref: "q2", session: "nope" },
      ]),
    );
  await assessments.getByRole("button", { name: "Import activity" }).click();
  const problems = page.getByTestId("import-problems").locator("li");
  await expect.poll(() => problems.count()).toBe(2);
  expect(await problems.nth(0).innerText()).toMatch(/^line 2\b/);
  expect(await problems.nth(1).innerText()).toMatch(/^line 3\b/);
  await expect.poll(notified("Activity rejected, nothing was written (2 problems)")).toBe(true);
  expect(await page.getByTestId("assessments-table").innerText()).toContain("0 sessions, 0 questions");

  await page.getByTestId("activity-file").setInputFiles(file("good.jsonl", [session, question]));
  await assessments.getByRole("button", { name: "Import activity" }).click();
  await expect.poll(notified("Activity imported")).toBe(true);
  await expect.poll(() => page.getByTestId("assessments-table").innerText()).toContain("1 session, 1 question");
});
