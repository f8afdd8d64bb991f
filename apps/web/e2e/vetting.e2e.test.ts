/**
 * Issue #3 end to end in the browser: a recruiter starts an assessment for a candidate who
 * consented, imports activity from examples/activity.sample.jsonl through the file input,
 * completes it, sees the metrics against the role's bands, generates the report, sees the
 * recommendation, and downloads the PDF, whose text holds the candidate's name and the recommendation.
 */
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { pdfText } from "../../../packages/api/src/vetting/reports/pdf-text.fixture";
import { addCandidate, notified as notifiedOn, signIn, useE2eEnvironment } from "./harness";

const SAMPLE = fileURLToPath(new URL("../../../examples/activity.sample.jsonl", import.meta.url));
const RECRUITER = { email: "recruiter@example.com", password: "a-long-test-password" };
const CANDIDATE = { name: "Katherine Johnson", email: "katherine.johnson@example.com" };

const e2e = useE2eEnvironment({
  admin: RECRUITER,
  dataDirPrefix: "shortlist-e2e-vetting-",
  pageOptions: { acceptDownloads: true, viewport: { width: 1280, height: 900 } },
});

const visible = (text: string | RegExp) => () => e2e.page.getByText(text).first().isVisible();
const notified = (title: string) => notifiedOn(e2e.page, title);

test("start an assessment, import activity, complete it, see the metrics and the report, download the PDF", async () => {
  const { page, server } = e2e;
  await signIn(page, `${server.url}/candidates`, RECRUITER);

  // A candidate with consent and two assessment domains, through the form.
  await addCandidate(page, { ...CANDIDATE, domains: ["Python", "PostgreSQL"], consent: true });

  await page.getByTestId("candidates-table").getByRole("link", { name: CANDIDATE.name }).click();
  await page.getByRole("heading", { name: CANDIDATE.name }).waitFor();
  const assessments = page.getByTestId("assessments-section");
  await assessments.getByText("No assessments yet").waitFor();

  // Start: the assessment is for the one open application, which moves on to the job's Assessment stage.
  await assessments.getByRole("button", { name: "Start assessment" }).click();
  await expect.poll(notified("Assessment started")).toBe(true);
  await expect
    .poll(() => page.getByTestId("assessments-table").locator("tbody tr").first().innerText())
    .toMatch(/In progress/i);

  // Import the sample file through the file input.
  await page.getByTestId("activity-file").setInputFiles(SAMPLE);
  await assessments.getByRole("button", { name: "Import activity" }).click();
  await expect.poll(notified("Activity imported")).toBe(true);
  await expect.poll(visible("3 sessions and 9 questions recorded from activity.sample.jsonl.")).toBe(true);
  await expect.poll(() => page.getByTestId("assessments-table").innerText()).toContain("3 sessions, 9 questions");

  // Complete: the metrics against the role's bands (the only completed assessment of the role: thin).
  await assessments.getByRole("button", { name: "Complete assessment" }).click();
  await expect.poll(notified("Assessment completed")).toBe(true);
  await page.getByTestId("metric-bands").waitFor();
  await expect.poll(() => page.getByTestId("metric-taoIndex").innerText()).toContain("51.7");
  await expect.poll(() => page.getByTestId("metric-sophistication").innerText()).toContain("4.11");
  await expect.poll(() => page.getByTestId("metric-learningVelocity").innerText()).toContain("1.17");
  await expect.poll(() => page.getByTestId("metric-chainDepth").innerText()).toContain("1.80");
  await expect(page.getByRole("img", { name: /^Tao index 51\.7 of 100/ }).count()).resolves.toBe(1);
  await expect
    .poll(() => page.getByTestId("assessments-table").innerText())
    .toMatch(/Completed[\s\S]*51\.7[\s\S]*benchmark thin/i);
  await expect.poll(() => page.getByTestId("domain-scores").innerText()).toMatch(/PostgreSQL\s+3\s+4\.67\s+61/);
  await expect
    .poll(() => page.getByRole("heading", { level: 1 }).locator("..").innerText())
    .toMatch(/Backend Engineer at Acme: Assessment/);

  // Report: the recommendation and its texts.
  await assessments.getByRole("button", { name: "Generate report" }).click();
  await expect.poll(notified("Report generated")).toBe(true);
  const report = page.getByTestId("latest-report");
  await expect.poll(() => report.getByTestId("report-recommendation").innerText()).toMatch(/^Lean no hire$/i);
  await expect.poll(() => report.getByTestId("report-confidence").innerText()).toBe("57% confidence");
  await expect
    .poll(() => report.innerText())
    .toContain(`${CANDIDATE.name} (Backend Engineer, Acme): Lean no hire with 57% confidence.`);
  await expect
    .poll(() => report.getByTestId("report-vs-benchmark").innerText())
    .toContain("The benchmark for Backend Engineer is thin");

  // The PDF, downloaded as a user would: its text holds the name and the recommendation.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    report.getByRole("link", { name: "Download PDF" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^shortlist-report-katherine-johnson-\d{4}-\d{2}-\d{2}\.pdf$/);
  const text = await pdfText(await download.path());
  expect(text).toContain(CANDIDATE.name);
  expect(text).toContain("Recommendation: Lean no hire");

  // The home screen lists the report; nothing is in progress any more; the application is still active.
  await page.getByRole("navigation").getByRole("link", { name: "Home" }).click();
  await expect
    .poll(() => page.getByTestId("home-latest-reports").innerText())
    .toMatch(new RegExp(`${CANDIDATE.name}[\\s\\S]*Lean no hire`, "i"));
  await expect.poll(() => page.getByTestId("home-in-progress").innerText()).toContain("No assessment in progress");
  await expect.poll(() => page.getByTestId("home-outcome-active").innerText()).toMatch(/1$/);
});
