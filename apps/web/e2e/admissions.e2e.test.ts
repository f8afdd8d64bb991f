/**
 * Issue #12's "Done when", in one walk through the SPA: an admin creates a blind admission cycle and opens it; three
 * applicants apply on the public page (the first, on a phone, sends bad input first; a fourth tries an email already
 * used); the admin freezes, preprocesses, starts batch prep, exports and downloads the batch, starts processing and
 * imports a results file of worker and judge results built from the batch's lines (one judge adjusts, one rejects),
 * computes scores, selects two (capacity 2), reveals one of them, publishes; an applicant checks the outcome with
 * their receipt; the admin promotes the selected into a job's pipeline and completes the cycle, then still reveals
 * the other selected applicant. The audit chain then verifies and holds every step.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AppRouter, AuditEventDTO, BatchLineDto } from "@shortlist/api";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { Page } from "playwright-core";
import superjson from "superjson";
import { afterAll, expect, onTestFailed, test } from "vitest";
import { signIn, useE2eEnvironment } from "./harness";
import {
  apply,
  applyPage,
  applyTwice,
  applyWithMistakes,
  checkOutcome,
  field,
  fillApplication,
  newApplicantContext,
  shot,
  visible,
} from "./fixtures/admissions/applicants";
import { APPLICANTS, CYCLE, CRITERIA, QUESTIONS, resultLines, type Scored } from "./fixtures/admissions/cycle";

const ADMIN = { email: "admin@example.com", password: "a-long-test-password" };
const JOB = { title: "Research Engineer", company: "Open Commons Lab" };

const e2e = useE2eEnvironment({
  admin: ADMIN,
  pageOptions: { acceptDownloads: true, viewport: { width: 1440, height: 1000 } },
});

let scratch: string | undefined;
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** The API as the signed-in admin of the page (its session cookie): set-up and checks, never the steps under test. */
async function apiOf(page: Page, url: string) {
  const cookie = (await page.context().cookies(url)).map((c) => `${c.name}=${c.value}`).join("; ");
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/trpc`, transformer: superjson, headers: { cookie } })],
  });
}
type Api = Awaited<ReturnType<typeof apiOf>>;

/**
 * One of the board's moves: its button, then (for an irreversible move) the confirmation's button of the same name;
 * done once the cycle is in `phase` (read through the API: the board may still be refreshing).
 */
async function move(page: Page, api: Api, cycleId: string, action: string, phase: string) {
  const trigger = page.getByRole("button", { name: action, exact: true }).first();
  const confirm = page.getByRole("dialog").getByRole("button", { name: action, exact: true });
  await trigger.click();
  const phaseNow = async () => (await api.admissions.cycles.get.query({ cycleId })).phase;
  await expect.poll(async () => (await confirm.isVisible()) || (await phaseNow()) === phase).toBe(true);
  if (await confirm.isVisible()) await confirm.click();
  await expect.poll(phaseNow).toBe(phase);
  await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
}

/** The "New cycle" form on the cycles list, filled as an admin types it. */
async function createCycle(page: Page): Promise<string> {
  await page.getByRole("button", { name: "New cycle" }).click();
  const form = page.getByRole("dialog").getByRole("form", { name: "New cycle" });
  await field(form, "Name").fill(CYCLE.name);
  await field(form, "Slug").fill(CYCLE.slug);
  await field(form, "Description").fill(CYCLE.description);
  await field(form, "Capacity").fill(String(CYCLE.capacity));
  for (const [index, question] of QUESTIONS.entries()) {
    if (index > 0) await form.getByRole("button", { name: "Add question" }).click();
    await field(form, "Question key").nth(index).fill(question.key);
    await field(form, "Question").nth(index).fill(question.label);
    await field(form, "Kind").nth(index).selectOption(question.kind);
    await field(form, "Max length").nth(index).fill(String(question.maxLength));
    const required = field(form, "Required").nth(index);
    if ((await required.isChecked()) !== question.required) await required.click();
    const identifying = field(form, "Identifying").nth(index);
    if ((await identifying.isChecked()) !== question.identifying) await identifying.click();
  }
  for (const [index, criterion] of CRITERIA.entries()) {
    if (index > 0) await form.getByRole("button", { name: "Add criterion" }).click();
    await field(form, "Criterion key").nth(index).fill(criterion.key);
    await field(form, "Criterion").nth(index).fill(criterion.label);
    await field(form, "Weight").nth(index).fill(String(criterion.weight));
  }
  await shot(page, "admissions-new-cycle");
  await form.getByRole("button", { name: "Create cycle" }).click();
  await page.waitForURL(/\/admissions\/[0-9a-f-]{36}$/);
  return page.url().split("/").at(-1)!;
}

test(
  "a whole admission cycle in the browser: apply, freeze, preprocess, export, import results, score, select, " +
    "reveal, publish, check the outcome, promote, complete; the audit chain verifies and lists every step",
  { timeout: 600_000 },
  async () => {
    const { page, server, browser } = e2e;
    const url = server.url;
    onTestFailed(() => shot(page, "admissions-admin-failed"));
    scratch = await mkdtemp(join(tmpdir(), "shortlist-e2e-admissions-"));

    await signIn(page, `${url}/admissions`, ADMIN);
    await page.getByRole("button", { name: "New cycle" }).waitFor();
    const api = await apiOf(page, url);
    const job = await api.jobs.create.mutate(JOB);

    // The cycle, made in the form; a draft has no public form yet.
    const cycleId = await createCycle(page);
    const applicants = await newApplicantContext(browser);
    const draft = await applyPage(applicants, url);
    await visible(draft.getByRole("heading", { name: "Application form not found" }));
    await move(page, api, cycleId, "Open applications", "SUBMISSION");
    await visible(page.getByRole("link", { name: new RegExp(`/apply/${CYCLE.slug}$`) }));
    await shot(page, "admissions-board-open");

    // Three applicants; the first on a phone, with mistakes first. A fourth tries the first one's email.
    const phone = await newApplicantContext(browser, true);
    const receipts: Scored[] = [];
    receipts.push({ ...APPLICANTS[0]!, ...(await applyWithMistakes(phone, url, APPLICANTS[0]!)) });
    for (const applicant of APPLICANTS.slice(1))
      receipts.push({ ...applicant, ...(await apply(applicants, url, applicant)) });
    await applyTwice(applicants, url, APPLICANTS[0]!);

    // Frozen: the public form says it is closed.
    await page.reload();
    await move(page, api, cycleId, "Freeze applications", "FROZEN");
    await draft.reload();
    await visible(draft.getByText("Applications are closed"));
    expect(await draft.getByRole("button", { name: "Submit application" }).count()).toBe(0);

    // Preprocessing: scrubbed in the background while the board shows its progress, then batch prep.
    await move(page, api, cycleId, "Start preprocessing", "PREPROCESSING");
    await visible(page.getByRole("progressbar", { name: "Preprocessing progress" }));
    await expect
      .poll(() => page.getByTestId("preprocessing-progress").innerText())
      .toBe(`${APPLICANTS.length} of ${APPLICANTS.length} applications anonymized (100%), done`);
    await move(page, api, cycleId, "Start batch prep", "BATCH_PREP");

    // The batch, exported and downloaded: one line per application, with its content hash.
    await page.getByRole("button", { name: "Export batch", exact: true }).first().click();
    const confirmExport = page.getByRole("dialog").getByRole("button", { name: "Export batch", exact: true });
    const downloadLink = page.getByRole("link", { name: "Download batch file" }).first();
    await expect.poll(async () => (await confirmExport.isVisible()) || (await downloadLink.isVisible())).toBe(true);
    if (await confirmExport.isVisible()) await confirmExport.click();
    const [batchDownload] = await Promise.all([page.waitForEvent("download"), downloadLink.click()]);
    const lines = (await readFile((await batchDownload.path())!, "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as BatchLineDto);
    expect(lines.map((l) => l.applicationId).sort()).toEqual(receipts.map((r) => r.applicationId).sort());
    // Anonymized: nobody's name or email in the file.
    const file = JSON.stringify(lines);
    for (const applicant of APPLICANTS) {
      expect(file).not.toContain(applicant.name);
      expect(file).not.toContain(applicant.email);
    }
    await shot(page, "admissions-board-batch");
    await move(page, api, cycleId, "Start processing", "PROCESSING");

    // The results file: two workers per application and a judge (accept, adjust, reject), from the batch's lines.
    const resultsPath = join(scratch, "results.jsonl");
    await writeFile(resultsPath, resultLines(lines, receipts));
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByLabel("Results file (JSONL)").click(),
    ]);
    await chooser.setFiles(resultsPath);
    await page.getByRole("button", { name: "Import results", exact: true }).click();
    const resultCount = resultLines(lines, receipts).trim().split("\n").length;
    await expect
      .poll(() => page.getByTestId("import-summary").innerText())
      .toMatch(new RegExp(`^${resultCount} created · 0 skipped .* · 0 rejected`));
    await shot(page, "admissions-board-imported");
    await move(page, api, cycleId, "Compute scores", "SCORED");

    // Scores: by rank, the applicant the judge adjusted second, the one whose inflated result was rejected last.
    const ranked = [...receipts].sort((a, b) => b.expectedScore - a.expectedScore);
    const numberOf = (r: Scored) => lines.find((l) => l.applicationId === r.applicationId)!.number;
    await page.getByRole("link", { name: "Scores", exact: true }).click();
    await page.waitForURL(new RegExp(`/admissions/${cycleId}/scores$`));
    const scoreRows = page.getByTestId("scores-table").locator("tbody tr");
    await expect.poll(() => scoreRows.count()).toBe(APPLICANTS.length);
    // Each row: rank, number, final score, the criteria's means (one decimal each), the evaluations that counted.
    for (const [index, applicant] of ranked.entries()) {
      const cells = [
        index + 1,
        `#${numberOf(applicant)}`,
        applicant.expectedScore.toFixed(1),
        ...CRITERIA.map((c) => applicant.expectedMeans[c.key as "clarity" | "impact"].toFixed(1)),
        applicant.expectedEvaluations,
      ];
      await expect.poll(() => scoreRows.nth(index).innerText()).toMatch(new RegExp(`^${cells.join("\\s+")}\\s`));
    }
    await shot(page, "admissions-scores");

    // Selection of two; the first selected revealed (confirmed, audited).
    await page.goto(`${url}/admissions/${cycleId}/selection`);
    await move(page, api, cycleId, "Run selection", "SELECTION");
    const selected = await api.admissions.selection.selected.query({ cycleId });
    expect(selected.map((s) => s.applicationId)).toEqual(ranked.slice(0, 2).map((r) => r.applicationId));
    await page.getByRole("button", { name: `Reveal identity of application #${numberOf(ranked[0]!)}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Reveal", exact: true }).click();
    await visible(page.getByText(ranked[0]!.name));
    await visible(page.getByText(ranked[0]!.email));
    await shot(page, "admissions-selection-revealed");

    // Published: the first applicant reads the outcome with their receipt; the one left out reads theirs.
    await page.goto(`${url}/admissions/${cycleId}`);
    await move(page, api, cycleId, "Publish outcomes", "PUBLISHED");
    const outcome = await checkOutcome(phone, url, ranked[0]!);
    const left = ranked[2]!;
    await outcome.goto(`${url}/apply/${CYCLE.slug}/status?application=${left.applicationId}&receipt=${left.receipt}`);
    await visible(outcome.getByTestId("application-outcome").getByText("You were not selected this time"));

    // Promoted into the job's pipeline in one action: the two selected are candidates on the job's board.
    await page.goto(`${url}/admissions/${cycleId}/selection`);
    await page.getByRole("combobox", { name: "Job" }).click();
    await page.getByRole("option", { name: new RegExp(JOB.title) }).click();
    await page.getByRole("button", { name: "Promote selected" }).click();
    await expect
      .poll(async () => (await api.admissions.selection.selected.query({ cycleId })).every((s) => s.candidateId))
      .toBe(true);
    await visible(page.getByTestId("promote-result").getByText(/^2 candidates created in Research Engineer/));
    await shot(page, "admissions-promoted");
    await page.getByRole("link", { name: "Open the job's board" }).click();
    await page.waitForURL(new RegExp(`/jobs/${job.id}$`));
    for (const applicant of ranked.slice(0, 2))
      await visible(page.getByTestId("board-card").filter({ hasText: applicant.name }));
    expect(await page.getByTestId("board-card").filter({ hasText: left.name }).count()).toBe(0);

    // Completed.
    await page.goto(`${url}/admissions/${cycleId}`);
    await move(page, api, cycleId, "Complete cycle", "COMPLETED");
    await shot(page, "admissions-board-completed");

    // Completed, nothing can change, but an admin still reads who was selected: the second one revealed (audited).
    await page.goto(`${url}/admissions/${cycleId}/selection`);
    await page.getByRole("button", { name: `Reveal identity of application #${numberOf(ranked[1]!)}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Reveal", exact: true }).click();
    await visible(page.getByText(ranked[1]!.email));
    await shot(page, "admissions-completed-revealed");

    // The audit chain verifies on the Audit screen, and the trail holds every step of the cycle.
    await page.goto(`${url}/audit`);
    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect.poll(() => page.getByTestId("verify-result").innerText()).toContain("The chain holds");
    const verified = await api.audit.verify.query({});
    expect(verified.ok).toBe(true);
    const steps = [
      "admissions.cycles.create",
      "admissions.open",
      "applicants.submit",
      "admissions.freeze",
      "admissions.preprocess",
      "admissions.startBatchPrep",
      "admissions.exportBatch",
      "admissions.startProcessing",
      "admissions.importResults",
      "admissions.score",
      "admissions.select",
      "admissions.reveal",
      "admissions.publish",
      "admissions.promote",
      "admissions.complete",
    ];
    const trail = new Map<string, AuditEventDTO[]>();
    for (const action of steps) trail.set(action, (await api.audit.list.query({ action, limit: 200 })).items);
    expect(steps.filter((action) => !trail.get(action)?.length)).toEqual([]);
    expect(trail.get("applicants.submit")).toHaveLength(APPLICANTS.length);
    // Who looked at whom: the reveal names the admin and the application. Neither the submissions nor the reveal
    // hold an applicant's identity, even opened.
    const reveals = trail.get("admissions.reveal")!;
    expect(reveals.map((e) => [e.entity.id, e.actor.type]).sort()).toEqual(
      [
        [ranked[0]!.applicationId, "user"],
        [ranked[1]!.applicationId, "user"],
      ].sort(),
    );
    const events = JSON.stringify([...trail.get("applicants.submit")!, ...reveals]);
    for (const applicant of APPLICANTS) {
      expect(events).not.toContain(applicant.name);
      expect(events).not.toContain(applicant.email);
    }
    await phone.close();
    await applicants.close();
  },
);

