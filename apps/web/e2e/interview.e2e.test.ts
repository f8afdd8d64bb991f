/**
 * Issue #13's "Done when", in one walk: a recruiter uploads a CV (a PDF made here) on the candidate page and sees its
 * analysis, prepares an interview for the candidate's application (a job with a vacancy profile, set up through the
 * API), reorders the plan with the keyboard, sends the link and reads it in the Mailbox. The candidate, in a browser
 * of their own at phone width, opens it, starts, answers, closes the tab halfway, opens the link again and carries
 * on where they stopped, and completes. Back as the recruiter: the evaluations, one overridden with a reason, the
 * scorecard on the job board and in the hiring report's PDF, and the job's candidates ranked on the matching page.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { AppRouter } from "@shortlist/api";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import PDFDocument from "pdfkit";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import superjson from "superjson";
import { expect, onTestFailed, test } from "vitest";
import { pdfText } from "../../../packages/api/src/vetting/reports/pdf-text.fixture";
import { notified, signIn, useE2eEnvironment } from "./harness";

const RECRUITER = { email: "recruiter@example.com", password: "a-long-test-password" };
const DANA = { name: "Dana Whitfield", email: "dana.whitfield@example.com" };
const OMAR = { name: "Omar Haddad", email: "omar.haddad@example.com" };
const JOB = { title: "Backend Engineer", company: "Northwind" };
const PHONE = { width: 375, height: 740 };
const SCREENSHOTS = process.env.SHORTLIST_E2E_SCREENSHOTS;
const ACTIVITY = fileURLToPath(new URL("../../../examples/activity.sample.jsonl", import.meta.url));

const e2e = useE2eEnvironment({
  admin: RECRUITER,
  dataDirPrefix: "shortlist-e2e-interview-",
  pageOptions: { acceptDownloads: true, viewport: { width: 1440, height: 1000 } },
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

/** A one-page CV as a PDF: Dana has PostgreSQL, TypeScript and Node.js, but says nothing of Kubernetes. */
function cvPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 56 });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.fontSize(20).text(DANA.name);
  doc.fontSize(11).text(`Senior Backend Engineer · ${DANA.email} · Lisbon`);
  doc.moveDown().fontSize(14).text("Experience");
  doc.fontSize(11).text("Senior Backend Engineer, Contoso — Jan 2019 – present");
  doc.text(
    "Built and ran the order platform in TypeScript on Node.js with PostgreSQL: partitioned the largest tables, " +
      "tuned indexes and cut p95 latency from 800 ms to 120 ms. Led a team of four engineers.",
  );
  doc.moveDown().text("Backend Engineer, Fabrikam — Mar 2014 – Dec 2018");
  doc.text("REST APIs in Python and PostgreSQL; introduced Docker for local development and CI.");
  doc.moveDown().fontSize(14).text("Education");
  doc.fontSize(11).text("BSc Computer Science, University of Porto, 2010 – 2013");
  doc.moveDown().fontSize(14).text("Languages");
  doc.fontSize(11).text("English (fluent), Portuguese (native)");
  doc.end();
  return done;
}

/** An answer that speaks to the question with a concrete example, as a prepared candidate would write it. */
const answerTo = (question: string) =>
  `About "${question.slice(0, 60)}": in my current role I led this work myself. For example, I measured the ` +
  "problem first (p95 latency at 800 ms), then changed one thing at a time: added the missing PostgreSQL index, " +
  "moved the slow report to a background job, and reviewed the result with the team. Latency fell to 120 ms and " +
  "we wrote the steps down so others could repeat them.";

/** The job with its vacancy profile, two applicants (Dana consents and has a completed assessment), the bank. */
async function setUp(api: Api) {
  const job = await api.jobs.create.mutate({ ...JOB, location: "Lisbon" });
  await api.intake.updateProfile.mutate({
    jobId: job.id,
    version: 0,
    profile: {
      title: JOB.title,
      company: JOB.company,
      seniority: "senior",
      mustHave: [
        { skill: "PostgreSQL", weight: 5 },
        { skill: "TypeScript", weight: 4 },
        { skill: "Kubernetes", weight: 3 },
      ],
      niceToHave: [{ skill: "Docker", weight: 2 }],
    },
  });
  const dana = await api.candidates.create.mutate({
    ...DANA,
    jobId: job.id,
    consentGiven: true,
    assessmentDomains: ["Python", "PostgreSQL"],
  });
  await api.candidates.create.mutate({ ...OMAR, jobId: job.id });
  // A completed assessment: the hiring report is made from one.
  const assessment = await api.assessments.start.mutate({ candidateId: dana.id });
  const rows = (await readFile(ACTIVITY, "utf8"))
    .split("\n")
    .map((line, index) => ({ line: index + 1, text: line }))
    .filter(({ text }) => text.trim())
    .map(({ line, text }) => ({ ...(JSON.parse(text) as object), line }));
  await api.assessments.importActivity.mutate({ assessmentId: assessment.id, rows });
  await api.assessments.complete.mutate({ assessmentId: assessment.id });
  await api.questions.loadStarterBank.mutate();
  return { jobId: job.id, danaId: dana.id };
}

