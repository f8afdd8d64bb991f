/**
 * Renders a report as a PDF with pdfkit's standard Helvetica fonts (no font files;
 * the text stays extractable as plain text). Written to a temporary file, then renamed.
 */
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { finished } from "node:stream/promises";
import type { StandoutMetric } from "@shortlist/db/constants";
import PDFDocument from "pdfkit";
import { fixed, percent, plural, signed } from "./format";
import { RECOMMENDATION_LABELS } from "./narrative";
import type { AssessmentMetrics } from "../scoring/types";
import type { ReportContent } from "./types";

export interface PdfReportData {
  reportId: string;
  assessmentId: string;
  generatedAt: Date;
  candidate: { name: string; email: string; role: string; company: string };
  content: ReportContent;
  metrics: Omit<AssessmentMetrics, "sessionTrend">;
}

const REPLACEMENTS: Record<string, string> = {
  "\u2212": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2018": "'",
  "\u2019": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u2026": "...",
  "\u2264": "<=",
  "\u2265": ">=",
};

// eslint-disable-next-line no-control-regex
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/gu;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Helvetica covers Latin-1: other characters become "?" rather than wrong glyphs; control characters go. */
export const pdfSafe = (text: string) =>
  text.replace(BEYOND_LATIN1, (c) => REPLACEMENTS[c] ?? "?").replace(CONTROL, "");

type Doc = InstanceType<typeof PDFDocument>;

function heading(doc: Doc, title: string) {
  doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).fillColor("#1f2937").text(pdfSafe(title));
  doc.moveDown(0.2).font("Helvetica").fontSize(10.5).fillColor("#111827");
}

/** A list whose wrapped lines stay indented under their first. */
function bullets(doc: Doc, items: readonly string[], empty: string) {
  if (!items.length) {
    doc.font("Helvetica-Oblique").text(pdfSafe(empty)).font("Helvetica");
    return;
  }
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  for (const item of items) doc.text(pdfSafe(`- ${item}`), left + 10, doc.y, { width: width - 10, paragraphGap: 3 });
  doc.x = left;
}

function rows(doc: Doc, pairs: readonly [string, string][]) {
  for (const [label, value] of pairs) {
    doc
      .font("Helvetica-Bold")
      .text(pdfSafe(`${label}: `), { continued: true })
      .font("Helvetica")
      .text(pdfSafe(value));
  }
}

const standoutLine = (m: StandoutMetric) =>
  `${m.label} ${m.metric === "conceptRetention" ? percent(m.value) : fixed(m.value, m.metric === "taoIndex" ? 1 : 2)} (${m.direction}): ${m.note}`;

function draw(doc: Doc, data: PdfReportData) {
  const { candidate, content: c, metrics: m } = data;
  doc.font("Helvetica").fontSize(9).fillColor("#6b7280").text("Shortlist hiring report");
  doc.moveDown(0.3).font("Helvetica-Bold").fontSize(20).fillColor("#111827").text(pdfSafe(candidate.name));
  doc
    .font("Helvetica")
    .fontSize(11)
    .text(pdfSafe(`${candidate.role} at ${candidate.company} - ${candidate.email}`));
  doc
    .moveDown(0.6)
    .font("Helvetica-Bold")
    .fontSize(15)
    .text(pdfSafe(`Recommendation: ${RECOMMENDATION_LABELS[c.recommendation]}`));
  doc
    .font("Helvetica")
    .fontSize(10.5)
    .text(`Confidence ${percent(c.confidence)} - generated ${data.generatedAt.toISOString()}`);

  heading(doc, "Summary");
  doc.text(pdfSafe(c.summary));

  heading(doc, "Metrics");
  rows(doc, [
    ["Tao index", `${fixed(m.taoIndex)} of 100`],
    [
      "Percentile",
      c.percentile === null
        ? "not quoted (benchmark thin or missing)"
        : `${fixed(c.percentile)} (of ${c.percentileSampleSize})`,
    ],
    ["Mean sophistication", `${fixed(m.avgSophistication, 2)} of 7`],
    ["Learning velocity", `${signed(m.learningVelocity)} per session`],
    ["Chain depth", `${fixed(m.chainDepth, 2)} (longest ${m.longestChain})`],
    ["Concept retention", percent(m.conceptRetention)],
    ["Interest ratio", percent(m.interestRatio)],
    ["Activity", `${m.totalQueries} questions, ${m.totalSessions} sessions, ${fixed(m.totalTimeMinutes, 0)} minutes`],
  ]);

  heading(doc, "Domain scores");
  bullets(
    doc,
    m.domainScores.map((d) => {
      const detail =
        d.avgSophistication === null
          ? "no questions"
          : `${plural(d.questions, "question")}, mean sophistication ${fixed(d.avgSophistication, 2)}`;
      return `${d.domain}${d.assigned ? "" : " (beyond the assigned domains)"}: ${fixed(d.score, 0)} of 100, ${detail}`;
    }),
    "No domains.",
  );

  heading(doc, "Strengths");
  bullets(doc, c.strengths, "None stood out.");
  heading(doc, "Concerns");
  bullets(doc, c.concerns, "None raised by the rules.");
  heading(doc, "Standout metrics");
  bullets(doc, c.standoutMetrics.map(standoutLine), "No metric stands out.");
  heading(doc, "Learning trajectory");
  doc.text(pdfSafe(c.learningTrajectory));
  heading(doc, "Against the benchmark");
  doc.text(pdfSafe(c.vsBenchmark));
  heading(doc, "Follow-up questions for the interview");
  bullets(doc, c.followUpQuestions, "None.");

  doc.moveDown(1.2).font("Helvetica").fontSize(8).fillColor("#6b7280");
  doc.text(`Report ${data.reportId}, assessment ${data.assessmentId}. Metrics and rules: docs/scoring.md.`);
}

/** Renders the report into `filePath` (its folder is created) and returns the file's size. */
export async function renderReportPdf(data: PdfReportData, filePath: string): Promise<{ bytes: number }> {
  await mkdir(dirname(filePath), { recursive: true });
  const temporary = `${filePath}.${randomBytes(4).toString("hex")}.tmp`;
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    info: {
      Title: pdfSafe(`Hiring report: ${data.candidate.name}`),
      Author: "Shortlist",
      CreationDate: data.generatedAt,
    },
  });
  const out = createWriteStream(temporary);
  doc.pipe(out);
  try {
    draw(doc, data);
    doc.end();
    await finished(out);
    await rename(temporary, filePath);
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
  return { bytes: (await stat(filePath)).size };
}
