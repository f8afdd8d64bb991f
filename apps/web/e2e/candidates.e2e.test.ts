/**
 * The candidate list and page in the browser: people added through the form survive a server restart; triage on the
 * list (outcome chips as one tab stop, sorting, suggestions, paging, selection, tagging, a CSV export with formulas
 * neutralised, saved views); the candidate page loads in one batched request and changes applications (move, reject
 * with a reason, reopen, withdraw, add to a job) with what a state does not allow disabled and explained; a duplicate
 * email links to the person on file; each dialog's first field has the focus.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { addCandidate, notified as notifiedOn, signIn, useE2eEnvironment } from "./harness";

const ADMIN = { email: "recruiter@example.com", password: "a-long-test-password" };

const e2e = useE2eEnvironment({
  admin: ADMIN,
  pageOptions: { acceptDownloads: true, viewport: { width: 1400, height: 1000 } },
});
const notified = (title: string) => notifiedOn(e2e.page, title);
const visible = (locator: { isVisible(): Promise<boolean> }) => expect.poll(() => locator.isVisible()).toBe(true);

async function listedNames() {
  return e2e.page.getByTestId("candidates-table").getByTestId("candidate-name").allInnerTexts();
}

/** A procedure called over HTTP with the page's session (seeding what the browser would take long to type). */
async function call<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`${e2e.server.url}/trpc/${path}`, {
    data: { json: input },
    headers: { origin: e2e.server.url },
  });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** The label of the element that has the focus (that of the input it is, or its own accessible name). */
async function focusedLabel(page: Page): Promise<string | null> {
  const focused = page.locator("*:focus");
  if ((await focused.count()) !== 1) return null;
  const id = await focused.getAttribute("id");
  const label = page.locator(`label[for="${id}"]`);
  const text =
    id && (await label.count())
      ? await label.innerText()
      : ((await focused.getAttribute("aria-label")) ?? (await focused.innerText()));
  return text.replace(/\s*\*$/, "").trim();
}

test("a recruiter adds John Doe and then Martha Smith; both survive a server restart", async () => {
  const { page, server } = e2e;
  // The home screen is an overview; the list (and its "Add candidate") is at /candidates.
  await signIn(page, `${server.url}/candidates`, ADMIN);
  await page.getByRole("button", { name: "Add candidate" }).waitFor();

  await addCandidate(page, { name: "John Doe", email: "john.doe@example.com" });
  await addCandidate(page, { name: "Martha Smith", email: "martha.smith@example.com" });

  await expect.poll(listedNames).toEqual(["Martha Smith", "John Doe"]);
  // The chips count applications, from the jobs' counters: both are active in Backend Engineer at Acme.
  await expect.poll(() => page.getByTestId("outcome-chip-active").innerText()).toMatch(/\b2\b/);
  await expect.poll(() => page.getByTestId("candidates-total").innerText()).toBe("2 applications");

  await server.stop();
  await server.start();

  await page.reload();
  await expect.poll(listedNames).toEqual(["Martha Smith", "John Doe"]);
  await expect.poll(() => page.getByTestId("outcome-chip-active").innerText()).toMatch(/\b2\b/);
});

