/**
 * The conversation engine in the browser (issue #11's Done-when): an admin creates two chat modules (an IMMEDIATE one
 * triggered by a pattern, a POST_RESPONSE script that writes state) and a persona with both (reordered with the
 * keyboard), starts a conversation, sends a message that triggers both with Enter, sees the streamed reply complete,
 * the Trace with both modules fired and the State with the value the script wrote. A pattern RE2 refuses shows its
 * error on the field. A persona on a model nobody serves: its API key stored and never shown, its avatar uploaded and
 * shown, and its failed reply with the error and a Retry.
 */
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { notified as notifiedOn, signIn, useE2eEnvironment } from "./harness";

const ADMIN = { email: "admin@example.com", password: "a-long-test-password" };
const SCREENSHOTS = process.env.SHORTLIST_E2E_SCREENSHOTS;
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const COUNTER_SCRIPT = `{"state": {"mentions": ($exists(state.mentions) ? state.mentions : 0) + 1}}`;

const e2e = useE2eEnvironment({
  admin: ADMIN,
  dataDirPrefix: "shortlist-e2e-conversations-",
  pageOptions: { viewport: { width: 1400, height: 1000 } },
});
const shot = async (name: string) => {
  if (SCREENSHOTS) await e2e.page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
};
const notified = (title: string) => notifiedOn(e2e.page, title);

/** The text input or text area labelled `label` (Mantine's required mark is not part of the name). */
const field = (page: Page, label: string) => page.getByRole("textbox", { name: label, exact: true });

/** Picks `option` in the Mantine Select labelled `label`. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** The error Mantine shows under the input labelled `label` (its aria-describedby), or "" when there is none. */
async function inputError(page: Page, label: string): Promise<string> {
  const input = field(page, label);
  const ids = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter((id) => id.endsWith("-error"));
  if (ids.length === 0) return "";
  return page.locator(`[id="${ids[0]}"]`).innerText();
}

test("two modules, a persona with both, a chat that fires both: the trace and the state show it", async () => {
  const { page, server } = e2e;
  await signIn(page, `${server.url}/chat-modules`, ADMIN);
  await page.getByRole("heading", { name: "Chat modules" }).waitFor();

  // An IMMEDIATE module triggered by a pattern; RE2 refuses a backreference, with its position, on the field.
  await page.getByRole("link", { name: "New module" }).click();
  await page.getByRole("heading", { name: "New chat module" }).waitFor();
  await field(page, "Name").fill("Greeting");
  await choose(page, "Trigger", "Pattern (RE2)");
  await field(page, "Pattern").fill("(hello)\\1");
  await field(page, "Content").fill("The user greeted you: greet them back by name.");
  await page.getByRole("button", { name: "Create module" }).click();
  await expect.poll(() => inputError(page, "Pattern")).toMatch(/offset/);
  await shot("module-pattern-error");
  await field(page, "Pattern").fill("(?i)hello");
  await page.getByRole("button", { name: "Create module" }).click();
  await expect.poll(notified("Module created")).toBe(true);
  await page.getByRole("heading", { name: "Greeting" }).waitFor();

  // The Test panel runs the draft against a sample message.
  await field(page, "Sample message").fill("Hello there");
  await page.getByRole("button", { name: "Run test" }).click();
  await expect.poll(() => page.getByTestId("module-test-fired").textContent()).toBe("Fired");

  // A POST_RESPONSE module whose script counts mentions in its state.
  await page.getByRole("link", { name: "All chat modules" }).click();
  await page.getByRole("link", { name: "New module" }).click();
  await field(page, "Name").fill("Mention counter");
  await choose(page, "Type", "Advanced (script)");
  await choose(page, "Runs", "Post-response (after the reply)");
  await field(page, "Script").fill(COUNTER_SCRIPT);
  await page.getByRole("button", { name: "Create module" }).click();
  await expect.poll(notified("Module created")).toBe(true);
  await page.getByRole("heading", { name: "Mention counter" }).waitFor();

  // A persona with both, in this order; its template previewed with the sample variables.
  await page.getByRole("link", { name: "Personas" }).click();
  await page.getByRole("link", { name: "New persona" }).click();
  await page.getByRole("heading", { name: "New persona" }).waitFor();
  await field(page, "Name").fill("Helper");
  await field(page, "Template").fill("You are Helper. You talk to {{ variables.candidate.name }}.");
  await expect.poll(() => page.getByTestId("prompt-preview").innerText()).toContain("You talk to Ada Lovelace.");
  const modules = page.getByRole("combobox", { name: "Modules", exact: true });
  await modules.click();
  await page.getByRole("option", { name: "Greeting", exact: true }).click();
  await page.getByRole("option", { name: "Mention counter", exact: true }).click();
  await page.keyboard.press("Escape");
  await expect
    .poll(() => page.getByTestId("module-order").locator("li").allInnerTexts())
    .toEqual([expect.stringContaining("Greeting"), expect.stringContaining("Mention counter")]);
  // Reordered with the keyboard: pick up with Space, move up, drop with Space.
  // Each step waits for dnd-kit's announcement: a key pressed before it has measured the list is lost.
  const announced = () => page.locator('[id^="DndLiveRegion"]').innerText();
  await page.getByRole("button", { name: "Move Mention counter (position 2)" }).focus();
  await page.keyboard.press("Space");
  await expect.poll(announced).toMatch(/Picked up Mention counter\.|Mention counter is at position 2\./);
  await page.keyboard.press("ArrowUp");
  await expect.poll(announced).toContain("Mention counter is at position 1.");
  await page.keyboard.press("Space");
  await expect.poll(announced).toContain("Mention counter dropped at position 1.");
  await expect
    .poll(() => page.getByTestId("module-order").locator("li").allInnerTexts())
    .toEqual([expect.stringContaining("Mention counter"), expect.stringContaining("Greeting")]);
  await page.getByRole("button", { name: "Create persona" }).click();
  await expect.poll(notified("Persona created")).toBe(true);
  await page.getByRole("heading", { name: "Helper" }).waitFor();
  // Saved in that order.
  await expect
    .poll(() => page.getByTestId("module-order").locator("li").allInnerTexts())
    .toEqual([expect.stringContaining("Mention counter"), expect.stringContaining("Greeting")]);
  await shot("persona");

  // A conversation with it; the message sent with Enter.
  await page.getByRole("link", { name: "Playground" }).click();
  await choose(page, "Persona", "Helper");
  await field(page, "Title").fill("Greeting test");
  await page.getByRole("button", { name: "Start" }).click();
  await page.getByRole("heading", { name: "Greeting test" }).waitFor();
  const composer = page.getByRole("textbox", { name: "Message" });
  await composer.fill("Hello there, I am Ada");
  await composer.press("Enter");
  await expect.poll(() => composer.inputValue()).toBe("");

  const chat = page.getByTestId("chat-panel");
  await chat.locator('[data-role="user"]').filter({ hasText: "Hello there, I am Ada" }).waitFor();
  const reply = chat.locator('[data-role="assistant"]').last();
  await expect.poll(() => reply.getAttribute("data-status"), { timeout: 60_000 }).toBe("complete");
  expect((await reply.getByTestId("chat-message-text").innerText()).trim().length).toBeGreaterThan(0);

  // Trace: both modules fired for the reply.
  await page.getByRole("tab", { name: "Trace" }).click();
  const fired = page.getByTestId("trace-panel").locator('[data-testid="trace-entry"][data-fired="true"]');
  await expect.poll(() => fired.filter({ hasText: "Greeting" }).count()).toBe(1);
  await expect.poll(() => fired.filter({ hasText: "Mention counter" }).count()).toBe(1);
  await shot("trace");

  // State: the value the POST_RESPONSE script wrote.
  await page.getByRole("tab", { name: "State" }).click();
  const row = page.getByTestId("state-row").filter({ hasText: "mentions" });
  await expect.poll(() => row.innerText()).toContain("Mention counter");
  expect(await row.locator("pre").innerText()).toBe("1");
  await shot("state");
});

