/** vetting's file routes: the report PDF download. */
import { defineFileRoute } from "../files";
import { idInput } from "../shared/ids";
import { ROLES } from "../trpc";
import { reportPdfFile } from "./reports.service";
import { reportPdfPath } from "./schemas";

/** GET /api/reports/:id/pdf: the PDF as an attachment, for any signed-in role (session cookie or Bearer token). */
export const reportPdfRoute = defineFileRoute({
  path: reportPdfPath,
  access: ROLES.any,
  input: idInput,
  handler: async ({ ctx, input }) => {
    const file = await reportPdfFile(ctx.em, ctx.config, input.id);
    return { kind: "file", path: file.path, fileName: file.fileName, type: "application/pdf" };
  },
});

export const fileRoutes = [reportPdfRoute];