/** The candidate's page: what they see of the interview. */
const candidateView = (page: Page) => ({
  answer: page.getByLabel("Your answer"),
  submit: page.getByRole("button", { name: "Submit answer" }),
  question: page.getByTestId("current-question"),
  typing: page.getByTestId("interviewer-typing"),
  done: page.getByTestId("interview-done"),
  conversation: page.getByRole("log", { name: "Interview conversation" }),
});

/** Waits for the interviewer to finish writing, answers the current question (Ctrl+Enter or the button). */
async function answerCurrent(page: Page, how: "button" | "keyboard", { focusMoved = true } = {}) {
  const view = candidateView(page);
  await expect.poll(() => view.typing.isVisible()).toBe(false);
  const question = await view.question.innerText();
  const before = await view.conversation.getByTestId("interview-message").count();
  // Each new question puts the focus in the answer box.
  if (focusMoved) await expect.poll(() => view.answer.evaluate((el) => el.matches(":focus"))).toBe(true);
  await view.answer.fill(answerTo(question));
  if (how === "keyboard") await view.answer.press("Control+Enter");
  else await view.submit.click();
  // Saved: it joins the conversation, or the interview is complete.
  await expect
    .poll(
      async () =>
        (await view.done.isVisible()) || (await view.conversation.getByTestId("interview-message").count()) > before,
    )
    .toBe(true);
  return question;
}

/** A browser whose microphone is a fake device that needs no permission prompt: the candidate's. */
const browserWithMicrophone = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
  });

/** Nothing wider than the phone: no sideways scrolling. */
const fitsWidth = (page: Page) => page.locator("html").evaluate((el) => el.scrollWidth <= el.clientWidth);

