/**
 * Issue #10 item 10 in the browser: the percentile says what it is ("… percentile among 6 at completion", a report's
 * "… when the report was generated"), and the metrics' glossary opens from the assessment and from the report.
 * Six assessments of one role are completed through the API first, so the percentile is quoted (5 or more).
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { AppRouter } from "@shortlist/api";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { Page } from "playwright-core";
import superjson from "superjson";
import { expect, test } from "vitest";
import { notified, signIn, useE2eEnvironment } from "./harness";

const SAMPLE = fileURLToPath(new URL("../../../examples/activity.sample.jsonl", import.meta.url));
const ADMIN = { email: "admin@example.com", password: "a-long-test-password" };

const e2e = useE2eEnvironment({
  admin: ADMIN,
  dataDirPrefix: "shortlist-e2e-glossary-",
  pageOptions: { viewport: { width: 1400, height: 1000 } },
});

/** The API as the signed-in user of the page (its session cookie). */
async function apiOf(page: Page, url: string) {
  const cookie = (await page.context().cookies(url)).map((c) => `${c.name}=${c.value}`).join("; ");
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/trpc`, transformer: superjson, headers: { cookie } })],
  });
}

test("percentiles are labelled with how many and when; the glossary explains tao index, chain depth and velocity", async () => {
  const { page, server } = e2e;
  await signIn(page, `${server.url}/candidates`, ADMIN);
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  const api = await apiOf(page, server.url);

  // Six people with more and more of the sample's activity (each prefix keeps its follow-ups' references).
  const lines = (await readFile(SAMPLE, "utf8")).split("\n").filter(Boolean);
  const prefixes = [2, 3, 4, 6, 8, 12];
  let last = "";
  for (const [i, count] of prefixes.entries()) {
    const candidate = await api.candidates.create.mutate({
      name: `Metric Person ${i + 1}`,
      email: `metric-${i + 1}@glossary.test`,
      role: "Backend Engineer",
      company: "Acme",
      assessmentDomains: ["Python", "PostgreSQL"],
      consentGiven: true,
    });
    const assessment = await api.assessments.start.mutate({ candidateId: candidate.id });
    const rows = lines.slice(0, count).map((line, n) => ({ ...(JSON.parse(line) as object), line: n + 1 }));
    await api.assessments.importActivity.mutate({ assessmentId: assessment.id, rows });
    await api.assessments.complete.mutate({ assessmentId: assessment.id });
    last = candidate.id;
  }

  await page.goto(`${server.url}/candidates/${last}`);
  const assessments = page.getByTestId("assessments-section");
  await expect
    .poll(() => assessments.getByTestId("assessment-percentile").first().innerText())
    .toMatch(/^\d+(st|nd|rd|th) percentile among 6 at completion$/);

  // The glossary beside the metrics: a dialog with the terms, closed with Escape.
  await page.getByTestId("metric-bands").waitFor();
  await assessments.getByRole("button", { name: "What the metrics mean" }).click();
  const glossary = page.getByRole("dialog", { name: "What the metrics mean" });
  await expect.poll(() => glossary.isVisible()).toBe(true);
  const terms = await glossary.locator("dt").allInnerTexts();
  expect(terms).toEqual(expect.arrayContaining(["Tao index", "Chain depth", "Learning velocity", "Percentile"]));
  expect(await glossary.innerText()).toContain("The mean length of the follow-up chains");
  await page.keyboard.press("Escape");
  await expect.poll(() => glossary.isVisible()).toBe(false);

  // The report quotes the percentile taken when it was generated, and has the same glossary.
  await assessments.getByRole("button", { name: "Generate report" }).click();
  await expect.poll(notified(page, "Report generated")).toBe(true);
  const report = page.getByTestId("latest-report");
  await expect
    .poll(() => report.getByTestId("report-percentile").innerText())
    .toMatch(/^\d+(st|nd|rd|th) percentile among 6 when the report was generated$/i);
  await report.getByRole("button", { name: "What the metrics mean" }).click();
  await expect.poll(() => glossary.isVisible()).toBe(true);
  expect(await glossary.locator("dt").allInnerTexts()).toContain("Tao index");
});
