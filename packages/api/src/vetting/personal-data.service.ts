/**
 * vetting's personal-data holder (personal-data.ts): a candidate's assessments, their activity and reports.
 * Erasure deletes the activity (question texts) and the reports with their PDFs; the assessments stay, holding
 * only metrics, so role benchmarks and percentiles keep counting them.
 */
import { rm } from "node:fs/promises";
import { Report } from "@shortlist/db";
import type { ProcedureContext } from "../context";
import type { PersonalDataHolder } from "../personal-data";
import { activityOf } from "./activity.service";
import { listAssessmentsForCandidate } from "./assessments.service";
import { toReportDTO } from "./mappers";
import { pdfAbsolutePath } from "./reports.service";

async function exportVetting(ctx: ProcedureContext, candidateId: string) {
  const assessments = await listAssessmentsForCandidate(ctx.em, candidateId);
  const activity = [];
  for (const assessment of assessments) activity.push(await activityOf(ctx.em, assessment.id));
  const reports = await ctx.em.find(Report, { candidate: candidateId }, { orderBy: { generatedAt: "asc", id: "asc" } });
  return { assessments, activity, reports: reports.map(toReportDTO) };
}

async function eraseVetting(ctx: ProcedureContext, candidateId: string) {
  // Questions go with their sessions (on delete cascade).
  await ctx.em.execute(
    "delete from assessment_sessions where assessment_id in (select id from assessments where candidate_id = ?)",
    [candidateId],
  );
  // The session trend keeps its numbers; the caller's session refs (which may name the person) give way to numbers.
  await ctx.em.execute(
    `update assessments a
        set session_trend = (select jsonb_agg(point || jsonb_build_object('ref', 'erased-' || n) order by n)
                               from jsonb_array_elements(a.session_trend) with ordinality as t(point, n))
      where a.candidate_id = ? and jsonb_typeof(a.session_trend) = 'array' and jsonb_array_length(a.session_trend) > 0`,
    [candidateId],
  );
  const reports = await ctx.em.execute<{ id: string; pdf_path: string | null }[]>(
    "delete from reports where candidate_id = ? returning id, pdf_path",
    [candidateId],
  );
  // Were the transaction to roll back after this, the rows would still exist and a download renders the PDF again.
  for (const report of reports) {
    await rm(pdfAbsolutePath(ctx.config, { id: report.id, pdfPath: report.pdf_path }), { force: true });
  }
}

export const vettingPersonalData: PersonalDataHolder = { export: exportVetting, erase: eraseVetting };
