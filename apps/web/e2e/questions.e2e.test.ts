/**
 * Issue #13's question bank screen: an empty bank loads the starter bank; a web-search finds a question; filters
 * (a skill picked by its alias, a type chip) narrow the list; a new question with an empty rubric field is refused
 * with the error on that rubric row's input, then saved once fixed (its criteria reordered with the keyboard); a
 * file with one bad line imports nothing and names the line, the fixed file imports; the bank exports as JSONL.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { notified as notifiedOn, signIn, useE2eEnvironment } from "./harness";

const RECRUITER = { email: "recruiter@example.com", password: "a-long-test-password" };
const NEW_QUESTION = "How would you explain a query plan to a colleague who has never read one?";

const e2e = useE2eEnvironment({
  admin: RECRUITER,
  dataDirPrefix: "shortlist-e2e-questions-",
  pageOptions: { viewport: { width: 1440, height: 1000 }, acceptDownloads: true },
});
const notified = (title: string) => notifiedOn(e2e.page, title);
const rowsText = (page: Page) => page.getByTestId("questions-table").locator("tbody").innerText();

const question = (text: string, extra: Record<string, unknown> = {}) => ({
  text,
  type: "behavioural",
  difficulty: 2,
  skills: ["Communication"],
  tags: ["imported"],
  rubric: [
    {
      name: "Clarity",
      weight: 3,
      strongAnswer: "Explains the idea plainly with an example.",
      keywords: ["example", "plainly", "audience", "check", "summary"],
    },
  ],
  idealAnswer: "I start from what they know. I use an example. I check they followed.",
  followUps: ["What would you change next time?"],
  timeLimitSeconds: 240,
  ...extra,
});
const jsonl = (name: string, lines: object[]) => ({
  name,
  mimeType: "application/jsonl",
  buffer: Buffer.from(lines.map((l) => JSON.stringify(l)).join("\n")),
});

test("load the starter bank, search and filter it, write a question, import a file and export the bank", async () => {
  const { page, server } = e2e;
  await signIn(page, `${server.url}/questions`, RECRUITER);

  // An empty bank offers the starter bank.
  await page.getByRole("button", { name: "Load the starter bank" }).click();
  await expect.poll(notified("Starter bank loaded")).toBe(true);
  await expect.poll(() => page.getByTestId("questions-shown").innerText()).toBe("50 questions shown, more below");
  await page.getByRole("button", { name: "Load more" }).click();
  await expect.poll(() => page.getByTestId("questions-shown").innerText()).toBe("100 questions shown, more below");

  // Web-search syntax: a word, ranked; the search lives in the address.
  await page.getByLabel("Search").fill("deadlock -kafka");
  await page.getByLabel("Search").press("Enter");
  await expect.poll(() => rowsText(page)).toContain("a race condition and a deadlock");
  expect(page.url()).toContain("q=deadlock");

  // Filters: a skill found by its alias ("icu" is Intensive care) and a type chip.
  await page.getByLabel("Search").fill("");
  await page.getByLabel("Search").press("Enter");
  await page.getByRole("combobox", { name: "Skills" }).fill("icu");
  await page.getByRole("option", { name: "Intensive care" }).click();
  await page.getByRole("group", { name: "Type" }).getByText("Role-specific").click();
  await expect.poll(() => page.getByTestId("questions-shown").innerText()).toBe("1 question shown");
  expect(await rowsText(page)).toContain("ventilated patient");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect.poll(() => page.getByTestId("questions-shown").innerText()).toMatch(/^\d+ questions shown, more below$/);
  expect(page.url()).toMatch(/\/questions$/);

  // A new question: the server refuses an empty strong answer and says so on that criterion's input.
  await page.getByRole("link", { name: "New question" }).click();
  await page.getByRole("textbox", { name: "Question", exact: true }).fill(NEW_QUESTION);
  await page.getByRole("combobox", { name: "Skills" }).fill("postgres");
  await page.getByRole("option", { name: "PostgreSQL" }).click();
  await page.keyboard.press("Escape");
  const first = page.getByRole("group", { name: "Criterion 1" });
  await first.getByLabel("Name").fill("Plan reading");
  await page.getByRole("button", { name: "Add criterion" }).click();
  const second = page.getByRole("group", { name: "Criterion 2" });
  await second.getByLabel("Name").fill("Audience");
  await second.getByLabel("Strong answer").fill("Starts from what the colleague knows and checks they follow.");
  await page.getByRole("button", { name: "Add question" }).click();
  const strong = first.getByLabel("Strong answer");
  await expect.poll(() => strong.getAttribute("aria-invalid")).toBe("true");
  expect(await first.innerText()).toContain("Must not be empty");
  await expect.poll(() => page.getByRole("alert").filter({ hasText: "Not saved" }).isVisible()).toBe(true);

  // Fix it, and put "Audience" first with the keyboard.
  await strong.fill("Reads the plan bottom-up: scans, joins, estimated and actual rows.");
  await page.getByRole("button", { name: "Move criterion 2 up" }).focus();
  await page.keyboard.press("Enter");
  await expect
    .poll(() => page.getByRole("group", { name: "Criterion 1" }).getByLabel("Name").inputValue())
    .toBe("Audience");
  await page.getByRole("button", { name: "Add question" }).click();
  await expect.poll(notified("Question added")).toBe(true);
  await expect.poll(() => page.url()).toMatch(/\/questions\/[0-9a-f-]{36}$/);
  // The saved question's page: its use so far, and the rubric in the order saved.
  await expect.poll(() => page.getByTestId("question-times-asked").textContent()).toBe("Asked 0 times");
  await expect
    .poll(() => page.getByRole("group", { name: "Criterion 2" }).getByLabel("Name").inputValue())
    .toBe("Plan reading");
  await page.getByRole("link", { name: "Question bank" }).first().click();

  // Import: one bad line names its line and writes nothing; the fixed file imports.
  await page.getByRole("button", { name: "Import" }).click();
  const dialog = page.getByRole("dialog", { name: "Import questions" });
  const good = question("Tell me about a time you explained something technical to a customer.");
  await page
    .getByTestId("questions-file")
    .setInputFiles(jsonl("bad.jsonl", [good, question("Describe a time you changed your mind.", { difficulty: 9 })]));
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  const problems = dialog.getByTestId("import-problems").locator("li");
  await expect.poll(() => problems.count()).toBe(1);
  expect(await problems.first().innerText()).toBe("line 2: difficulty: From 1 to 5");
  expect(await dialog.innerText()).toContain("nothing was imported");

  await page
    .getByTestId("questions-file")
    .setInputFiles(jsonl("good.jsonl", [good, question("Describe a time you changed your mind.")]));
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect.poll(notified("Questions imported")).toBe(true);
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await page.getByLabel("Search").fill("changed your mind");
  await page.getByLabel("Search").press("Enter");
  await expect.poll(() => rowsText(page)).toContain("Describe a time you changed your mind.");

  // Export: every question as JSONL, the new ones included.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^questions-active-\d{4}-\d\d-\d\d\.jsonl$/);
  const lines = (await readFile((await download.path())!, "utf8")).trim().split("\n");
  const exported = lines.map((line) => JSON.parse(line) as { text: string; rubric: { name: string }[] });
  expect(exported.length).toBeGreaterThanOrEqual(233);
  const written = exported.find((q) => q.text === NEW_QUESTION);
  expect(written?.rubric.map((c) => c.name)).toEqual(["Audience", "Plan reading"]);
  expect(exported.some((q) => q.text === "Describe a time you changed your mind.")).toBe(true);
});