// Last in the file: it uses up the form's rate limit for this address (which the walk above needs).
test("the public form refuses a flood from one address and says when to try again", { timeout: 120_000 }, async () => {
  const { page, server, browser } = e2e;
  const api = await apiOf(page, server.url);
  const slug = `${CYCLE.slug}-flood`;
  const cycle = await api.admissions.cycles.create.mutate({ ...CYCLE, slug, questions: QUESTIONS, criteria: CRITERIA });
  await api.admissions.open.mutate({ cycleId: cycle.id });
  const context = await newApplicantContext(browser);
  const flood = await context.newPage();
  onTestFailed(() => shot(flood, "admissions-flood-failed"));
  await flood.goto(`${server.url}/apply/${slug}`);
  await fillApplication(flood, APPLICANTS[1]!);
  await flood.getByRole("button", { name: "Submit application" }).click();
  await flood.getByRole("heading", { name: "Application received" }).waitFor();

  // The same email again and again: refused as a duplicate until the address has used up its attempts.
  await flood.goto(`${server.url}/apply/${slug}`);
  await fillApplication(flood, APPLICANTS[1]!);
  const limited = flood.getByRole("alert").filter({ hasText: "Too many applications from your network" });
  for (let attempt = 0; attempt < 12 && !(await limited.isVisible()); attempt++) {
    const answered = flood.waitForResponse((response) => response.url().includes("applicants.submit"));
    await flood.getByRole("button", { name: "Submit application" }).click();
    await answered;
  }
  await visible(limited);
  await visible(limited.getByText(/Please try again after .+\./));
  await shot(flood, "admissions-apply-rate-limited");
  await context.close();
});
