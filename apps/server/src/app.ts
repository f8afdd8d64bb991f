import { existsSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { appRouter, createHttpContextFactory, type ContextDeps } from "@shortlist/api";
import * as trpcExpress from "@trpc/server/adapters/express";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { healthRouter } from "./health";
import { reportPdfRouter } from "./report-pdf";

/** Refuses a declared oversized body before a byte of it is read or parsed. */
function bodyLimit(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) {
      res
        .status(413)
        .set("Connection", "close")
        .json({
          error: { code: "PAYLOAD_TOO_LARGE", message: `The request body is over the ${maxBytes}-byte limit` },
        });
      return;
    }
    next();
  };
}

export function createApp({ orm, config, log }: ContextDeps) {
  const app = express();
  app.disable("x-powered-by");
  if (config.trustProxy) app.set("trust proxy", true);
  app.use(
    helmet({
      // Served over plain http on localhost by default; only ask for HTTPS when cookies are Secure.
      strictTransportSecurity: config.auth.cookieSecure,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: config.auth.cookieSecure ? [] : null } },
    }),
  );
  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req) =>
        typeof req.headers["x-request-id"] === "string" ? req.headers["x-request-id"].slice(0, 100) : randomUUID(),
      autoLogging: { ignore: (req) => !req.url?.startsWith("/trpc") },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  app.use("/api", healthRouter(orm, config.database));
  app.use("/api", reportPdfRouter({ orm, config, log }));
  // No express.json() here: tRPC reads the body itself (FormData procedures break otherwise).
  app.use(
    "/trpc",
    bodyLimit(config.maxBodyBytes),
    trpcExpress.createExpressMiddleware({
      router: appRouter,
      createContext: createHttpContextFactory({ orm, config, log }),
      maxBodySize: config.maxBodyBytes,
    }),
  );

  const indexHtml = join(config.webDist, "index.html");
  if (existsSync(indexHtml)) {
    app.use(express.static(config.webDist, { index: false, maxAge: "1h" }));
    // Client-side routes: every other GET gets the SPA.
    app.get("/{*path}", (req, res, next) => {
      if (req.path.startsWith("/api/") || req.path.startsWith("/trpc")) return next();
      res.set("Cache-Control", "no-cache").sendFile(indexHtml);
    });
  } else {
    app.get("/", (_req, res) => {
      res.type("text").send("The Shortlist API is running, but the web app is not built: run `npm run build`.");
    });
  }

  app.use("/api", (_req, res) => {
    res.status(404).json({ error: { code: "NOT_FOUND", message: "No such endpoint" } });
  });
  return app;
}
