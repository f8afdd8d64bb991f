/**
 * Issue #12's staff screens: the new-cycle form refuses bad input on the field at fault (the slug and the capacity,
 * then a question key used twice, on the second question's key input) and creates the cycle once fixed, opening its
 * board; the review queue of a preprocessed cycle (applications sent and the cycle moved through the API) is walked
 * with the keyboard alone (arrows and j/k move the focused row, Enter opens it, ←/→ and p/n move between
 * applications), and its applications show no applicant's name or email.
 */
import type { AppRouter } from "@shortlist/api";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { Page } from "playwright-core";
import superjson from "superjson";
import { expect, test } from "vitest";
import { notified as notifiedOn, signIn, useE2eEnvironment } from "./harness";

const ADMIN = { email: "admissions-admin@example.com", password: "a-long-test-password" };
const APPLICANTS = [
  { name: "Yolanda Pemberton-Okafor", email: "yolanda.pemberton@example.org", words: "accessible transit maps" },
  { name: "Kasimir Dellavalle", email: "kasimir.dellavalle@example.org", words: "open flood sensors" },
  { name: "Ingrid Solveigsdottir", email: "ingrid.solveig@example.org", words: "a library for court records" },
];

const e2e = useE2eEnvironment({ admin: ADMIN, pageOptions: { viewport: { width: 1440, height: 1000 } } });
const notified = (title: string) => notifiedOn(e2e.page, title);

/** The API as the signed-in admin of the page (its session cookie), for the data the keyboard test walks. */
async function apiOf(page: Page, url: string) {
  const cookie = (await page.context().cookies(url)).map((c) => `${c.name}=${c.value}`).join("; ");
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/trpc`, transformer: superjson, headers: { cookie } })],
  });
}

/** An input's accessible name: its label, with the asterisk of a required field when there is one. */
const named = (label: string) => new RegExp(`^${label}( \\*)?$`);
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? "");

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

  // A slug with spaces and no capacity: each refused on its own input.
  await form.getByRole("button", { name: "Create cycle" }).click();
  const slug = form.getByLabel("Slug");
  await expect.poll(() => slug.getAttribute("aria-invalid")).toBe("true");
  expect(await form.innerText()).toContain("Use lower-case letters, digits and hyphens");
  expect(await form.getByLabel("Capacity").getAttribute("aria-invalid")).toBe("true");
  await expect.poll(() => page.getByRole("alert").filter({ hasText: "Not created" }).isVisible()).toBe(true);

  // Fixed; a second question with the first one's key is refused on the second question's key.
  await slug.fill("civic-tech-2027");
  await form.getByLabel("Capacity").fill("2");
  await form.getByRole("button", { name: "Add question" }).click();
  const second = form.getByRole("group", { name: "Question 2" });
  await second.getByLabel("Question key").fill("motivation");
  await second.getByRole("textbox", { name: named("Question") }).fill("A project you are proud of");
  await second.getByLabel("Kind").selectOption("short");
  await form.getByRole("button", { name: "Create cycle" }).click();
  const secondKey = second.getByLabel("Question key");
  await expect.poll(() => secondKey.getAttribute("aria-invalid")).toBe("true");
  expect(await second.innerText()).toContain("Key motivation is used twice");
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
  expect(await page.getByTestId("public-form-link").innerText()).toBe(`${server.url}/apply/civic-tech-2027`);
  expect(await page.getByRole("button", { name: "Open applications" }).isVisible()).toBe(true);
  expect(await page.getByRole("button", { name: "Freeze applications" }).count()).toBe(0);

  // The list shows it.
  await page.getByRole("link", { name: "All cycles" }).click();
  await expect.poll(() => page.getByTestId("cycles-table").innerText()).toContain("civic-tech-2027");
});

test("the review queue is walked with the keyboard, and shows no applicant's identity", async () => {
  const { page, server } = e2e;
  const api = await apiOf(page, server.url);
  const cycle = await api.admissions.cycles.create.mutate({
    slug: "keyboard-review",
    name: "Keyboard Review",
    capacity: 1,
    questions: [{ key: "project", label: "A project you are proud of", kind: "long" }],
    criteria: [{ key: "impact", label: "Impact" }],
  });
  await api.admissions.open.mutate({ cycleId: cycle.id });
  for (const a of APPLICANTS) {
    await api.applicants.submit.mutate({
      slug: "keyboard-review",
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
  expect(await page.evaluate(() => document.activeElement?.matches(":focus-visible"))).toBe(true);

  await page.keyboard.press("Enter");
  await expect.poll(() => page.getByRole("heading", { name: "Application #2" }).isVisible()).toBe(true);
  const answer = await page.getByTestId("answer-text").innerText();
  expect(answer).toContain("[NAME]");
  expect(answer).not.toContain(APPLICANTS[1]!.name.split(" ")[0]);

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
  expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("switch");
});