test("triage: chips by keyboard, sorting, suggestions, paging, selection, tags, CSV export, saved views", async () => {
  const { page, server } = e2e;
  await page.goto(`${server.url}/candidates`);

  const job = await call<{ id: string }>(page, "jobs.create", { title: "Data Engineer", company: "Initech" });
  const people = ["Zed Adams", "amy Brown", "=Eve Formula", "Bea Clark"];
  for (const [i, name] of people.entries())
    await call(page, "candidates.create", { name, email: `triage-${i}@example.com`, jobId: job.id });
  // Enough for a second page of 25 under this job.
  await call(page, "candidates.importBatch", {
    rows: Array.from({ length: 23 }, (_, i) => ({
      line: i + 2,
      data: { name: `Bulk ${String(i).padStart(2, "0")}`, email: `bulk-${i}@example.com`, jobId: job.id },
    })),
  });
  await page.reload();

  // Company filter with a suggestion drawn from the data, any case.
  await page.getByRole("combobox", { name: "Company" }).fill("ini");
  await page.getByRole("option", { name: "Initech" }).click();
  await expect.poll(() => page.url()).toContain("company=Initech");

  // Page size and paging: 27 people, 25 a page.
  await page.getByLabel("Rows per page").click();
  await page.getByRole("option", { name: "25", exact: true }).click();
  await expect.poll(() => page.getByTestId("candidates-range").innerText()).toBe("Rows 1–25");
  await page.getByRole("button", { name: "Next" }).click();
  await expect.poll(() => page.getByTestId("candidates-range").innerText()).toBe("Rows 26–27");
  await page.getByRole("button", { name: "Previous" }).click();
  await expect.poll(() => page.getByTestId("candidates-range").innerText()).toBe("Rows 1–25");

  // All 27 on one page from here on.
  await page.getByLabel("Rows per page").click();
  await page.getByRole("option", { name: "50", exact: true }).click();
  await expect.poll(() => page.getByTestId("candidates-range").innerText()).toBe("Rows 1–27");

  // Sorting by name, A to Z (any case) then Z to A; the header says which.
  await page.getByTestId("sort-name").click();
  const before = (a: string, b: string) => async () => {
    const names = await listedNames();
    return names.includes(a) && names.indexOf(a) < names.indexOf(b);
  };
  await expect.poll(before("amy Brown", "Bea Clark")).toBe(true);
  await expect.poll(before("Bea Clark", "Bulk 00")).toBe(true);
  await expect.poll(async () => (await listedNames()).at(-1)).toBe("Zed Adams");
  expect(await page.getByRole("columnheader", { name: /^Name/ }).getAttribute("aria-sort")).toBe("ascending");
  await page.getByTestId("sort-name").click();
  await expect.poll(async () => (await listedNames())[0]).toBe("Zed Adams");
  expect(await page.getByRole("columnheader", { name: /^Name/ }).getAttribute("aria-sort")).toBe("descending");

  // The outcome chips are one tab stop; the arrow keys choose inside it.
  const all = page.getByTestId("outcome-chip-all");
  await all.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => page.url()).toContain("outcome=active");
  await expect.poll(() => page.getByTestId("outcome-chip-active").getAttribute("aria-checked")).toBe("true");
  await expect.poll(() => all.getAttribute("tabindex")).toBe("-1");
  expect(await focusedLabel(page)).toMatch(/^Active/);
  await page.keyboard.press("Tab");
  expect(await page.locator("*:focus").getAttribute("role")).not.toBe("radio");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => page.url()).not.toContain("outcome=");
  await expect.poll(() => all.getAttribute("aria-checked")).toBe("true");

  // Select two people, tag them; the dialog's first field has the focus.
  const row = (name: string) => page.getByTestId("candidates-table").locator("tbody tr").filter({ hasText: name });
  await row("Zed Adams").getByRole("checkbox").check();
  await row("=Eve Formula").getByRole("checkbox").check();
  await expect.poll(() => page.getByTestId("selection-count").innerText()).toBe("2 candidates selected");
  await page.getByRole("button", { name: "Tag", exact: true }).click();
  await expect.poll(() => focusedLabel(page)).toBe("Tags to add");
  await page.keyboard.type("priority");
  await page.keyboard.press("Enter");
  await page.getByRole("dialog").getByRole("button", { name: "Tag 2 candidates" }).click();
  await expect.poll(notified("Tagged")).toBe(true);
  await expect.poll(() => row("Zed Adams").innerText()).toContain("priority");
  await expect.poll(() => row("Bea Clark").innerText()).not.toContain("priority");

  // The selection as CSV: the formula-looking name is neutralised.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe("Name,Email,Tags,Applications,Score (percentile),Added,Last activity,Consent");
  expect(
    lines
      .slice(1)
      .map((l) => l.split(",")[0])
      .sort(),
  ).toEqual(["'=Eve Formula", "Zed Adams"]);
  expect(lines[1]).toContain("priority");

  // A saved view: filters and sort under a name, applied again after clearing.
  await page.getByRole("button", { name: "Views" }).click();
  await page.getByRole("menuitem", { name: "Save current view…" }).click();
  await expect.poll(() => focusedLabel(page)).toBe("Name");
  await page.keyboard.type("Initech Z to A");
  await page.getByRole("dialog").getByRole("button", { name: "Save view" }).click();
  await expect.poll(notified("View saved")).toBe(true);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect.poll(() => page.url()).not.toContain("company=");
  await page.getByRole("button", { name: "Views" }).click();
  await page.getByRole("menuitem", { name: "Initech Z to A" }).click();
  await expect.poll(() => page.url()).toMatch(/company=Initech.*sort=name.*order=desc/);
  await expect.poll(() => page.getByRole("combobox", { name: "Company" }).inputValue()).toBe("Initech");
});

