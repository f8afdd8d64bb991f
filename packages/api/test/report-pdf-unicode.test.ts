/**
 * Report PDFs print names in any script as written (embedded Noto subsets, Arabic shaped right to
 * left) and are readable by the server's user only.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { assessmentWithSample, pdfText, useVettingContext } from "./vetting-fixtures";

const t = useVettingContext();

async function reportPdf(name: string, company = "Acme") {
  const { assessment } = await assessmentWithSample(t.recruiter, { name, company, role: "Backend Engineer" });
  await t.recruiter.assessments.complete({ assessmentId: assessment.id });
  const report = await t.recruiter.reports.generate({ assessmentId: assessment.id });
  return join(t.dataDir, "reports", `${report.id}.pdf`);
}

test("Arabic, Latin with diacritics and Chinese in one name: each part is in the PDF's text", async () => {
  const text = await pdfText(await reportPdf("محمد Zoë Ångström 李小龙"));
  expect(text).toContain("Zoë Ångström 李小龙");
  // Extraction may give a right-to-left run in visual order: the letters are there either way.
  const heading = text.split("\n").find((line) => line.includes("Zoë Ångström"))!;
  expect(heading).not.toContain("?");
  for (const letter of "محمد") expect(heading).toContain(letter);
  expect(heading).toMatch(/محمد|دمحم/);
});

test("Cyrillic and Greek names and companies print as written", async () => {
  const text = await pdfText(await reportPdf("Анна Каренина", "Ελληνική Εταιρεία"));
  expect(text).toContain("Анна Каренина");
  expect(text).toContain("Ελληνική Εταιρεία");
});

test("the PDF is readable and writable by its owner only (mode 0600)", async () => {
  const file = await reportPdf("Ada Lovelace");
  expect((await stat(file)).mode & 0o777).toBe(0o600);
});
