/**
 * Issue #10's board, end to end: a recruiter opens a job, edits its stages (adds one, renames one), adds three
 * candidates, drags one to another column with the mouse and moves another with the keyboard (space, arrow, space),
 * sees a move refused because someone else moved that card first (the card goes back, the message says why, the board
 * is refreshed), bulk-rejects two with a reason in the list view and reopens one. The counts are checked after each step.
 */
import type { AppRouter } from "@shortlist/api";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { Page } from "playwright-core";
import superjson from "superjson";
import { expect, test } from "vitest";
import { notified, signIn, useE2eEnvironment } from "./harness";

const ADMIN = { email: "admin@example.com", password: "a-long-test-password" };
const ANN = { name: "Ann Lee", email: "ann.lee@example.com" };
const BOB = { name: "Bob Stone", email: "bob.stone@example.com" };
const CARA = { name: "Cara Diaz", email: "cara.diaz@example.com" };
const REASON = "Skills do not match the role";
const SCREENSHOTS = process.env.SHORTLIST_E2E_SCREENSHOTS;

const e2e = useE2eEnvironment({ admin: ADMIN, pageOptions: { viewport: { width: 1700, height: 1000 } } });

const shot = async (name: string) => {
  if (SCREENSHOTS) await e2e.page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
};
const visible = (locator: { isVisible(): Promise<boolean> }) => expect.poll(() => locator.isVisible()).toBe(true);

const column = (stage: string) => e2e.page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);
const card = (name: string) => e2e.page.getByTestId("board-card").filter({ hasText: name });

/** Each column's count, by stage name, in board order. */
const boardCounts = () =>
  e2e.page
    .getByTestId("board-column")
    .evaluateAll((columns) =>
      columns.map(
        (c) => `${c.getAttribute("data-stage")} ${c.querySelector('[data-testid="column-count"]')?.textContent}`,
      ),
    );

/** The names on the cards of one column. */
const namesIn = (stage: string) => column(stage).getByTestId("board-card").getByRole("link").allInnerTexts();

const headerCounts = () => e2e.page.getByTestId("job-counts").innerText();

/** The Board / List switch (a segmented control: its radios are hidden behind their labels). */
const view = (name: "Board" | "List") =>
  e2e.page
    .locator("label")
    .filter({ hasText: new RegExp(`^${name}$`) })
    .click();

/** Until the board has no move on its way and has been read again since the last one. */
const settled = () => expect.poll(() => e2e.page.getByTestId("board").getAttribute("aria-busy")).toBeNull();

/** The live region dnd-kit speaks through. */
const announced = () => e2e.page.locator('[id^="DndLiveRegion"]').innerText();

