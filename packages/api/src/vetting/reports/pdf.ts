/**
 * Renders a report as a PDF with embedded Noto fonts (subsets; see ./fonts.ts), so names in any
 * of Latin, Greek, Cyrillic, Arabic and CJK print as written and stay extractable as text.
 * Written to a temporary file readable by its owner only, then renamed.
 */
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { finished } from "node:stream/promises";
import type { ReportSection, StandoutMetric } from "@shortlist/db/constants";
import PDFDocument from "pdfkit";
import { createFormat, fixed, percent, RECOMMENDATION_LABEL, REPORT_LOCALE, signed } from "../../shared/format";
import { METRIC_GLOSSARY, percentileLabel } from "../logic/glossary";
import { latinFont, registerFonts, segments, type Face } from "./fonts";
import type { AssessmentMetrics } from "../scoring/types";
import type { ReportContent } from "./types";

const { plural } = createFormat(REPORT_LOCALE);

export interface PdfReportData {
  reportId: string;
  assessmentId: string;
  generatedAt: Date;
  candidate: { name: string; email: string; role: string; company: string };
  content: ReportContent;
  metrics: Omit<AssessmentMetrics, "sessionTrend">;
  /** Other modules' sections, drawn after the report's own. */
  sections?: readonly ReportSection[];
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Control characters go (a line feed and a tab stay); every other character is drawn as written. */
export const pdfSafe = (text: string) => text.replace(CONTROL, "");

type Doc = InstanceType<typeof PDFDocument>;
type TextOptions = PDFKit.Mixins.TextOptions;

/** Draws text run by run, each run in the font that covers its script; `continued` as in pdfkit. */
function write(doc: Doc, text: string, { face = "regular", ...options }: TextOptions & { face?: Face } = {}) {
  const runs = segments(pdfSafe(text), face);
  if (!runs.length) runs.push({ font: latinFont(face), text: "" });
  runs.forEach((run, i) => {
    const last = i === runs.length - 1;
    doc.font(run.font).text(run.text, { ...(i === 0 ? options : {}), continued: last ? options.continued : true });
  });
  return doc;
}

/** Sets the size and colour, and the Latin font as the current one (for moveDown's line height). */
const style = (doc: Doc, size: number, color?: string, face: Face = "regular") => {
  doc.font(latinFont(face)).fontSize(size);
  if (color) doc.fillColor(color);
  return doc;
};

function heading(doc: Doc, title: string) {
  doc.moveDown(0.8);
  write(style(doc, 13, "#1f2937", "bold"), title, { face: "bold" });
  doc.moveDown(0.2);
  style(doc, 10.5, "#111827");
}

/** A list whose wrapped lines stay indented under their first. */
function bullets(doc: Doc, items: readonly string[], empty: string) {
  if (!items.length) {
    write(doc, empty, { face: "italic" });
    return;
  }
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  for (const item of items) {
    doc.x = left + 10;
    write(doc, `- ${item}`, { width: width - 10, paragraphGap: 3 });
  }
  doc.x = left;
}

function rows(doc: Doc, pairs: readonly [string, string][]) {
  for (const [label, value] of pairs) {
    write(doc, `${label}: `, { face: "bold", continued: true });
    write(doc, value);
  }
}

const standoutLine = (m: StandoutMetric) =>
  `${m.label} ${m.metric === "conceptRetention" ? percent(m.value) : fixed(m.value, m.metric === "taoIndex" ? 1 : 2)} (${m.direction}): ${m.note}`;

/** Another module's section: its facts, its paragraph and its list, as plain text. */
function drawSection(doc: Doc, section: ReportSection) {
  heading(doc, section.title);
  rows(doc, section.facts);
  if (section.text) {
    doc.moveDown(0.3);
    write(doc, section.text);
  }
  if (section.list.items.length) {
    doc.moveDown(0.3);
    write(doc, section.list.title, { face: "bold" });
    bullets(doc, section.list.items, "");
  }
}

/** What the numbers mean: the SPA's glossary, in smaller type. */
function glossary(doc: Doc) {
  heading(doc, "Glossary");
  style(doc, 9, "#374151");
  for (const { term, definition } of METRIC_GLOSSARY) {
    write(doc, `${term}: `, { face: "bold", continued: true });
    write(doc, definition, { paragraphGap: 2 });
  }
  style(doc, 10.5, "#111827");
}

function draw(doc: Doc, data: PdfReportData) {
  const { candidate, content: c, metrics: m } = data;
  write(style(doc, 9, "#6b7280"), "Shortlist hiring report");
  doc.moveDown(0.3);
  write(style(doc, 20, "#111827", "bold"), candidate.name, { face: "bold" });
  write(style(doc, 11), `${candidate.role} at ${candidate.company} - ${candidate.email}`);
  doc.moveDown(0.6);
  write(style(doc, 15, undefined, "bold"), `Recommendation: ${RECOMMENDATION_LABEL[c.recommendation]}`, {
    face: "bold",
  });
  write(style(doc, 10.5), `Confidence ${percent(c.confidence)} - generated ${data.generatedAt.toISOString()}`);

  heading(doc, "Summary");
  write(doc, c.summary);

  heading(doc, "Metrics");
  rows(doc, [
    ["Tao index", `${fixed(m.taoIndex)} of 100`],
    [
      "Percentile",
      c.percentile === null || c.percentileSampleSize === null
        ? "not quoted (benchmark thin or missing)"
        : `${percentileLabel(c.percentile, c.percentileSampleSize, "report")} (tao index, the role's completed assessments)`,
    ],
    ["Mean sophistication", `${fixed(m.avgSophistication, 2)} of 7`],
    ["Learning velocity", `${signed(m.learningVelocity)} per session`],
    ["Chain depth", `${fixed(m.chainDepth, 2)} (longest ${m.longestChain})`],
    ["Concept retention", percent(m.conceptRetention)],
    ["Interest ratio", percent(m.interestRatio)],
    [
      "Activity",
      `${plural(m.totalQueries, "question")}, ${plural(m.totalSessions, "session")}, ${fixed(m.totalTimeMinutes, 0)} minutes`,
    ],
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
  write(doc, c.learningTrajectory);
  heading(doc, "Against the benchmark");
  write(doc, c.vsBenchmark);
  heading(doc, "Follow-up questions for the interview");
  bullets(doc, c.followUpQuestions, "None.");
  for (const section of data.sections ?? []) drawSection(doc, section);
  glossary(doc);

  doc.moveDown(1.2);
  write(
    style(doc, 8, "#6b7280"),
    `Report ${data.reportId}, assessment ${data.assessmentId}. Metrics and rules: docs/scoring.md.`,
  );
}

/** Renders the report into `filePath` (its folder is created) and returns the file's size. */
export async function renderReportPdf(data: PdfReportData, filePath: string): Promise<{ bytes: number }> {
  await mkdir(dirname(filePath), { recursive: true, mode: 0o700 });
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
  registerFonts(doc);
  // Reports hold personal data: readable by the server's user only.
  const out = createWriteStream(temporary, { mode: 0o600 });
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
