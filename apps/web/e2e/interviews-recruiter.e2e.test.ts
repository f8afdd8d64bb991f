/**
 * Issue #13's recruiter screens: an interview prepared from the candidate page (a job with a vacancy profile and the
 * starter bank, set up through the API), its plan reordered with the keyboard, one question swapped for another found
 * in the bank, saved (and still so after a reload), the link sent (its URL shown once, the email in the Mailbox).
 * The candidate answers through the public procedures while the page follows live, then shows the results and the
 * scorecard; a score is overridden with its reason. The Interviews screen filters by status; the board card's menu
 * opens or prepares an interview; the job's matching page ranks its applicants by fit, explains one, and adds someone
 * from the rest of the database to the job.
 */
import type { AppRouter } from "@shortlist/api";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { Page } from "playwright-core";
import superjson from "superjson";
import { expect, onTestFailed, test } from "vitest";
import { notified, signIn, useE2eEnvironment } from "./harness";

const RECRUITER = { email: "recruiter@example.com", password: "a-long-test-password" };
const JOB = { title: "Data Engineer", company: "Globex" };
const ANA = { name: "Ana Moreira", email: "ana.moreira@example.com" };
const BEN = { name: "Ben Okafor", email: "ben.okafor@example.com" };
const CLEO = { name: "Cleo Varga", email: "cleo.varga@example.com" };
const SCREENSHOTS = process.env.SHORTLIST_E2E_SCREENSHOTS;

const e2e = useE2eEnvironment({
  admin: RECRUITER,
  dataDirPrefix: "shortlist-e2e-interviews-recruiter-",
  pageOptions: { viewport: { width: 1440, height: 1000 } },
});

const shot = async (page: Page, name: string) => {
  if (SCREENSHOTS && !page.isClosed()) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
};
const visible = (locator: { isVisible(): Promise<boolean> }) => expect.poll(() => locator.isVisible()).toBe(true);

/** The API as the signed-in user of the page (its session cookie), for what the test sets up rather than types. */
async function apiOf(page: Page, url: string) {
  const cookie = (await page.context().cookies(url)).map((c) => `${c.name}=${c.value}`).join("; ");
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/trpc`, transformer: superjson, headers: { cookie } })],
  });
}
type Api = Awaited<ReturnType<typeof apiOf>>;

/** A plain-text CV, uploaded through the file route with the page's session. */
async function uploadCv(page: Page, candidateId: string, text: string) {
  const url = e2e.server.url;
  const response = await page.request.post(`${url}/api/candidates/${candidateId}/cv`, {
    headers: { origin: url },
    multipart: { file: { name: "cv.txt", mimeType: "text/plain", buffer: Buffer.from(text) } },
  });
  expect(response.ok(), await response.text()).toBe(true);
}

/** The job with its profile, Ana and Ben applied (Ana with a CV), Cleo on file with a CV, the starter bank. */
async function setUp(api: Api, page: Page) {
  const job = await api.jobs.create.mutate({ ...JOB, location: "Porto" });
  await api.intake.updateProfile.mutate({
    jobId: job.id,
    version: 0,
    profile: {
      title: JOB.title,
      company: JOB.company,
      seniority: "senior",
      mustHave: [
        { skill: "PostgreSQL", weight: 5 },
        { skill: "Python", weight: 4 },
      ],
      niceToHave: [{ skill: "Docker", weight: 2 }],
    },
  });
  const ana = await api.candidates.create.mutate({ ...ANA, jobId: job.id, consentGiven: true });
  await api.candidates.create.mutate({ ...BEN, jobId: job.id, consentGiven: true });
  const cleo = await api.candidates.create.mutate({ ...CLEO, consentGiven: true });
  await uploadCv(
    page,
    ana.id,
    `${ANA.name}\nSenior Data Engineer\n\nExperience\nSenior Data Engineer, Initech, Jan 2017 - present\n` +
      "Built data pipelines in Python on PostgreSQL; ran them in Docker.\n",
  );
  await uploadCv(
    page,
    cleo.id,
    `${CLEO.name}\nData Engineer\n\nExperience\nData Engineer, Umbrella, Mar 2019 - present\n` +
      "Python services and PostgreSQL reporting.\n",
  );
  await api.questions.loadStarterBank.mutate();
  return { jobId: job.id, anaId: ana.id };
}

/** An answer with a concrete example, long enough that the interviewer moves on without a follow-up. */
const GOOD_ANSWER =
  "In my current role I led this work myself. For example, I measured the problem first (p95 latency at 800 ms), " +
  "then changed one thing at a time: added the missing PostgreSQL index, moved the slow report to a background job " +
  "in Python, and reviewed the result with the team. Latency fell to 120 ms and we wrote the steps down.";

/**
 * The candidate's side through the public procedures (their own page has its own browser test): starts, then answers
 * `count` questions (all when left out), each once the interviewer has had its turn.
 */
async function answerAsCandidate(url: string, token: string, count = Infinity) {
  const candidate = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/trpc`, transformer: superjson })],
  });
  let view = await candidate.interviewLink.start.mutate({ token });
  for (let answered = 0; answered < count && view.status === "IN_PROGRESS";) {
    const afterSeq = Math.max(0, ...view.messages.filter((m) => m.role === "user").map((m) => m.seq));
    view = await candidate.interviewLink.awaitTurn.query({ token, afterSeq, timeoutMs: 15_000 });
    if (!view.current) break;
    const asked = view.current.id;
    view = await candidate.interviewLink.answer.mutate({ token, questionId: asked, text: GOOD_ANSWER });
    if (view.current?.id !== asked) answered += 1;
  }
  return view;
}

