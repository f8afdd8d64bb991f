/**
 * Browser: a rejected activity file lists its problems by line (read from the error's `problems`,
 * not from its message) and writes nothing; a valid one then records one session and one question.
 */
import { expect, test } from "vitest";
import { addCandidate, notified as notifiedOn, signIn, useE2eEnvironment } from "./harness";

const RECRUITER = { email: "recruiter@example.com", password: "a-long-test-password" };

const e2e = useE2eEnvironment({
  admin: RECRUITER,
  dataDirPrefix: "shortlist-e2e-import-",
  pageOptions: { viewport: { width: 1280, height: 900 } },
});
const notified = (title: string) => notifiedOn(e2e.page, title);
const file = (name: string, lines: object[]) => ({
  name,
  mimeType: "application/jsonl",
  buffer: Buffer.from(lines.map((l) => JSON.stringify(l)).join("\n")),
});

test("a rejected activity file lists each problem with its line; a valid one records 1 session, 1 question", async () => {
  const { page, server } = e2e;
  await signIn(page, `${server.url}/candidates`, RECRUITER);
  await addCandidate(page, { name: "Ada Lovelace", email: "ada@example.com", domains: ["Python"], consent: true });

  await page.getByTestId("candidates-table").getByRole("link", { name: "Ada Lovelace" }).click();
  const assessments = page.getByTestId("assessments-section");
  await assessments.getByRole("button", { name: "Start assessment" }).click();
  await expect.poll(notified("Assessment started")).toBe(true);

  const session = { type: "session", ref: "s1", start: "2026-01-05T09:00:00Z", end: "2026-01-05T09:30:00Z" };
  const question = {
    type: "question",
    ref: "q1",
    session: "s1",
    domain: "Python",
    text: "What is a generator?",
    askedAt: "2026-01-05T09:05:00Z",
  };
  await page
    .getByTestId("activity-file")
    .setInputFiles(
      file("bad.jsonl", [
        session,
        { ...session, ref: "s2", end: "2026-01-05T08:00:00Z" },
        { ...question, ref: "q2", session: "nope" },
      ]),
    );
  await assessments.getByRole("button", { name: "Import activity" }).click();
  const problems = page.getByTestId("import-problems").locator("li");
  await expect.poll(() => problems.count()).toBe(2);
  expect(await problems.nth(0).innerText()).toMatch(/^line 2\b/);
  expect(await problems.nth(1).innerText()).toMatch(/^line 3\b/);
  await expect.poll(notified("Activity rejected, nothing was written (2 problems)")).toBe(true);
  expect(await page.getByTestId("assessments-table").innerText()).toContain("0 sessions, 0 questions");

  await page.getByTestId("activity-file").setInputFiles(file("good.jsonl", [session, question]));
  await assessments.getByRole("button", { name: "Import activity" }).click();
  await expect.poll(notified("Activity imported")).toBe(true);
  await expect.poll(() => page.getByTestId("assessments-table").innerText()).toContain("1 session, 1 question");
});
