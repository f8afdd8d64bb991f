/**
 * Issue #10's "Done when", in one walk through the SPA as a recruiter would make it: open a job, edit its stages, add
 * candidates, drag one across the board with the mouse and move another with the keyboard, reject two at once with a
 * reason and the rejection email, reopen one, write a note mentioning a colleague; the colleague, in a browser of their
 * own, sees the bell's unread count and the mention, then the moves, the rejection, the note and the email on the
 * candidate's timeline, and reads the rejection email in the Mailbox.
 */
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { notified, signIn, useE2eEnvironment } from "./harness";

const ADMIN = { email: "admin@example.com", password: "a-long-test-password" };
const RITA = { name: "Rita Recruiter", email: "rita@example.com", password: "rita's first password" };
const ANN = { name: "Ann Lee", email: "ann.lee@example.com" };
const BOB = { name: "Bob Stone", email: "bob.stone@example.com" };
const CARA = { name: "Cara Diaz", email: "cara.diaz@example.com" };
const JOB = "Platform Engineer";
const REASON = "Skills do not match the role";
const SCREENSHOTS = process.env.SHORTLIST_E2E_SCREENSHOTS;
const VIEWPORT = { width: 1700, height: 1000 };

const e2e = useE2eEnvironment({ admin: ADMIN, pageOptions: { viewport: VIEWPORT } });

const shot = async (page: Page, name: string) => {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
};
const visible = (locator: { isVisible(): Promise<boolean> }) => expect.poll(() => locator.isVisible()).toBe(true);

/** A stage's column on the board: a region named by its stage. */
const column = (page: Page, stage: string) => page.getByRole("region", { name: stage, exact: true });
const card = (page: Page, name: string) =>
  page.getByTestId("board-card").filter({ has: page.getByRole("link", { name, exact: true }) });
const namesIn = (page: Page, stage: string) => column(page, stage).getByRole("link").allInnerTexts();
/** A column's count badge, labelled "2 in Phone screen". */
const counted = (page: Page, n: number, stage: string) => visible(page.getByLabel(`${n} in ${stage}`, { exact: true }));
const headerCounts = (page: Page) => page.getByTestId("job-counts").innerText();
/** No move on its way, and the board read again since the last one. */
const settled = (page: Page) => expect.poll(() => page.getByTestId("board").getAttribute("aria-busy")).toBeNull();
/** The live region dnd-kit speaks through. */
const announced = (page: Page) => page.locator('[id^="DndLiveRegion"]').innerText();

/** The Board / List switch: a segmented control, whose radios are hidden behind their labels. */
const view = (page: Page, name: "Board" | "List") =>
  page
    .locator("label")
    .filter({ hasText: new RegExp(`^${name}$`) })
    .click();

async function choose(page: Page, label: string, option: string, within = page.locator("body")) {
  // A required field's label ends in an asterisk.
  await within.getByLabel(new RegExp(`^${label}( \\*)?$`)).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

async function addToJob(page: Page, { name, email }: { name: string; email: string }) {
  await page.getByRole("button", { name: "Add candidate" }).click();
  const dialog = page.getByRole("dialog", { name: `Add a candidate to ${JOB}` });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("button", { name: "Add candidate" }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await visible(card(page, name));
}

/** A mouse drag from the card to the middle of a column, in small steps as a hand would. */
async function drag(page: Page, name: string, stage: string) {
  const from = (await card(page, name).boundingBox())!;
  const to = (await column(page, stage).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height - 8);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height - 8, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 12 });
  await page.mouse.up();
}