/** The API as the signed-in user of the page (the session cookie), as a colleague's browser would call it. */
async function apiOf(page: Page, url: string) {
  const cookie = (await page.context().cookies(url)).map((c) => `${c.name}=${c.value}`).join("; ");
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/trpc`, transformer: superjson, headers: { cookie } })],
  });
}

async function choose(page: Page, label: string, option: string, within = page.locator("body")) {
  // A required field's label ends in an asterisk.
  await within.getByLabel(new RegExp(`^${label}( \\*)?$`)).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

async function addCandidate(page: Page, { name, email }: { name: string; email: string }) {
  await page.getByRole("button", { name: "Add candidate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("button", { name: "Add candidate" }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await visible(card(name));
}

/** A mouse drag from the card to the middle of a column, in small steps as a hand would. */
async function drag(page: Page, name: string, stage: string) {
  const from = (await card(name).boundingBox())!;
  const to = (await column(stage).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height - 8);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height - 8, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 12 });
  await page.mouse.up();
}

test("a job's stages edited, cards moved by mouse and keyboard, a stale move refused, two rejected and one reopened", async () => {
  const { page, server } = e2e;
  await signIn(page, `${server.url}/jobs`, ADMIN);

  // The job: focus starts in the dialog's first field.
  await page.getByRole("button", { name: "New job" }).click();
  const dialog = page.getByRole("dialog", { name: "New job" });
  await expect.poll(() => dialog.getByLabel("Title").evaluate((el) => el.matches(":focus"))).toBe(true);
  await dialog.getByLabel("Title").fill("Platform Engineer");
  await dialog.getByLabel("Company").fill("Acme");
  await dialog.getByLabel("Location").fill("Lisbon");
  await dialog.getByRole("button", { name: "Open job" }).click();
  await page.getByRole("heading", { name: "Platform Engineer" }).waitFor();
  const jobId = page.url().split("/").at(-1)!.split("?")[0]!;
  expect(await headerCounts()).toBe("0 active · 0 hired · 0 rejected · 0 withdrawn");

  // Stages: a new one after Interview, Screening renamed.
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
  await expect
    .poll(boardCounts)
    .toEqual(["Applied 0", "Phone screen 0", "Assessment 0", "Interview 0", "Reference check 0", "Offer 0", "Hired 0"]);

  // Three people filed under the job, each in Applied.
  await addCandidate(page, ANN);
  await expect.poll(boardCounts).toContain("Applied 1");
  await addCandidate(page, BOB);
  await expect.poll(boardCounts).toContain("Applied 2");
  await addCandidate(page, CARA);
  await expect.poll(boardCounts).toContain("Applied 3");
  await expect.poll(headerCounts).toBe("3 active · 0 hired · 0 rejected · 0 withdrawn");
  await shot("jobs-1-board");

  // A stage that holds applications cannot be removed: the button says why instead of being refused.
  await page.getByRole("button", { name: "Edit stages" }).click();
  const removeApplied = editor.getByRole("button", { name: "Remove Applied" });
  expect(await removeApplied.getAttribute("aria-disabled")).toBe("true");
  await removeApplied.hover();
  await visible(page.getByRole("tooltip").filter({ hasText: "3 applications in Applied" }));
  await editor.getByRole("button", { name: "Done" }).click();

  // The mouse: Ann to Phone screen.
  await drag(page, ANN.name, "Phone screen");
  await expect.poll(() => namesIn("Phone screen")).toEqual([ANN.name]);
  await expect.poll(boardCounts).toEqual(expect.arrayContaining(["Applied 2", "Phone screen 1"]));
  await settled();

  // The keyboard: Bob's grip, space to pick up, right arrow to the next column, space to drop; each step announced.
  await page.getByRole("button", { name: `Move ${BOB.name}` }).focus();
  await page.keyboard.press("Space");
  await expect.poll(announced).toContain(`Picked up ${BOB.name} in Applied.`);
  await page.keyboard.press("ArrowRight");
  await expect.poll(announced).toContain(`${BOB.name} is over Phone screen.`);
  await page.keyboard.press("Space");
  await expect.poll(announced).toContain(`${BOB.name} was moved to Phone screen.`);
  await expect.poll(() => namesIn("Phone screen")).toEqual([ANN.name, BOB.name]);
  await expect.poll(boardCounts).toEqual(expect.arrayContaining(["Applied 1", "Phone screen 2"]));
  await expect.poll(headerCounts).toBe("3 active · 0 hired · 0 rejected · 0 withdrawn");
  await settled();

  // Someone else moves Cara to Assessment; this board still shows her in Applied, with the version it read.
  const api = await apiOf(page, server.url);
  const board = await api.jobs.board.query({ jobId });
  const stageId = (name: string) => board.job.stages.find((s) => s.name === name)!.id;
  const cara = board.columns.flatMap((c) => c.cards).find((c) => c.name === CARA.name)!;
  await api.applications.move.mutate({ id: cara.applicationId, version: cara.version, stageId: stageId("Assessment") });
  expect(await namesIn("Applied")).toEqual([CARA.name]);

  // Dragged to Interview here: refused as stale, the card goes back, the board is refreshed to where she really is.
  await drag(page, CARA.name, "Interview");
  await expect.poll(notified(page, "Not moved")).toBe(true);
  await visible(page.getByText(`${CARA.name} was moved by someone else; the board was refreshed.`));
  await expect.poll(() => namesIn("Assessment")).toEqual([CARA.name]);
  await settled();
  expect(await namesIn("Interview")).toEqual([]);
  await expect
    .poll(boardCounts)
    .toEqual(expect.arrayContaining(["Applied 0", "Phone screen 2", "Assessment 1", "Interview 0"]));
  await shot("jobs-2-refused");

  // The list view: Ann and Bob selected, rejected together with a reason.
  await view("List");
  const table = page.getByTestId("applications-table");
  await table.getByLabel(`Select ${ANN.name}`).check({ force: true });
  await table.getByLabel(`Select ${BOB.name}`).check({ force: true });
  await page.getByTestId("bulk-bar").getByRole("button", { name: "Reject…" }).click();
  const reject = page.getByRole("dialog", { name: "Reject 2 candidates" });
  await choose(page, "Reason", REASON, reject);
  await reject.getByLabel("Note").fill("Strong, but not for this team.");
  await reject.getByRole("button", { name: "Reject 2 candidates" }).click();
  await expect.poll(notified(page, "2 applications rejected")).toBe(true);
  await expect.poll(headerCounts).toBe("1 active · 0 hired · 2 rejected · 0 withdrawn");
  await expect.poll(() => table.getByRole("link").allInnerTexts()).toEqual([CARA.name]);
  await shot("jobs-3-list");

  // Reopened: Ann is back where she stopped.
  await page.getByRole("button", { name: "Rejected (2)" }).click();
  const rejected = page.getByTestId("rejected-table");
  await expect
    .poll(() => rejected.getByRole("link").allInnerTexts())
    .toEqual(expect.arrayContaining([ANN.name, BOB.name]));
  await rejected.getByRole("button", { name: `Reopen ${ANN.name}` }).click();
  await expect.poll(notified(page, "Reopened")).toBe(true);
  await expect.poll(headerCounts).toBe("2 active · 0 hired · 1 rejected · 0 withdrawn");
  await visible(page.getByRole("button", { name: "Rejected (1)" }));
  await expect.poll(() => rejected.getByRole("link").allInnerTexts()).toEqual([BOB.name]);

  await view("Board");
  await expect
    .poll(boardCounts)
    .toEqual(["Applied 0", "Phone screen 1", "Assessment 1", "Interview 0", "Reference check 0", "Offer 0", "Hired 0"]);
  expect(await namesIn("Phone screen")).toEqual([ANN.name]);
  await shot("jobs-4-reopened");

  // The jobs list counts the same.
  await page.getByRole("link", { name: "All jobs" }).click();
  const row = page.getByTestId("jobs-table").locator("tbody tr").filter({ hasText: "Platform Engineer" });
  await expect.poll(() => row.innerText()).toMatch(/open\s+2\s+0\s+1 · 0/i);
});

test("an admin adds, reorders, renames and retires a rejection reason", async () => {
  const { page, server } = e2e;
  await page.goto(`${server.url}/rejection-reasons`);
  const table = page.getByTestId("reasons-table");
  const labels = async () =>
    Promise.all((await table.locator("tbody tr input").all()).map((input) => input.inputValue()));
  await expect.poll(labels).toContain(REASON);
  const before = await labels();

  await page.getByLabel("New reason").fill("Failed the take-home");
  await page.getByRole("button", { name: "Add reason" }).click();
  await expect.poll(labels).toEqual([...before, "Failed the take-home"]);

  await table.getByRole("button", { name: "Move Failed the take-home up" }).click();
  await expect.poll(labels).toEqual([...before.slice(0, -1), "Failed the take-home", before.at(-1)]);

  await table.getByLabel("Label of Failed the take-home").fill("Take-home not passed");
  await table.getByRole("button", { name: "Save the label of Failed the take-home" }).click();
  await expect.poll(labels).toContain("Take-home not passed");

  await table.getByRole("button", { name: "Retire Take-home not passed" }).click();
  const row = table
    .locator("tbody tr")
    .filter({ has: page.getByRole("button", { name: "Restore Take-home not passed" }) });
  await expect.poll(() => row.innerText()).toMatch(/retired/i);
});
