import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { scoreActivity } from "../scoring";
import { workedExample } from "../scoring/worked-example.fixture";
import { buildReport } from "./build";
import { segments } from "./fonts";
import { pdfSafe, renderReportPdf } from "./pdf";
import { pdfText } from "./pdf-text.fixture";

test("pdfSafe keeps every script and typographic punctuation, drops control characters but line feeds and tabs", () => {
  expect(pdfSafe("Zoë O\u2019Brien \u2212 \u201cok\u201d \u2264 \u674e\u0007\u001b[2J\u009b\n\t")).toBe(
    "Zoë O\u2019Brien \u2212 \u201cok\u201d \u2264 \u674e[2J\n\t",
  );
});

test("segments: one font per script; the words of an Arabic run right to left", () => {
  expect(segments("محمد علي Zoë 李小龙, Анна", "regular")).toEqual([
    { font: "arabic-regular", text: "علي" },
    { font: "latin-regular", text: " " },
    { font: "arabic-regular", text: "محمد" },
    { font: "latin-regular", text: " Zoë " },
    { font: "cjk-regular", text: "李小龙" },
    { font: "latin-regular", text: ", Анна" },
  ]);
  expect(segments("Ελληνικά", "bold")).toEqual([{ font: "latin-bold", text: "Ελληνικά" }]);
});

async function renderedText(
  adjust: (scores: ReturnType<typeof scoreActivity>) => void = () => {},
  percentile: { value: number; sampleSize: number } | null = null,
) {
  const dir = await mkdtemp(join(tmpdir(), "shortlist-pdf-"));
  try {
    const scores = scoreActivity(workedExample());
    adjust(scores);
    const content = buildReport({
      candidate: { name: "Zoë Example", role: "Backend Engineer", company: "Acme" },
      assessment: scores,
      weakestQuestion: { Python: "What is a generator?" },
      benchmark: null,
      percentile,
    });
    const file = join(dir, "reports", "r1.pdf");
    const { bytes } = await renderReportPdf(
      {
        reportId: "r1",
        assessmentId: "a1",
        generatedAt: new Date("2026-01-08T10:00:00Z"),
        candidate: { name: "Zoë Example", email: "zoe@example.com", role: "Backend Engineer", company: "Acme" },
        content,
        metrics: scores,
      },
      file,
    );
    expect(bytes).toBeGreaterThan(1000);
    return await pdfText(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("the rendered PDF holds its texts as extractable text", async () => {
  const text = await renderedText();
  expect(text).toContain("Zoë Example");
  expect(text).toContain("Recommendation: Lean no hire");
  expect(text).toContain("Tao index: 51.7 of 100");
});

test("the activity row counts with the shared formatter: singular for one, grouped thousands", async () => {
  const text = await renderedText((scores) => {
    scores.totalQueries = 1234;
    scores.totalSessions = 1;
  });
  expect(text).toContain("1,234 questions, 1 session,");
});

test("the percentile says what it ranks among and when; a glossary ends the report", async () => {
  const text = (await renderedText(undefined, { value: 40, sampleSize: 31 })).replace(/\s+/g, " ");
  expect(text).toContain("Percentile: 40th percentile among 31 when the report was generated");
  expect(text).toContain("Glossary");
  for (const term of ["Tao index:", "Chain depth:", "Learning velocity:", "Percentile:"]) expect(text).toContain(term);
  expect(text).toContain("The overall score, 0 to 100");

  const thin = (await renderedText()).replace(/\s+/g, " ");
  expect(thin).toContain("Percentile: not quoted (benchmark thin or missing)");
});