test("a job from opening to a rejection email: stages, board moves, bulk rejection, reopening, a mention, the timeline and the Mailbox", async () => {
  const { page, server, browser } = e2e;

  // A colleague to mention.
  await signIn(page, `${server.url}/users`, ADMIN);
  await page.getByRole("button", { name: "Create user" }).click();
  const newUser = page.getByRole("dialog");
  await newUser.getByLabel("Name").fill(RITA.name);
  await newUser.getByLabel("Email").fill(RITA.email);
  await newUser.getByLabel("Password").fill(RITA.password);
  await newUser.getByRole("button", { name: "Create user" }).click();
  await expect.poll(notified(page, "User created")).toBe(true);

  // The job.
  await page.getByRole("link", { name: "Jobs" }).click();
  await page.getByRole("button", { name: "New job" }).click();
  const newJob = page.getByRole("dialog", { name: "New job" });
  await newJob.getByLabel("Title").fill(JOB);
  await newJob.getByLabel("Company").fill("Acme");
  await newJob.getByRole("button", { name: "Open job" }).click();
  await page.getByRole("heading", { name: JOB }).waitFor();

  // Its stages: Reference check added after Interview, Screening renamed Phone screen.
  await page.getByRole("button", { name: "Edit stages" }).click();
  const editor = page.getByTestId("stages");
  await editor.getByLabel("New stage").fill("Reference check");
  await choose(page, "After", "Interview", editor);
  await editor.getByRole("button", { name: "Add stage" }).click();
  await visible(editor.getByLabel("Name of the Reference check stage"));
  await editor.getByLabel("Name of the Screening stage").fill("Phone screen");
  await editor.getByRole("button", { name: "Save the name of Screening" }).click();
  await visible(editor.getByLabel("Name of the Phone screen stage"));
  await editor.getByRole("button", { name: "Done" }).click();
  const stages = () =>
    page.getByTestId("board-column").evaluateAll((columns) => columns.map((c) => c.getAttribute("data-stage")));
  await expect
    .poll(stages)
    .toEqual(["Applied", "Phone screen", "Assessment", "Interview", "Reference check", "Offer", "Hired"]);

  // Three candidates, each in Applied.
  for (const person of [ANN, BOB, CARA]) await addToJob(page, person);
  await counted(page, 3, "Applied");
  await expect.poll(() => headerCounts(page)).toBe("3 active · 0 hired · 0 rejected · 0 withdrawn");

  // Ann dragged to Phone screen with the mouse.
  await settled(page);
  await drag(page, ANN.name, "Phone screen");
  await expect.poll(() => namesIn(page, "Phone screen")).toEqual([ANN.name]);
  await counted(page, 2, "Applied");
  await settled(page);

  // Bob moved with the keyboard: his grip, space to pick up, right arrow to the next column, space to drop.
  await page.getByRole("button", { name: `Move ${BOB.name}` }).focus();
  await page.keyboard.press("Space");
  await expect.poll(() => announced(page)).toContain(`Picked up ${BOB.name} in Applied.`);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => announced(page)).toContain(`${BOB.name} is over Phone screen.`);
  await page.keyboard.press("Space");
  await expect.poll(() => announced(page)).toContain(`${BOB.name} was moved to Phone screen.`);
  await expect.poll(() => namesIn(page, "Phone screen")).toEqual([ANN.name, BOB.name]);
  await counted(page, 2, "Phone screen");
  await counted(page, 1, "Applied");
  await settled(page);
  await shot(page, "hiring-1-board");

  // Ann and Bob rejected together from the list, with a reason and the rejection email.
  await view(page, "List");
  const table = page.getByTestId("applications-table");
  await table.getByLabel(`Select ${ANN.name}`).check({ force: true });
  await table.getByLabel(`Select ${BOB.name}`).check({ force: true });
  await page.getByTestId("bulk-bar").getByRole("button", { name: "Reject…" }).click();
  const reject = page.getByRole("dialog", { name: "Reject 2 candidates" });
  await choose(page, "Reason", REASON, reject);
  await reject.getByLabel("Send each of them the rejection email").check();
  await reject.getByRole("button", { name: "Reject 2 candidates" }).click();
  await expect.poll(notified(page, "2 applications rejected")).toBe(true);
  await expect.poll(() => headerCounts(page)).toBe("1 active · 0 hired · 2 rejected · 0 withdrawn");
  await expect.poll(() => table.getByRole("link").allInnerTexts()).toEqual([CARA.name]);

  // Bob reopened: back in Phone screen. Ann stays rejected.
  await page.getByRole("button", { name: "Rejected (2)" }).click();
  const rejected = page.getByTestId("rejected-table");
  await rejected.getByRole("button", { name: `Reopen ${BOB.name}` }).click();
  await expect.poll(notified(page, "Reopened")).toBe(true);
  await expect.poll(() => headerCounts(page)).toBe("2 active · 0 hired · 1 rejected · 0 withdrawn");
  await expect.poll(() => rejected.getByRole("link").allInnerTexts()).toEqual([ANN.name]);
  await view(page, "Board");
  await expect.poll(() => namesIn(page, "Phone screen")).toEqual([BOB.name]);
  await shot(page, "hiring-2-reopened");

  // On Ann's page, a note for Rita: "@Ri" offers her, Enter picks her.
  await rejected.getByRole("link", { name: ANN.name }).click();
  await page.getByRole("heading", { name: ANN.name }).waitFor();
  const annUrl = page.url();
  const composer = page.getByTestId("candidate-timeline").getByLabel("Note");
  await composer.click();
  await composer.pressSequentially("Strong on systems; worth a call for the SRE opening, @Ri");
  await visible(page.getByRole("option", { name: /Rita Recruiter/ }));
  await composer.press("Enter");
  await composer.pressSequentially("what do you think?");
  await page.getByTestId("candidate-timeline").getByRole("button", { name: "Add note" }).click();
  await expect.poll(() => composer.inputValue()).toBe("");

  // Rita, in a browser of her own: one unread mention; it leads to Ann.
  const ritaContext = await browser.newContext({ viewport: VIEWPORT });
  try {
    const rita = await ritaContext.newPage();
    await signIn(rita, `${server.url}/`, RITA);
    const bell = rita.getByTestId("notifications-bell");
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications: 1 unread");
    await bell.click();
    const mention = rita.getByTestId("notifications-popover").getByTestId("notification").first();
    await expect.poll(() => mention.innerText()).toContain(`Administrator mentioned you on ${ANN.name}`);
    await shot(rita, "hiring-3-bell");
    await mention.click();
    await expect.poll(() => rita.url()).toBe(annUrl);
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications");

    // Ann's timeline: added, moved, rejected with the reason, the email, the note with its mention.
    const timeline = rita.getByTestId("candidate-timeline").getByRole("list", { name: "Timeline" });
    const entries = () => timeline.getByRole("listitem").allInnerTexts();
    await expect
      .poll(entries)
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining("Added the candidate"),
          expect.stringContaining("Applied → Phone screen"),
          expect.stringContaining(`Rejected for ${JOB} at Acme: ${REASON}`),
          expect.stringMatching(/Rejection email/),
          expect.stringContaining("what do you think?"),
        ]),
      );
    await visible(timeline.getByText("@Rita Recruiter"));
    await shot(rita, "hiring-4-timeline");

    // The rejection email, held in the Mailbox (no mail server is configured).
    await rita.getByRole("link", { name: "Mailbox" }).click();
    await rita.getByRole("heading", { name: "Mailbox" }).waitFor();
    await rita.getByRole("button", { name: `Read the message to ${ANN.name}` }).click();
    const message = rita.getByTestId("mail-message");
    await expect.poll(() => message.innerText()).toContain(`Subject: Your application for ${JOB} at Acme`);
    expect(await message.innerText()).toContain(ANN.email);
    expect(await rita.getByTestId("mail-body").innerText()).toContain(
      "we have decided not to move forward with your application",
    );
    await shot(rita, "hiring-5-mailbox");
  } finally {
    await ritaContext.close();
  }
});

