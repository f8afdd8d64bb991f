/** intake's file routes: the vacancy report PDF download. */
import { defineFileRoute } from "../files";
import { ROLES } from "../trpc";
import { renderVacancyReportPdf } from "./report-pdf";
import { reportForDownload } from "./reports.service";
import { intakeJobInput, vacancyReportPdfPath } from "./schemas";

/** GET /api/jobs/:jobId/vacancy-report.pdf: the report of the profile as it is now (the cached one when it exists). */
export const vacancyReportPdfRoute = defineFileRoute({
  path: vacancyReportPdfPath,
  access: ROLES.writers,
  input: intakeJobInput,
  handler: async ({ ctx, input }) => {
    const report = await reportForDownload(ctx.em, input.jobId);
    const name =
      report.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "") || "vacancy";
    return {
      kind: "bytes",
      body: await renderVacancyReportPdf(report),
      fileName: `vacancy-report-${name}-v${report.profileVersion}.pdf`,
      type: "application/pdf",
    };
  },
});

export const fileRoutes = [vacancyReportPdfRoute];