test("a model that cannot be reached: the user's message stays, the reply shows its error and a Retry", async () => {
  const { page } = e2e;
  await page.getByRole("link", { name: "Personas" }).click();
  await page.getByRole("link", { name: "New persona" }).click();
  await field(page, "Name").fill("Unreachable model");
  await choose(page, "Provider", "OpenAI-compatible model");
  await field(page, "Model").fill("nothing-listens");
  // Port 9 (discard) on this machine: refused at once, no network reached.
  await field(page, "Base URL").fill("http://127.0.0.1:9/v1");
  await page.getByLabel("API key").fill("sk-e2e-secret");
  await page.getByRole("button", { name: "Create persona" }).click();
  await expect.poll(notified("Persona created")).toBe(true);
  await page.getByRole("heading", { name: "Unreachable model" }).waitFor();
  // The key is stored, never shown back.
  await page.getByText("A key is stored (never shown)").waitFor();
  expect(await page.getByLabel("API key").inputValue()).toBe("");
  // An avatar uploaded (a 1×1 PNG) is shown from the server.
  await page.locator('input[type="file"]').setInputFiles({ name: "avatar.png", mimeType: "image/png", buffer: PNG });
  const avatar = page.getByRole("img", { name: "Unreachable model's avatar" });
  await expect.poll(() => avatar.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);
  await page.getByRole("button", { name: "Replace avatar" }).waitFor();

  await page.getByRole("link", { name: "Playground" }).click();
  await choose(page, "Persona", "Unreachable model");
  await page.getByRole("button", { name: "Start" }).click();
  await page.getByRole("heading", { name: "Unreachable model" }).waitFor();
  const composer = page.getByRole("textbox", { name: "Message" });
  await composer.fill("Is anyone there?");
  await composer.press("Enter");

  const chat = page.getByTestId("chat-panel");
  const reply = chat.locator('[data-role="assistant"]').last();
  await expect.poll(() => reply.getAttribute("data-status"), { timeout: 60_000 }).toBe("failed");
  await chat.locator('[data-role="user"]').filter({ hasText: "Is anyone there?" }).waitFor();
  await reply.getByText("The reply failed").waitFor();
  // The persona's avatar beside its reply.
  const replyAvatar = reply.getByRole("img", { name: "Unreachable model", exact: true });
  await expect
    .poll(() => replyAvatar.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
    .toBe(1);
  const retry = reply.getByRole("button", { name: "Retry" });
  await shot("reply-failed");
  await retry.click();
  // Retried: generated again, and failed again the same visible way.
  await expect.poll(() => reply.getAttribute("data-status"), { timeout: 60_000 }).toBe("failed");
  await retry.waitFor();
});
