/** The vacancy report as a PDF, in memory (the report is small), with vetting's fonts so any script prints as written. */
import PDFDocument from "pdfkit";
import { latinFont, pdfSafe, registerFonts, segments, type Face } from "../vetting";
import type { VacancyReportDTO } from "./dto";
import { profileRows } from "./logic/report";

type Doc = InstanceType<typeof PDFDocument>;
type TextOptions = PDFKit.Mixins.TextOptions;

function write(doc: Doc, text: string, { face = "regular", ...options }: TextOptions & { face?: Face } = {}) {
  const runs = segments(pdfSafe(text), face);
  if (!runs.length) runs.push({ font: latinFont(face), text: "" });
  runs.forEach((run, i) => {
    const last = i === runs.length - 1;
    doc.font(run.font).text(run.text, { ...(i === 0 ? options : {}), continued: last ? options.continued : true });
  });
}

function style(doc: Doc, size: number, color: string, face: Face = "regular") {
  doc.font(latinFont(face)).fontSize(size).fillColor(color);
}

function heading(doc: Doc, title: string) {
  doc.moveDown(0.8);
  style(doc, 13, "#1f2937", "bold");
  write(doc, title, { face: "bold" });
  doc.moveDown(0.2);
  style(doc, 10.5, "#111827");
}

const fixed = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function draw(doc: Doc, report: VacancyReportDTO) {
  style(doc, 9, "#6b7280");
  write(doc, "Shortlist vacancy report");
  doc.moveDown(0.3);
  style(doc, 20, "#111827", "bold");
  write(doc, report.title, { face: "bold" });
  style(doc, 10.5, "#374151");
  write(doc, `Profile version ${report.profileVersion} - generated ${report.generatedAt.toISOString()}`);

  heading(doc, "Summary");
  write(doc, report.summary);

  heading(doc, "Still missing");
  write(
    doc,
    report.missing.length ? report.missing.map((m) => m.label).join(", ") : "Nothing: the profile is complete.",
  );

  heading(doc, "Vacancy profile");
  for (const [label, value] of profileRows(report.profile)) {
    write(doc, `${label}: `, { face: "bold", continued: true });
    write(doc, value, { paragraphGap: 2 });
  }

  heading(doc, "Benchmark");
  const b = report.benchmark;
  if (!b) write(doc, "No benchmark exists for a role with this name.", { face: "italic" });
  else {
    write(doc, `${b.role}${b.company ? ` at ${b.company}` : ""}, from ${b.sampleSize} assessments`);
    for (const band of b.bands) {
      write(doc, `${band.label}: p50 ${fixed(band.p50)}, p75 ${fixed(band.p75)}, p90 ${fixed(band.p90)}`);
    }
  }

  heading(doc, "Pipeline for this role and company");
  const p = report.pipeline;
  write(doc, `${p.jobs} job(s): ${p.active} active, ${p.hired} hired, ${p.rejected} rejected`);
  for (const stage of p.byStage) write(doc, `${stage.stage}: ${stage.count}`);
}

export async function renderVacancyReportPdf(report: VacancyReportDTO): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    info: { Title: pdfSafe(`Vacancy report: ${report.title}`), Author: "Shortlist", CreationDate: report.generatedAt },
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  draw(doc, report);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
