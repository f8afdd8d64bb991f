/**
 * Notes in the SPA: a note with an @mention chosen from the users offered as one types, shown as a chip on the
 * candidate's timeline; edited, its earlier version kept; the mentioned user sees the bell's unread count, opens the
 * notification and lands on the candidate, and the count goes back to zero.
 */
import { expect, test } from "vitest";
import { addCandidate, signIn, signOut, useE2eEnvironment } from "./harness";

const ADMIN = { email: "admin@example.com", password: "a-long-test-password" };
const RITA = { name: "Rita Recruiter", email: "rita@example.com", password: "rita's first password" };
const PERSON = { name: "Grace Hopper", email: "grace.hopper@example.com" };
const SCREENSHOTS = process.env.SHORTLIST_E2E_SCREENSHOTS;

const e2e = useE2eEnvironment({ admin: ADMIN, pageOptions: { viewport: { width: 1280, height: 900 } } });

const shot = async (name: string) => {
  if (SCREENSHOTS) await e2e.page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
};
const visible = (locator: { isVisible(): Promise<boolean> }) => expect.poll(() => locator.isVisible()).toBe(true);

test("write a note mentioning a colleague, edit it, and the colleague follows the bell to the candidate", async () => {
  const { page, server } = e2e;
  await signIn(page, `${server.url}/users`, ADMIN);
  await page.getByRole("button", { name: "Create user" }).click();
  const create = page.getByRole("dialog");
  await create.getByLabel("Name").fill(RITA.name);
  await create.getByLabel("Email").fill(RITA.email);
  await create.getByLabel("Password").fill(RITA.password);
  await create.getByRole("button", { name: "Create user" }).click();
  await visible(page.getByText("User created").first());

  await page.goto(`${server.url}/candidates`);
  await addCandidate(page, PERSON);
  await page.getByTestId("candidates-table").getByRole("link", { name: PERSON.name }).click();
  await page.getByRole("heading", { name: PERSON.name }).waitFor();
  const candidateUrl = page.url();

  // The note: typing "@Ri" offers Rita; Enter picks her.
  const timeline = page.getByTestId("candidate-timeline");
  const editor = timeline.getByLabel("Note");
  await editor.click();
  await editor.pressSequentially("Please call her, @Ri");
  await visible(page.getByRole("option", { name: /Rita Recruiter/ }));
  await expect.poll(() => page.getByRole("option").count()).toBe(1);
  await editor.press("Enter");
  await expect.poll(() => editor.inputValue()).toBe("Please call her, @Rita Recruiter ");
  await editor.pressSequentially("tomorrow.");
  await timeline.getByRole("button", { name: "Add note" }).click();

  const note = timeline.getByTestId("note").first();
  await visible(note.getByText("@Rita Recruiter"));
  await expect
    .poll(() => note.getByTestId("note-body").textContent())
    .toBe("Please call her, @Rita Recruiter tomorrow.");
  // The composer is empty again, and the candidate's creation is on the timeline too.
  await expect.poll(() => editor.inputValue()).toBe("");
  await visible(timeline.getByText("Added the candidate"));
  await shot("notes-1-timeline");

  // Edited: the chip stays, "edited" opens the earlier version.
  await note.getByRole("button", { name: "Edit" }).click();
  const edit = note.getByLabel("Note");
  await expect.poll(() => edit.inputValue()).toBe("Please call her, @Rita Recruiter tomorrow.");
  await edit.fill("Please call her, @Rita Recruiter on Monday.");
  await note.getByRole("button", { name: "Save note" }).click();
  await expect.poll(() => note.getByTestId("note-body").textContent()).toContain("on Monday.");
  await note.getByRole("button", { name: /^edited/ }).click();
  const versions = page.getByRole("dialog", { name: "Versions of this note" });
  await expect.poll(() => versions.innerText()).toContain("tomorrow.");
  expect(await versions.innerText()).toContain("on Monday.");
  await page.keyboard.press("Escape");

  // Rita: one unread mention; opening it leads to the candidate and clears the count.
  await signOut(page);
  await signIn(page, `${server.url}/`, RITA);
  const bell = page.getByTestId("notifications-bell");
  await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications: 1 unread");
  await bell.click();
  const mention = page.getByTestId("notifications-popover").getByTestId("notification").first();
  await expect.poll(() => mention.innerText()).toContain(`Administrator mentioned you on ${PERSON.name}`);
  await shot("notes-2-bell");
  await mention.click();
  await expect.poll(() => page.url()).toBe(candidateUrl);
  await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications");
  await visible(page.getByTestId("candidate-timeline").getByText("@Rita Recruiter"));
});
