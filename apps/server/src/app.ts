import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { appRouter, createHttpContextFactory, fileRoutes, type ContextDeps, type FileRoute } from "@shortlist/api";
import * as trpcExpress from "@trpc/server/adapters/express";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { healthRouter } from "./health";
import { fileRoutesRouter } from "./file-routes";
import { bodyLimit, jsonBodiesOnly, noStore, readWholeBody, requestIdOf, sameOriginOnly } from "./request-guards";

/** `fileRoutes` defaults to every module's; a test may mount its own (e.g. an upload route made for the test). */
export function createApp(
  deps: ContextDeps,
  { fileRoutes: routes = fileRoutes }: { fileRoutes?: readonly FileRoute[] } = {},
) {
  const { config, log } = deps;
  const app = express();
  app.disable("x-powered-by");
  if (config.trustProxy) app.set("trust proxy", true);
  app.use(
    helmet({
      // Served over plain http on localhost by default; only ask for HTTPS when cookies are Secure.
      strictTransportSecurity: config.auth.cookieSecure,
      contentSecurityPolicy: {
        directives: {
          upgradeInsecureRequests: config.auth.cookieSecure ? [] : null,
          // A candidate listens back to their answer's recording before sending it (an object URL).
          mediaSrc: ["'self'", "blob:"],
        },
      },
    }),
  );
  app.use(
    pinoHttp({
      logger: log,
      genReqId: requestIdOf,
      autoLogging: { ignore: (req) => !req.url?.startsWith("/trpc") },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  app.use(["/api", "/trpc"], noStore(), sameOriginOnly(config.allowedOrigins));
  app.use("/api", healthRouter(deps));
  app.use(fileRoutesRouter(deps, routes));
  app.use(
    "/trpc",
    jsonBodiesOnly(),
    bodyLimit(config.maxBodyBytes),
    // The whole body before tRPC: nothing of a procedure runs for a body that never completes.
    readWholeBody({ maxBytes: config.maxBodyBytes, timeoutMs: config.bodyTimeoutMs }),
    trpcExpress.createExpressMiddleware({
      router: appRouter,
      createContext: createHttpContextFactory(deps),
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

/**
 * The app in an HTTP server that also bounds how long a client may take to send a request
 * (headers, then the body), on every route: a slow client cannot hold a socket for long.
 */
export function createHttpServer(deps: ContextDeps) {
  const headersTimeout = Math.min(60_000, deps.config.bodyTimeoutMs);
  return createServer({ headersTimeout, requestTimeout: headersTimeout + deps.config.bodyTimeoutMs }, createApp(deps));
}