test("the candidate page loads in one request and changes applications; a taken email links to its holder", async () => {
  const { page, server } = e2e;
  await page.goto(`${server.url}/candidates`);
  const design = await call<{ id: string }>(page, "jobs.create", { title: "Designer", company: "Globex" });
  await call(page, "jobs.create", { title: "Illustrator", company: "Globex" });
  await call(page, "candidates.create", { name: "Ann Lee", email: "ann.lee@example.com", jobId: design.id });
  await page.reload();

  // One round trip: every query of the page (person, assessments, reports, timeline, history) in one batch.
  const link = page.getByTestId("candidates-table").getByRole("link", { name: "Ann Lee" });
  await link.waitFor();
  await page.waitForLoadState("networkidle");
  const trpcRequests: string[] = [];
  const onRequest = (request: { url(): string }) => {
    if (request.url().includes("/trpc/")) trpcRequests.push(decodeURIComponent(request.url()));
  };
  page.on("request", onRequest);
  await link.click();
  await page.getByRole("heading", { name: "Ann Lee" }).waitFor();
  await page.getByTestId("assessments-section").getByText("No assessments yet").waitFor();
  await page.getByTestId("candidate-timeline").getByText("Added the candidate").waitFor();
  await page.getByTestId("candidate-history").getByText("candidates.create").first().waitFor();
  await page.getByTestId("applications-table").waitFor();
  page.off("request", onRequest);
  expect(trpcRequests).toHaveLength(1);
  for (const procedure of [
    "candidates.get",
    "assessments.listForCandidate",
    "reports.listForCandidate",
    "timeline.forCandidate",
    "audit.list",
  ])
    expect(trpcRequests[0]).toContain(procedure);

  const applications = page.getByTestId("applications-table");
  const designRow = applications.locator("tbody tr").filter({ hasText: "Designer" });
  await expect.poll(() => designRow.innerText()).toMatch(/Applied[\s\S]*Active[\s\S]*Today/i);

  // Move to a stage of the job.
  await designRow.getByRole("button", { name: "Move to stage: Designer" }).click();
  await page.getByRole("menuitem", { name: "Screening" }).click();
  await expect.poll(notified("Moved")).toBe(true);
  await expect.poll(() => designRow.innerText()).toContain("Screening");

  // Reject: a reason is asked for (its field has the focus), then the rejection shows with it.
  await designRow.getByRole("button", { name: "Reject: Designer" }).click();
  const reject = page.getByRole("dialog", { name: "Reject Ann Lee" });
  await expect.poll(() => focusedLabel(page)).toBe("Reason");
  await reject.getByRole("button", { name: "Reject Ann Lee" }).click();
  await visible(reject.getByText("Choose a reason"));
  await reject.getByLabel("Reason").click();
  await page.getByRole("option").first().click();
  await reject.getByLabel("Note").fill("Portfolio too thin");
  await reject.getByRole("button", { name: "Reject Ann Lee" }).click();
  await expect.poll(notified("Rejected")).toBe(true);
  await expect.poll(() => designRow.innerText()).toMatch(/Rejected/i);
  await expect.poll(() => designRow.getByTestId("rejection-reason").innerText()).toContain("Portfolio too thin");

  // Rejected: moving is disabled, and says why on hover; reopening puts it back.
  const moveBlocked = designRow.getByRole("button", { name: "Move to stage: Designer" });
  expect(await moveBlocked.getAttribute("aria-disabled")).toBe("true");
  await moveBlocked.hover();
  await visible(page.getByRole("tooltip").filter({ hasText: "The application was rejected; reopen it first" }));
  await designRow.getByRole("button", { name: "Reopen: Designer" }).click();
  await expect.poll(notified("Reopened")).toBe(true);
  await expect.poll(() => designRow.innerText()).toMatch(/Screening[\s\S]*Active/i);

  // Add to another job; withdraw from it.
  await page.getByRole("button", { name: "Add to job" }).click();
  const add = page.getByRole("dialog", { name: "Add Ann Lee to a job" });
  await expect.poll(() => focusedLabel(page)).toBe("Job");
  await add.getByLabel("Job").click();
  await page.getByRole("option", { name: "Illustrator · Globex" }).click();
  await add.getByRole("button", { name: "Add to job" }).click();
  await expect.poll(notified("Added to the job")).toBe(true);
  const illustrator = applications.locator("tbody tr").filter({ hasText: "Illustrator" });
  await illustrator.getByRole("button", { name: "Withdraw: Illustrator" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Withdraw" }).click();
  await expect.poll(notified("Withdrawn")).toBe(true);
  await expect.poll(() => illustrator.innerText()).toMatch(/Withdrawn/i);

  // A second person with Ann's email: the error names her and links to her record.
  await page.getByRole("link", { name: "All candidates" }).click();
  await page.getByRole("button", { name: "Add candidate" }).click();
  await expect.poll(() => focusedLabel(page)).toBe("Name");
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Ann Other");
  await dialog.getByLabel("Email").fill("ANN.LEE@example.com");
  await dialog.getByRole("button", { name: "Save candidate" }).click();
  const duplicate = dialog.getByTestId("duplicate-email");
  await expect.poll(() => duplicate.innerText()).toContain("Ann Lee already uses this email — open their record");
  await duplicate.getByRole("link", { name: "open their record" }).click();
  await page.getByRole("heading", { name: "Ann Lee" }).waitFor();
  expect(await page.getByRole("dialog").count()).toBe(0);
});
