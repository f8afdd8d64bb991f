import { createHttpContextFactory, isDatabaseUnavailable, reportPdfFile, type ContextDeps } from "@shortlist/api";
import express, { type Router } from "express";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GET /api/reports/:id/pdf: a report's PDF as an attachment, for any signed-in role
 * (session cookie or `Authorization: Bearer <API token>`, resolved as tRPC resolves them).
 */
export function reportPdfRouter(deps: ContextDeps): Router {
  const routes = express.Router();
  const contextFor = createHttpContextFactory(deps);

  routes.get("/reports/:id/pdf", async (req, res, next) => {
    try {
      const auth = await contextFor({ req, res }).getAuth();
      if (!auth) {
        res
          .status(401)
          .json({ error: { code: "UNAUTHORIZED", message: "Sign in (or send an API token) to download reports" } });
        return;
      }
      const id = String(req.params.id);
      if (!UUID.test(id)) {
        res.status(400).json({ error: { code: "BAD_REQUEST", message: "The report id must be a UUID" } });
        return;
      }
      const file = await reportPdfFile(deps.orm.em.fork(), deps.config, id);
      if (!file) {
        res.status(404).json({ error: { code: "NOT_FOUND", message: `Report ${id} was not found` } });
        return;
      }
      res.set("Cache-Control", "private, no-store");
      res.attachment(file.fileName);
      res.sendFile(file.path, (error) => {
        if (error && !res.headersSent) next(error);
      });
    } catch (error) {
      if (res.headersSent) return;
      if (isDatabaseUnavailable(error)) {
        res
          .status(503)
          .json({ error: { code: "SERVICE_UNAVAILABLE", message: "The database is unavailable; try again shortly" } });
        return;
      }
      req.log?.error({ err: error }, "report PDF download failed");
      res
        .status(500)
        .json({
          error: {
            code: "INTERNAL_SERVER_ERROR",
            message: `Internal error; quote request id ${String(req.id ?? "unknown")}`,
          },
        });
    }
  });
  return routes;
}