async function asCandidate(context: BrowserContext, link: string) {
  // The page asks for nothing a session guards: no auth.* call at all.
  const procedures: string[] = [];
  context.on("request", (request) => {
    const path = /\/trpc\/([^?]+)/.exec(request.url())?.[1];
    if (path) procedures.push(...decodeURIComponent(path).split(","));
  });
  let page = await context.newPage();
  onTestFailed(() => shot(page, "interview-candidate-failed"));
  const view = () => candidateView(page);

  // A link that was cut short says so, and nothing else.
  await page.goto(link.slice(0, -5));
  await visible(page.getByText("This interview link is not valid"));

  // The welcome: who asks, how many questions, how long; no navigation, no sign-in.
  await page.goto(link);
  await page.getByRole("heading", { name: `Interview: ${JOB.title}` }).waitFor();
  await visible(page.getByText(/will ask you \d+ questions about the Backend Engineer role at Northwind/));
  await visible(page.getByText(/minutes? per question/));
  expect(await page.getByRole("navigation").count()).toBe(0);
  expect(await page.getByRole("button", { name: "Sign in" }).count()).toBe(0);
  expect(await fitsWidth(page)).toBe(true);
  await shot(page, "interview-candidate-welcome");
  await page.getByRole("button", { name: "Start the interview" }).click();

  // The first answer with a recording (the browser's fake microphone), sent once the text is saved; the second
  // with Ctrl+Enter. Each joins the conversation.
  await view().question.waitFor();
  await expect.poll(() => view().answer.evaluate((el) => el.matches(":focus"))).toBe(true);
  await page.getByRole("button", { name: "Record audio" }).click();
  await page.getByText("Recording 0:01").waitFor();
  await page.getByRole("button", { name: "Stop recording" }).click();
  await visible(page.getByLabel("Your recording"));
  const first = await answerCurrent(page, "button", { focusMoved: false });
  await visible(view().conversation.getByText(answerTo(first)));
  await answerCurrent(page, "keyboard");
  expect(await fitsWidth(page)).toBe(true);
  await shot(page, "interview-candidate-chat");

  // A draft survives a reload of the tab.
  await expect.poll(() => view().typing.isVisible()).toBe(false);
  const third = await view().question.innerText();
  await view().answer.fill("A draft I have not sent yet");
  await page.reload();
  await expect.poll(() => view().answer.inputValue()).toBe("A draft I have not sent yet");

  // The tab closed halfway; the link opened again carries on at the same question, with the conversation so far.
  await page.close();
  page = await context.newPage();
  await page.goto(link);
  await expect.poll(() => view().question.innerText()).toBe(third);
  expect(
    await view().conversation.getByTestId("interview-message").filter({ hasText: "in my current role" }).count(),
  ).toBe(2);

  // A short answer: the interviewer asks a follow-up about the same question before moving on.
  const interviewerSaid = () =>
    view().conversation.locator('[data-testid="interview-message"][data-role="assistant"]').count();
  const asked = await interviewerSaid();
  await view().answer.fill("I would check the logs.");
  await view().submit.click();
  await expect.poll(interviewerSaid).toBe(asked + 1);
  await expect.poll(() => view().typing.isVisible()).toBe(false);
  expect(await view().question.innerText()).toBe(third);
  await answerCurrent(page, "keyboard");

  // The rest, until the interview is complete.
  for (let i = 0; i < 40 && !(await view().done.isVisible()); i++) {
    await expect.poll(async () => (await view().done.isVisible()) || (await view().question.isVisible())).toBe(true);
    if (await view().done.isVisible()) break;
    await answerCurrent(page, i % 2 ? "keyboard" : "button");
  }
  await visible(view().done);
  await visible(page.getByRole("heading", { name: "Thank you, Dana" }));
  await shot(page, "interview-candidate-done");

  // The link now says the interview is over.
  await page.reload();
  await visible(view().done);
  expect(procedures.length).toBeGreaterThan(0);
  expect(procedures.filter((p) => !p.startsWith("interviewLink."))).toEqual([]);
}