/** The live region dnd-kit speaks through. */
const announced = (page: Page) => page.locator('[id^="DndLiveRegion"]').innerText();

test("an interview prepared, its plan reordered by keyboard and a question swapped, the link sent, followed live and overridden; the job's candidates ranked and one added", async () => {
  const { page, server } = e2e;
  onTestFailed(() => shot(page, "interviews-recruiter-failed"));
  await signIn(page, `${server.url}/jobs`, RECRUITER);
  await page.getByRole("heading", { name: "Jobs" }).waitFor();
  const api = await apiOf(page, server.url);
  const { jobId, anaId } = await setUp(api, page);

  // Prepared from Ana's application on her page: the interview's page, with a plan built from the profile.
  await page.goto(`${server.url}/candidates/${anaId}`);
  await page.getByRole("heading", { name: ANA.name }).waitFor();
  await page.getByRole("button", { name: `Prepare interview: ${JOB.title}` }).click();
  await page.waitForURL(/\/interviews\/[0-9a-f-]{36}$/);
  const interviewUrl = page.url();
  await page.getByRole("heading", { name: `Interview with ${ANA.name}` }).waitFor();
  expect(await page.getByTestId("interview-status").textContent()).toBe("Preparing");
  const plan = page.getByRole("list", { name: "Interview plan" });
  const planTexts = () => plan.getByTestId("plan-question-text").allInnerTexts();
  await expect.poll(async () => (await planTexts()).length).toBeGreaterThan(2);
  const before = await planTexts();
  await shot(page, "interview-prepared");

  // The second question moved up with the keyboard: picked up with Space, moved, dropped with Space. Each step
  // waits for dnd-kit's announcement (a key pressed before it has measured the list is lost).
  await plan.getByRole("button", { name: "Move question 2", exact: true }).focus();
  await page.keyboard.press("Space");
  await expect.poll(() => announced(page)).toMatch(/Picked up|is at position 2\./);
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => announced(page)).toContain("is at position 1.");
  await page.keyboard.press("Space");
  await expect.poll(() => announced(page)).toContain("dropped at position 1.");
  await expect.poll(planTexts).toEqual([before[1], before[0], ...before.slice(2)]);

  // The last question swapped for one the bank search finds for its skill (those in the plan cannot be picked).
  const last = before.length;
  await plan.getByRole("button", { name: `Swap question ${last}`, exact: true }).click();
  const picker = page.getByRole("dialog");
  const pickable = picker
    .getByTestId("question-result")
    .filter({ has: page.getByRole("button", { name: /^Swap in/ }) });
  await expect.poll(() => pickable.count()).toBeGreaterThan(0);
  const chosen = await pickable.first().getByTestId("question-result-text").innerText();
  expect(before).not.toContain(chosen);
  await pickable
    .first()
    .getByRole("button", { name: /^Swap in/ })
    .click();
  await expect.poll(() => picker.isVisible()).toBe(false);
  const edited = [before[1], before[0], ...before.slice(2, -1), chosen];
  await expect.poll(planTexts).toEqual(edited);
  await visible(page.getByText("Unsaved changes"));
  // The link waits for the plan to be saved.
  expect(await page.getByRole("button", { name: "Send link" }).isDisabled()).toBe(true);

  await page.getByRole("button", { name: "Save plan" }).click();
  await expect.poll(notified(page, "Plan saved")).toBe(true);
  await page.reload();
  await expect.poll(planTexts).toEqual(edited);

  // A colleague saves the plan meanwhile (same order): a change made here is refused as stale, and Reload shows theirs.
  await plan.getByRole("button", { name: `Remove question ${last}`, exact: true }).click();
  await expect.poll(async () => (await planTexts()).length).toBe(last - 1);
  const saved = await api.interviews.get.query({ id: interviewUrl.split("/").at(-1)! });
  await api.interviews.updatePlan.mutate({
    id: saved.id,
    version: saved.version,
    questionIds: saved.plan.map((q) => q.questionId!),
  });
  await page.getByRole("button", { name: "Save plan" }).click();
  const stale = page.getByRole("alert").filter({ hasText: "Someone else saved this interview first" });
  await stale.getByRole("button", { name: "Reload" }).click();
  await expect.poll(planTexts).toEqual(edited);
  await visible(page.getByText("Saved · "));
  await shot(page, "interview-plan-saved");

  // The link: sent for three days; its URL shown this once, the email in the outbox.
  await page.getByRole("button", { name: "Send link" }).click();
  const dialog = page.getByRole("dialog", { name: `Send the interview link to ${ANA.name}` });
  await dialog.getByLabel("Days until the link expires").fill("3");
  await dialog.getByRole("button", { name: "Send link" }).click();
  await expect.poll(notified(page, "Link sent")).toBe(true);
  const url = await page.getByTestId("interview-link-url").innerText();
  expect(url).toMatch(/\/interview\/[A-Za-z0-9_-]{43}$/);
  await expect.poll(() => page.getByTestId("interview-status").textContent()).toBe("Link sent");
  await visible(page.getByTestId("link-panel").getByText("Not opened yet"));
  await shot(page, "interview-link-sent");
  await page.getByTestId("link-issued").getByRole("link", { name: "open the Mailbox" }).click();
  await page.getByRole("heading", { name: "Mailbox" }).waitFor();
  await visible(page.getByRole("button", { name: `Read the message to ${ANA.name}` }));
  // Not shown again: the page read afresh has the link's dates, not its URL.
  await page.goto(interviewUrl);
  await visible(page.getByTestId("link-panel"));
  expect(await page.getByTestId("interview-link-url").count()).toBe(0);

  // The candidate starts and answers the first question: the page follows it live.
  const token = /\/interview\/([A-Za-z0-9_-]{43})$/.exec(url)![1]!;
  await answerAsCandidate(server.url, token, 1);
  const live = page.getByTestId("live-view");
  await expect.poll(() => live.getByTestId("live-progress").textContent()).toBe(`1 of ${edited.length} answered`);
  await visible(live.getByTestId("live-transcript").getByText(GOOD_ANSWER).first());
  await visible(live.getByTestId("live-current").getByText(edited[1]!));
  await shot(page, "interview-live");

  // The rest answered: the results, each answer with its evaluation, and the scorecard.
  await answerAsCandidate(server.url, token);
  await expect.poll(() => page.getByTestId("interview-status").textContent()).toBe("Completed");
  const answers = page.getByTestId("interview-answer");
  await expect.poll(() => answers.count()).toBe(edited.length);
  await visible(answers.first().getByTestId("evaluation").first());
  await visible(page.getByTestId("scorecard").getByTestId("scorecard-recommendation"));

  // A reviewer's override of the first answer: the reason is asked for, then the score replaces the evaluators'.
  await answers.first().getByRole("button", { name: "Override the score of question 1" }).click();
  const override = page.getByRole("dialog", { name: "Override the score of question 1" });
  await override.getByLabel("Score").fill("35");
  await override.getByRole("button", { name: "Save override" }).click();
  await visible(override.getByText("Say why you change the score"));
  await override.getByLabel("Reason").fill("The example never says how the index was chosen.");
  await override.getByRole("button", { name: "Save override" }).click();
  await expect.poll(notified(page, "Score overridden")).toBe(true);
  await visible(answers.first().getByTestId("override").getByText("The example never says how the index was chosen."));
  expect(await answers.first().getByTestId("final-score").textContent()).toBe("35");
  await shot(page, "interview-results");

  // The Interviews screen lists it, filtered by status.
  await page.getByRole("navigation").getByRole("link", { name: "Interviews" }).click();
  await page.getByRole("heading", { name: "Interviews" }).waitFor();
  await page.getByRole("radio", { name: "Completed" }).click();
  const row = page.getByTestId("interviews-table").locator("tbody tr").filter({ hasText: ANA.name });
  await expect.poll(() => row.innerText()).toContain(`${edited.length} of ${edited.length}`);
  await page.getByRole("radio", { name: "Link sent" }).click();
  await visible(page.getByText("No link waiting for a candidate"));
  await shot(page, "interviews-list");

  // From the job board: Ana's card menu opens her completed interview (or prepares another); Ben's prepares one.
  await page.goto(`${server.url}/jobs/${jobId}`);
  await page.getByRole("button", { name: `Actions for ${ANA.name}` }).click();
  await visible(page.getByRole("menuitem", { name: /^Open interview \(completed/ }));
  await visible(page.getByRole("menuitem", { name: "Prepare interview" }));
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: `Actions for ${BEN.name}` }).click();
  await page.getByRole("menuitem", { name: "Prepare interview" }).click();
  await page.waitForURL(/\/interviews\/[0-9a-f-]{36}$/);
  await page.getByRole("heading", { name: `Interview with ${BEN.name}` }).waitFor();
  expect(page.url()).not.toBe(interviewUrl);

  // Matching: the applicants ranked (Ana's CV has both must-haves, Ben has nothing on file), with the reasons.
  await page.goto(`${server.url}/jobs/${jobId}`);
  await page.getByRole("link", { name: "Match candidates" }).click();
  await page.waitForURL(new RegExp(`/jobs/${jobId}/matching$`));
  await page.getByRole("heading", { name: "Match candidates" }).waitFor();
  const ranked = page.getByTestId("matching-table");
  const names = () => ranked.getByTestId("match-name").allInnerTexts();
  await expect.poll(names).toEqual([ANA.name, BEN.name]);
  await page.getByRole("button", { name: `Why ${ANA.name} ranks here` }).click();
  const details = ranked.getByTestId("match-details");
  await visible(details.getByRole("group", { name: "Matched skills" }).getByText("PostgreSQL"));
  await shot(page, "matching-applied");

  // Everyone else in the database: Cleo, added to the job from here.
  await page.getByRole("radio", { name: "Everyone in the database" }).click();
  await expect.poll(names).toEqual([CLEO.name]);
  await page.getByRole("checkbox", { name: `Pick ${CLEO.name}` }).check();
  await page.getByRole("button", { name: "Add 1 to the job" }).click();
  await expect.poll(notified(page, "Added 1 candidate to the job")).toBe(true);
  await visible(page.getByText("Nobody else to rank"));
  await page.getByRole("radio", { name: "Applied to this job" }).click();
  // Cleo's CV shows both must-haves: she ranks above Ben.
  await expect.poll(async () => (await names()).length).toBe(3);
  const applied = await names();
  expect(applied.at(-1)).toBe(BEN.name);
  expect([...applied.slice(0, 2)].sort()).toEqual([ANA.name, CLEO.name].sort());
  await shot(page, "matching-added");
});