test("what a new user tried first: a taken stage name, an email already on file, an assessment without consent", async () => {
  const { server, browser } = e2e;
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await signIn(page, `${server.url}/jobs`, ADMIN);
    await page.getByRole("button", { name: "New job" }).click();
    const newJob = page.getByRole("dialog", { name: "New job" });
    await newJob.getByLabel("Title").fill("Support Engineer");
    await newJob.getByLabel("Company").fill("Initech");
    await newJob.getByRole("button", { name: "Open job" }).click();
    await page.getByRole("heading", { name: "Support Engineer" }).waitFor();

    // Stage names are unique in any case; the message does not claim a stage is called what was typed.
    await page.getByRole("button", { name: "Edit stages" }).click();
    const editor = page.getByTestId("stages");
    await editor.getByLabel("New stage").fill("interview");
    await editor.getByRole("button", { name: "Add stage" }).click();
    await visible(editor.getByText("Another stage has this name"));
    await editor.getByLabel("Name of the Screening stage").fill("OFFER");
    await editor.getByRole("button", { name: "Save the name of Screening" }).click();
    await expect.poll(() => editor.getByText("Another stage has this name").count()).toBe(2);
    await editor.getByRole("button", { name: "Done" }).click();

    // The same email again (in other case): the person on file is in this job already, and their record is a link.
    const dana = { name: "Dana Scully", email: "dana.scully@example.com" };
    await page.getByRole("button", { name: "Add candidate" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a candidate to Support Engineer" });
    await dialog.getByLabel("Name").fill(dana.name);
    await dialog.getByLabel("Email").fill(dana.email);
    await dialog.getByRole("button", { name: "Add candidate" }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Add candidate" }).click();
    await dialog.getByLabel("Name").fill("Dana K. Scully");
    await dialog.getByLabel("Email").fill(dana.email.toUpperCase());
    await dialog.getByRole("button", { name: "Add candidate" }).click();
    const duplicate = dialog.getByRole("alert").filter({ hasText: `${dana.name} already uses this email` });
    await visible(duplicate.getByText(`${dana.name} is in Support Engineer already.`));
    expect(await duplicate.getByRole("button", { name: `Add ${dana.name} to Support Engineer` }).count()).toBe(0);
    await shot(page, "hiring-6-duplicate");
    await duplicate.getByRole("link", { name: "Open their record" }).click();
    await page.getByRole("heading", { name: dana.name }).waitFor();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    // No consent yet: Start assessment is not offered, and says why on hover.
    const start = page.getByTestId("assessments-section").getByRole("button", { name: "Start assessment" });
    await expect.poll(() => start.getAttribute("aria-disabled")).toBe("true");
    await start.hover();
    await visible(
      page.getByRole("tooltip").filter({ hasText: "Record the candidate's consent first (Consent, above)" }),
    );
  } finally {
    await context.close();
  }
});