test(
  "a CV analysed, an interview planned and sent, answered by the candidate with a break, evaluated, overridden, " +
    "on the board and in the report, then candidates ranked",
  { timeout: 600_000 },
  async () => {
    const { page, server } = e2e;
    onTestFailed(() => shot(page, "interview-recruiter-failed"));
    await signIn(page, `${server.url}/`, RECRUITER);
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    const api = await apiOf(page, server.url);
    const { jobId, danaId } = await setUp(api);

    // The CV, uploaded on Dana's page through the file chooser: its analysis names the skills found, and choosing one
    // marks where the CV shows it.
    await page.goto(`${server.url}/candidates/${danaId}`);
    await page.getByRole("heading", { name: DANA.name }).waitFor();
    const cvPanel = page.getByRole("region", { name: "CV", exact: true });
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      cvPanel.getByRole("button", { name: "Upload CV" }).click(),
    ]);
    await chooser.setFiles({ name: "dana-whitfield-cv.pdf", mimeType: "application/pdf", buffer: await cvPdf() });
    const skills = cvPanel.getByRole("group", { name: "Skills found" });
    await visible(skills.getByRole("button", { name: /^PostgreSQL/ }));
    await visible(skills.getByRole("button", { name: /^TypeScript/ }));
    expect(await skills.getByRole("button", { name: /^Kubernetes/ }).count()).toBe(0);
    await skills.getByRole("button", { name: /^PostgreSQL/ }).click();
    await expect.poll(() => cvPanel.locator("mark").first().innerText()).toMatch(/PostgreSQL/i);
    await shot(page, "interview-cv");

    // The interview for her application: the plan asks first about what the CV does not show (Kubernetes).
    await page.getByRole("button", { name: `Prepare interview: ${JOB.title}` }).click();
    await page.waitForURL(/\/interviews\/[0-9a-f-]{36}$/);
    const interviewId = page.url().split("/").at(-1)!;
    const plan = page.getByRole("list", { name: "Interview plan" });
    await visible(plan);
    const planTexts = () => plan.getByTestId("plan-question-text").allInnerTexts();
    await expect.poll(async () => (await planTexts()).length).toBeGreaterThan(2);
    await visible(plan.getByText(/gap: Kubernetes/).first());

    // Reordered with the keyboard: the first question moved down one place (each step on dnd-kit's announcement),
    // then saved.
    const before = await planTexts();
    const announced = () => page.locator('[id^="DndLiveRegion"]').innerText();
    await plan.getByRole("button", { name: "Move question 1", exact: true }).focus();
    await page.keyboard.press("Space");
    await expect.poll(announced).toMatch(/Picked up|is at position 1\./);
    await page.keyboard.press("ArrowDown");
    await expect.poll(announced).toContain("is at position 2");
    await page.keyboard.press("Space");
    await expect.poll(announced).toContain("dropped at position 2");
    await expect.poll(planTexts).toEqual([before[1], before[0], ...before.slice(2)]);
    await page.getByRole("button", { name: "Save plan" }).click();
    await expect.poll(notified(page, "Plan saved")).toBe(true);
    await shot(page, "interview-plan");

    // The link: sent by email, held in the Mailbox (no mail server), where the recruiter reads it.
    await page.getByRole("button", { name: "Send link" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Send link" }).click();
    await expect.poll(notified(page, "Link sent")).toBe(true);
    await page.getByRole("navigation").getByRole("link", { name: "Mailbox" }).click();
    await page.getByRole("heading", { name: "Mailbox" }).waitFor();
    await page.getByRole("button", { name: `Read the message to ${DANA.name}` }).click();
    const body = await page.getByTestId("mail-body").innerText();
    const token = /\/interview\/([A-Za-z0-9_-]{43})\b/.exec(body)?.[1];
    expect(token, body).toBeDefined();
    const link = `${server.url}/interview/${token}`;

    // The candidate, in a browser of their own (no session) at phone width.
    const candidateBrowser = await browserWithMicrophone();
    const candidate = await candidateBrowser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      await asCandidate(candidate, link);
    } finally {
      await candidateBrowser.close();
    }

    // The results: each answer with its evaluation; one score overridden with a reason.
    await page.goto(`${server.url}/interviews/${interviewId}`);
    const answers = page.getByTestId("interview-answer");
    await expect.poll(() => answers.count()).toBeGreaterThan(2);
    await visible(answers.first().getByTestId("evaluation").getByText("Built-in evaluator"));
    await visible(page.getByLabel("Recording of the answer to question 1"));
    await page.getByRole("button", { name: "Override the score of question 1" }).click();
    const override = page.getByRole("dialog", { name: "Override the score of question 1" });
    await override.getByLabel("Score").fill("35");
    await override.getByLabel("Reason").fill("The example does not show Kubernetes in production.");
    await override.getByRole("button", { name: "Save override" }).click();
    await expect.poll(notified(page, "Score overridden")).toBe(true);
    await visible(
      answers.first().getByTestId("override").getByText("The example does not show Kubernetes in production."),
    );
    const scorecard = page.getByTestId("scorecard");
    await visible(scorecard);
    const overall = Number(await scorecard.getByTestId("scorecard-overall").innerText());
    await shot(page, "interview-results");

    // The scorecard on the job board: the card's interview badge.
    await page.goto(`${server.url}/jobs/${jobId}`);
    const badge = page.getByTestId("board-card").filter({ hasText: DANA.name }).getByTestId("interview-score");
    await expect.poll(() => badge.innerText()).toMatch(/^Interview \d+$/);
    // The board rounds, the scorecard prints whole points: the same score either way.
    expect(Math.abs(Number((await badge.innerText()).split(" ")[1]) - overall)).toBeLessThanOrEqual(1);

    // And in the hiring report: generated from her assessment, with an Interview section in the PDF.
    await page.goto(`${server.url}/candidates/${danaId}`);
    await page.getByTestId("assessments-section").getByRole("button", { name: "Generate report" }).click();
    await expect.poll(notified(page, "Report generated")).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("latest-report").getByRole("link", { name: "Download PDF" }).click(),
    ]);
    const text = await pdfText(await download.path());
    expect(text).toContain("Interview");
    expect(text).toContain(DANA.name);

    // Matching: the job's applicants ranked, Dana (CV, assessment and interview) above Omar (nothing yet).
    await page.goto(`${server.url}/jobs/${jobId}`);
    await page.getByRole("link", { name: "Match candidates" }).click();
    await page.waitForURL(new RegExp(`/jobs/${jobId}/matching$`));
    const ranked = page.getByTestId("matching-table");
    await expect.poll(() => ranked.getByTestId("match-name").allInnerTexts()).toEqual([DANA.name, OMAR.name]);
    await shot(page, "interview-matching");
  },
);
