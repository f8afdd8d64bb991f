/**
 * Issue #12's staff screens: the new-cycle form refuses bad input on the field at fault (the slug, a capacity of 0 and
 * a question's limit above 10,000, kept as typed, then a question key used twice, on the second question's key input),
 * focusing the first field refused, and creates the cycle once fixed, opening its board, where a move another admin made first is refused with a clear message and the cycle reloaded. The review
 * queue of a preprocessed cycle (applications sent and the cycle moved through the API) is walked with the keyboard
 * alone (arrows and j/k move the focused row, Enter opens it, ←/→ and p/n move between applications), and shows no
 * applicant's name or email. A processing cycle's results file, with a line whose content hash is stale and a CSV line,
 * imports the good lines, says in its heading how many were rejected and names the two bad ones by line and reason (a
 * second import skips them all); a reviewer's score of 11 is refused on its input, not clamped; the scores page charts
 * the distribution; on the selection page an override needs its reason, which the table then shows, selection runs
 * after a confirmation (which does not call it final: it can run again), and a reveal says it is audited, then shows
 * the identity; once published, completing warns how many selected were not promoted. A draft's board shows its form's
 * address as text (a link only once applications open), and at 1280 px the phases fit on one row.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AppRouter } from "@shortlist/api";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { Locator, Page } from "playwright-core";
import superjson from "superjson";
import { afterAll, expect, test } from "vitest";
import { notified as notifiedOn, signIn, useE2eEnvironment } from "./harness";

const ADMIN = { email: "admissions-admin@example.com", password: "a-long-test-password" };
const APPLICANTS = [
  { name: "Yolanda Pemberton-Okafor", email: "yolanda.pemberton@example.org", words: "accessible transit maps" },
  { name: "Kasimir Dellavalle", email: "kasimir.dellavalle@example.org", words: "open flood sensors" },
  { name: "Ingrid Solveigsdottir", email: "ingrid.solveig@example.org", words: "a library for court records" },
];

const e2e = useE2eEnvironment({ admin: ADMIN, pageOptions: { viewport: { width: 1440, height: 1000 } } });
const notified = (title: string) => notifiedOn(e2e.page, title);
const SCREENSHOTS = process.env.SHORTLIST_E2E_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/admissions-staff-${name}.png`, fullPage: true });
};

/** The API as the signed-in admin of the page (its session cookie), for the data the keyboard test walks. */
async function apiOf(page: Page, url: string) {
  const cookie = (await page.context().cookies(url)).map((c) => `${c.name}=${c.value}`).join("; ");
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/trpc`, transformer: superjson, headers: { cookie } })],
  });
}

/** An input's accessible name: its label, with the asterisk of a required field when there is one. */
const named = (label: string) => new RegExp(`^${label}( \\*)?$`);
let scratch: string | undefined;
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

type Api = Awaited<ReturnType<typeof apiOf>>;

/** A cycle with the three applicants, preprocessed through the API (the scrubber runs in the background). */
async function preprocessedCycle(api: Api, slug: string, name: string) {
  const cycle = await api.admissions.cycles.create.mutate({
    slug,
    name,
    capacity: 2,
    questions: [{ key: "project", label: "A project you are proud of", kind: "long" }],
    criteria: [{ key: "impact", label: "Impact" }],
  });
  await api.admissions.open.mutate({ cycleId: cycle.id });
  for (const a of APPLICANTS) {
    await api.applicants.submit.mutate({
      slug,
      name: a.name,
      email: a.email,
      answers: { project: `I am ${a.name.split(" ")[0]} and I built ${a.words} with two friends over a summer.` },
    });
  }
  await api.admissions.freeze.mutate({ cycleId: cycle.id });
  await api.admissions.preprocess.mutate({ cycleId: cycle.id });
  await expect
    .poll(async () => (await api.admissions.cycles.get.query({ cycleId: cycle.id })).counts.ANONYMIZED, {
      timeout: 30_000,
    })
    .toBe(3);
  return cycle;
}

// Expressions evaluated in the page (the e2e files are type-checked without the DOM library).
const focusedText = (page: Page) => page.evaluate<string>(`document.activeElement?.textContent ?? ""`);
const isFocused = (input: Locator) => input.evaluate((el) => el.matches(":focus"));

test("the new-cycle form names the fields it refuses, then creates the cycle and opens its board", async () => {
  const { page, server } = e2e;
  await signIn(page, `${server.url}/admissions`, ADMIN);
  await page.getByRole("button", { name: "New cycle" }).click();
  const form = page.getByRole("form", { name: "New cycle" });
  await form.getByRole("textbox", { name: named("Name") }).fill("Civic Tech Fellows 2027");
  await form.getByLabel("Slug").fill("Civic Tech 2027");
  const first = form.getByRole("group", { name: "Question 1" });
  await first.getByLabel("Question key").fill("motivation");
  await first.getByRole("textbox", { name: named("Question") }).fill("Why this fellowship?");
  const criterion = form.getByRole("group", { name: "Criterion 1" });
  await criterion.getByLabel("Criterion key").fill("clarity");
  await criterion.getByRole("textbox", { name: named("Criterion") }).fill("Clarity");

  // A slug with spaces, a capacity of 0 and a limit above 10,000: each refused on its own input, as typed (a number
  // input clamping 0 to 1 would have created a cycle nobody asked for); the focus goes to the first, the slug.
  const capacity = form.getByLabel("Capacity");
  const maxLength = first.getByLabel("Max length");
  await capacity.fill("0");
  await maxLength.fill("20000");
  await form.getByRole("button", { name: "Create cycle" }).click();
  const slug = form.getByLabel("Slug");
  await expect.poll(() => slug.getAttribute("aria-invalid")).toBe("true");
  expect(await form.innerText()).toContain("Use lower-case letters, digits and hyphens");
  expect(await capacity.getAttribute("aria-invalid")).toBe("true");
  expect(await capacity.inputValue()).toBe("0");
  expect(await form.innerText()).toContain("Select at least 1");
  expect(await maxLength.getAttribute("aria-invalid")).toBe("true");
  expect(await maxLength.inputValue()).toBe("20000");
  expect(await first.innerText()).toContain("At most 10,000 characters");
  await expect.poll(() => isFocused(slug)).toBe(true);
  await expect.poll(() => page.getByRole("alert").filter({ hasText: "Not created" }).isVisible()).toBe(true);
  expect(page.url()).toBe(`${server.url}/admissions`);

  // Fixed; a second question with the first one's key is refused on the second question's key, which gets the focus.
  await slug.fill("civic-tech-2027");
  await capacity.fill("2");
  await maxLength.fill("4000");
  await form.getByRole("button", { name: "Add question" }).click();
  const second = form.getByRole("group", { name: "Question 2" });
  await second.getByLabel("Question key").fill("motivation");
  await second.getByRole("textbox", { name: named("Question") }).fill("A project you are proud of");
  await second.getByLabel("Kind").selectOption("short");
  await form.getByRole("button", { name: "Create cycle" }).click();
  const secondKey = second.getByLabel("Question key");
  await expect.poll(() => secondKey.getAttribute("aria-invalid")).toBe("true");
  expect(await second.innerText()).toContain("Key motivation is used twice");
  await expect.poll(() => isFocused(secondKey)).toBe(true);
  await shot(page, "form-refused");
  expect(await first.getByLabel("Question key").getAttribute("aria-invalid")).not.toBe("true");
  expect(await slug.getAttribute("aria-invalid")).not.toBe("true");

  await secondKey.fill("project");
  await form.getByRole("button", { name: "Create cycle" }).click();
  await expect.poll(notified("Cycle created")).toBe(true);
  await expect.poll(() => page.url()).toMatch(/\/admissions\/[0-9a-f-]{36}$/);
  await expect
    .poll(() => page.getByRole("heading", { name: "Civic Tech Fellows 2027", level: 1 }).isVisible())
    .toBe(true);
  expect(await page.getByTestId("cycle-phase").textContent()).toBe("Draft");
  // A draft's form answers "not found": its address is shown as text, not as a link.
  expect(await page.getByTestId("public-form-draft").innerText()).toBe(
    `Public form: ${server.url}/apply/civic-tech-2027 (opens when applications open)`,
  );
  expect(await page.getByTestId("public-form-link").count()).toBe(0);
  expect(await page.getByRole("button", { name: "Open applications" }).isVisible()).toBe(true);
  expect(await page.getByRole("button", { name: "Freeze applications" }).count()).toBe(0);
  await shot(page, "board-draft");

  // At 1280 px the ten phases fit on one row, without scrolling and without widening the page.
  await page.setViewportSize({ width: 1280, height: 1000 });
  const stepper = page.getByTestId("phase-stepper");
  const steps = stepper.locator(".mantine-Stepper-step");
  expect(await steps.count()).toBe(10);
  const tops = await steps.evaluateAll((all) => all.map((step) => Math.round(step.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);
  expect(await stepper.evaluate((nav) => nav.scrollWidth <= nav.clientWidth)).toBe(true);
  expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
  await shot(page, "board-draft-1280");
  await page.setViewportSize({ width: 1440, height: 1000 });

  // Another admin opens it meanwhile: this board's move is refused, says so, and the cycle reloads.
  const api = await apiOf(page, server.url);
  await api.admissions.open.mutate({ cycleId: page.url().split("/").at(-1)! });
  await page.getByRole("button", { name: "Open applications" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Open applications" }).click();
  await expect.poll(notified("Someone else moved this cycle")).toBe(true);
  await expect.poll(() => page.getByTestId("cycle-phase").textContent()).toBe("Submission");
  await expect.poll(() => page.getByRole("button", { name: "Freeze applications" }).isVisible()).toBe(true);
  expect(await page.getByTestId("public-form-link").innerText()).toBe(`${server.url}/apply/civic-tech-2027`);

  // The list shows it.
  await page.getByRole("link", { name: "All cycles" }).click();
  await expect.poll(() => page.getByTestId("cycles-table").innerText()).toContain("civic-tech-2027");
});

test("the review queue is walked with the keyboard, and shows no applicant's identity", async () => {
  const { page, server } = e2e;
  const api = await apiOf(page, server.url);
  const cycle = await preprocessedCycle(api, "keyboard-review", "Keyboard Review");

  await page.goto(`${server.url}/admissions/${cycle.id}/review`);
  const links = page.getByTestId("queue-application");
  await expect.poll(() => links.count()).toBe(3);
  const queue = await page.getByTestId("review-queue").innerText();
  for (const a of APPLICANTS) {
    expect(queue).not.toContain(a.name.split(" ")[0]);
    expect(queue).not.toContain(a.email);
  }

  // The first key brings the focus to the first row; the next ones move it.
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => focusedText(page)).toBe("#1");
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => focusedText(page)).toBe("#2");
  await page.keyboard.press("j");
  await expect.poll(() => focusedText(page)).toBe("#3");
  await page.keyboard.press("j"); // the last row stays
  await expect.poll(() => focusedText(page)).toBe("#3");
  await page.keyboard.press("k");
  await expect.poll(() => focusedText(page)).toBe("#2");
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => focusedText(page)).toBe("#1");
  await page.keyboard.press("ArrowDown");
  // The highlighted row is marked, and its link holds the (visible) focus.
  expect(await page.locator("tr[data-highlighted]").innerText()).toContain("#2");
  expect(await page.evaluate<boolean>(`document.activeElement?.matches(":focus-visible") ?? false`)).toBe(true);
  await shot(page, "queue-keyboard");

  await page.keyboard.press("Enter");
  await expect.poll(() => page.getByRole("heading", { name: "Application #2" }).isVisible()).toBe(true);
  const answer = await page.getByTestId("answer-text").innerText();
  expect(answer).toContain("[NAME]");
  expect(answer).not.toContain(APPLICANTS[1]!.name.split(" ")[0]);
  await shot(page, "review-application");

  // ←/→ and p/n: the neighbours by number.
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => page.getByRole("heading", { name: "Application #3" }).isVisible()).toBe(true);
  await page.keyboard.press("p");
  await expect.poll(() => page.getByRole("heading", { name: "Application #2" }).isVisible()).toBe(true);
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => page.getByRole("heading", { name: "Application #1" }).isVisible()).toBe(true);
  expect(await page.getByRole("button", { name: "Previous application" }).isDisabled()).toBe(true);
  await page.keyboard.press("n");
  await expect.poll(() => page.getByRole("heading", { name: "Application #2" }).isVisible()).toBe(true);

  // Typing in a field is not navigation.
  await page.goto(`${server.url}/admissions/${cycle.id}/review`);
  await expect.poll(() => links.count()).toBe(3);
  await page.getByRole("switch", { name: "Not scored by me" }).focus();
  await page.keyboard.press("j");
  expect(await page.evaluate<string | null>(`document.activeElement?.getAttribute("role") ?? null`)).toBe("switch");
});

test("results import names its rejected lines; scores chart; overrides need a reason; selection and an audited reveal", async () => {
  const { page, server } = e2e;
  const api = await apiOf(page, server.url);
  const cycle = await preprocessedCycle(api, "selection-screens", "Selection Screens");
  await api.admissions.startBatchPrep.mutate({ cycleId: cycle.id });
  const batch = await api.admissions.exportBatch.mutate({ cycleId: cycle.id });
  const { lines } = await api.admissions.batchRows.query({ batchId: batch.id });
  await api.admissions.startProcessing.mutate({ cycleId: cycle.id });

  // Application #1 scores 8, #2 5, #3 3; line 4 sends a stale content hash, line 5 is a CSV row.
  const impact = [8, 5, 3];
  const worker = (line: (typeof lines)[number], evaluatorId = "worker-a", contentHash = line.contentHash) =>
    JSON.stringify({
      kind: "worker",
      batchId: line.batchId,
      applicationId: line.applicationId,
      evaluatorId,
      contentHash,
      scores: { impact: impact[line.number - 1] },
      rationale: "Scored against the rubric.",
    });
  const byNumber = [...lines].sort((a, b) => a.number - b.number);
  const file = [
    ...byNumber.map((line) => worker(line)),
    worker(byNumber[0]!, "worker-b", "0".repeat(64)),
    "applicationId,impact",
  ].join("\n");
  scratch = await mkdtemp(join(tmpdir(), "shortlist-e2e-admissions-staff-"));
  const resultsPath = join(scratch, "results.jsonl");
  await writeFile(resultsPath, `${file}\n`);

  await page.goto(`${server.url}/admissions/${cycle.id}`);
  await page.getByLabel("Results file (JSONL)").waitFor();
  expect(await page.getByTestId("cycle-totals").innerText()).toContain("· 1 batch · 0 selection runs");
  await page.getByTestId("results-file").setInputFiles(resultsPath);
  await page.getByRole("button", { name: "Import results" }).click();
  const summary = page.getByTestId("import-summary");
  await expect.poll(() => summary.isVisible()).toBe(true);
  expect(await summary.innerText()).toBe("3 created · 0 skipped (already imported) · 2 rejected");
  // The heading says what happened, rejections included: not a plain "imported".
  const title = page.getByTestId("import-title");
  expect(await title.innerText()).toBe("3 lines imported, 2 rejected from results.jsonl");
  const rejected = await page.getByTestId("import-rejected").locator("li").allInnerTexts();
  expect(rejected).toHaveLength(2);
  expect(rejected[0]).toMatch(/^line 4: .*content/i);
  expect(rejected[1]).toBe(
    "line 5: not a JSON object (the file should be JSON Lines: one JSON object per line, each a worker or judge result)",
  );
  await shot(page, "board-import-rejected");
  // Again: nothing new.
  await page.getByRole("button", { name: "Import results" }).click();
  await expect.poll(() => summary.innerText()).toBe("0 created · 3 skipped (already imported) · 2 rejected");
  expect(await title.innerText()).toBe("0 lines imported, 3 skipped, 2 rejected from results.jsonl");

  // A reviewer's score of 11 is refused on its input (kept as typed, not clamped to 10) and focused.
  await page.goto(`${server.url}/admissions/${cycle.id}/review/${byNumber[0]!.applicationId}`);
  const myScores = page.getByRole("form", { name: "My scores" });
  const impactScore = myScores.getByLabel("Impact");
  await impactScore.fill("11");
  await myScores.getByRole("button", { name: "Save my scores" }).click();
  await expect.poll(() => impactScore.getAttribute("aria-invalid")).toBe("true");
  expect(await impactScore.inputValue()).toBe("11");
  expect(await myScores.innerText()).toContain("From 0 to 10");
  await expect.poll(() => isFocused(impactScore)).toBe(true);
  await page.goto(`${server.url}/admissions/${cycle.id}`);

  // Compute scores, confirmed in its dialog.
  await page.getByRole("button", { name: "Compute scores" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Compute scores" }).click();
  await expect.poll(notified("Scores computed")).toBe(true);
  await page.getByRole("link", { name: "Scores", exact: true }).click();
  const scoreRows = page.getByTestId("scores-table").locator("tbody tr");
  await expect
    .poll(() => scoreRows.allInnerTexts())
    .toEqual([
      expect.stringMatching(/^1\s+#1\s+8\.0/),
      expect.stringMatching(/^2\s+#2\s+5\.0/),
      expect.stringMatching(/^3\s+#3\s+3\.0/),
    ]);
  await expect.poll(() => page.getByTestId("distribution-summary").isVisible()).toBe(true);
  expect(await page.getByTestId("distribution-summary").innerText()).toContain("3 scored · mean 5.3 · median 5.0");
  await expect.poll(() => page.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
  await shot(page, "scores");

  // An override without a reason is refused on the Reason field; with one, it is saved.
  await page.getByRole("link", { name: "Selection", exact: true }).click();
  await page.getByRole("button", { name: "Override application #3" }).click();
  const dialog = page.getByRole("dialog", { name: "Override application #3" });
  await dialog.getByRole("button", { name: "Save override" }).click();
  const reason = dialog.getByLabel("Reason");
  await expect.poll(() => reason.getAttribute("aria-invalid")).toBe("true");
  await reason.fill("Strong community references the rubric does not capture.");
  await dialog.getByRole("button", { name: "Save override" }).click();
  await expect.poll(notified("Override saved")).toBe(true);
  // The table shows why the lowest score is pushed in, beside its badge.
  const overridden = page.getByTestId("overrides-table").locator("tbody tr").filter({ hasText: "#3" });
  await expect
    .poll(() => overridden.getByTestId("override-reason").innerText())
    .toBe("Strong community references the rubric does not capture.");
  expect(await overridden.innerText()).toMatch(/Always select/i);

  // Run selection: the included #3 and the best of the rest, #1 (capacity 2), listed by rank. It can be run again,
  // so its confirmation does not say it cannot be undone.
  await page.getByRole("button", { name: "Run selection" }).click();
  const runSelection = page.getByRole("dialog", { name: "Run selection?" });
  await expect.poll(() => runSelection.innerText()).toContain("It can be run again until outcomes are published");
  expect(await runSelection.innerText()).not.toContain("cannot be undone");
  await runSelection.getByRole("button", { name: "Run selection" }).click();
  await expect.poll(notified("Selection run")).toBe(true);
  const selected = page.getByTestId("selected-table").locator("tbody tr");
  await expect
    .poll(() => selected.allInnerTexts())
    .toEqual([expect.stringMatching(/^1\s+#1\s+8\.0/), expect.stringMatching(/^3\s+#3\s+3\.0\s+Always select/i)]);
  expect(await page.getByTestId("selection-log").innerText()).toContain("Administrator");

  // Reveal: the dialog says it is audited; the identity shows after.
  await page.getByRole("button", { name: "Reveal identity of application #3" }).click();
  const reveal = page.getByRole("dialog", { name: "Reveal the identity of application #3?" });
  expect(await reveal.innerText()).toContain("recorded in the audit log");
  await reveal.getByRole("button", { name: "Reveal", exact: true }).click();
  const identity = page.getByTestId("revealed-identity");
  await expect.poll(() => identity.isVisible()).toBe(true);
  // Numbers follow the order of submission: #3 is the third applicant.
  expect(await identity.innerText()).toContain(APPLICANTS[2]!.email);
  expect(await identity.innerText()).toContain(APPLICANTS[2]!.name);
  await shot(page, "selection-revealed");

  // Published, nobody promoted: completing warns that the two selected could no longer be promoted.
  await api.admissions.publish.mutate({ cycleId: cycle.id });
  await page.goto(`${server.url}/admissions/${cycle.id}`);
  await page.getByRole("button", { name: "Complete cycle" }).click();
  const complete = page.getByRole("dialog", { name: "Complete cycle?" });
  await expect
    .poll(() =>
      complete
        .getByTestId("move-warning")
        .innerText()
        .catch(() => ""),
    )
    .toMatch(/^2 selected applicants are not promoted into a job yet, and cannot be once the cycle is completed/);
  expect(await complete.innerText()).toContain("cannot be undone");
  await shot(page, "complete-unpromoted");
  await complete.getByRole("button", { name: "Cancel" }).click();
});
